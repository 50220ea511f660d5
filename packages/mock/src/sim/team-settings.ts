import { badRequest } from './errors.js';
import { isObject, optEnum, type JsonObject } from './validate.js';

/** The values each team setting takes (`TeamSettingsChanges` in the spec); `domains` is a list of strings. */
const SETTINGS: Readonly<Record<string, Readonly<Record<string, readonly string[] | 'domains'>>>> = {
  teamAccountDiscoverySettings: { accountDiscovery: ['hidden', 'request', 'join'] },
  teamCollaborationSettings: { coOwnerRole: ['enabled', 'disabled'] },
  teamCopyAccessLevelSettings: {
    copyAccessLevel: ['anyone', 'team_members', 'team_editors', 'board_owner'],
    copyAccessLevelLimitation: ['anyone', 'team_members'],
  },
  teamInvitationSettings: {
    inviteExternalUsers: ['allowed', 'not_allowed'],
    whoCanInvite: ['only_org_admins', 'admins', 'all_members'],
  },
  teamSharingPolicySettings: {
    allowListedDomains: 'domains',
    createAssetAccessLevel: ['company_admins', 'admins', 'all_members'],
    defaultBoardAccess: ['private', 'view', 'comment', 'edit'],
    defaultBoardSharingAccess: ['team_members_with_editing_rights', 'owner_and_coowners'],
    defaultOrganizationAccess: ['private', 'view', 'comment', 'edit'],
    defaultProjectAccess: ['private', 'view'],
    moveBoardToAccount: ['allowed', 'not_allowed'],
    restrictAllowedDomains: ['enabled', 'enabled_with_external_user_access', 'disabled'],
    sharingOnAccount: ['allowed', 'not_allowed'],
    sharingOnOrganization: ['allowed', 'allowed_with_editing', 'not_allowed'],
    sharingViaPublicLink: ['allowed', 'allowed_with_editing', 'not_allowed'],
  },
};

function refuse(field: string, message: string): never {
  throw badRequest(`Invalid parameter ${field}: ${message}`, [{ field, message }]);
}

/** Applies `TeamSettingsChanges` to `current`, checking every value first; returns the new settings. */
export function readTeamSettings(current: JsonObject, changes: JsonObject): JsonObject {
  const next = structuredClone(current);
  for (const [group, values] of Object.entries(changes)) {
    const allowed = SETTINGS[group];
    if (!allowed) refuse(group, `unknown setting group; expected one of ${Object.keys(SETTINGS).join(', ')}`);
    if (!isObject(values)) refuse(group, 'must be an object');
    const merged: JsonObject = { ...(next[group] as JsonObject | undefined) };
    for (const [key, value] of Object.entries(values)) {
      const rule = allowed[key];
      const field = `${group}.${key}`;
      if (!rule) refuse(field, `unknown setting; expected one of ${Object.keys(allowed).join(', ')}`);
      if (rule === 'domains') {
        if (!Array.isArray(value) || !value.every((d) => typeof d === 'string'))
          refuse(field, 'must be an array of strings');
        merged[key] = [...value];
      } else merged[key] = optEnum(values, key, field, rule);
    }
    next[group] = merged;
  }
  return next;
}
