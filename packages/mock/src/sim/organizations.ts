import { badRequest, notFound } from './errors.js';
import { iso } from './lookup.js';
import { orgPage, requireOrg } from './org-access.js';
import { json } from './responses.js';
import type { ApiContext, ApiRoute } from './router.js';
import { ORG_ROLES, type OrganizationRecord, type Store } from './store.js';
import { optEnum, type JsonObject } from './validate.js';

const LICENSES = [
  'advanced',
  'standard',
  'basic',
  'full',
  'occasional',
  'free',
  'free_restricted',
  'full_trial',
  'unknown',
] as const;

export const READ_ORG = ['organizations:read'] as const;

function organizationView(org: OrganizationRecord): JsonObject {
  return {
    id: org.id,
    name: org.name,
    plan: org.plan,
    fullLicensesPurchased: org.fullLicensesPurchased,
    type: 'organization',
  };
}

export function orgMemberView(store: Store, org: OrganizationRecord, userId: string): JsonObject {
  const member = org.members.get(userId);
  if (!member) throw notFound(`Member ${userId} not found in organization ${org.id}`);
  return {
    id: userId,
    active: member.active,
    email: store.users.get(userId)?.email ?? '',
    lastActivityAt: iso(member.lastActivityAt),
    license: member.license,
    licenseAssignedAt: iso(member.licenseAssignedAt),
    role: member.role,
    type: 'organization-member',
  };
}

function getOrganization(ctx: ApiContext): Response {
  return json(200, organizationView(requireOrg(ctx)));
}

/**
 * Members of an organization: with `emails` (comma separated) the members with those emails as a
 * plain array, as Miro answers a search; otherwise a cursor page, filtered by `role`, `license`, `active`.
 */
function listMembers(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const emails = ctx.query.get('emails');
  if (emails !== null) {
    const wanted = new Set(emails.split(',').map((e) => e.trim().toLowerCase()));
    const found = [...org.members.keys()].filter((id) =>
      wanted.has(ctx.store.users.get(id)?.email.toLowerCase() ?? ''),
    );
    return json(
      200,
      found.map((id) => orgMemberView(ctx.store, org, id)),
    );
  }
  const filters = Object.fromEntries(ctx.query);
  const role = optEnum(filters, 'role', 'role', ORG_ROLES);
  const license = optEnum(filters, 'license', 'license', LICENSES);
  const active = ctx.query.get('active');
  if (active !== null && active !== 'true' && active !== 'false')
    throw badRequest(`Invalid query parameter active: must be true or false, got ${JSON.stringify(active)}`, [
      { field: 'active', message: 'must be a boolean' },
    ]);
  const ids = [...org.members.entries()]
    .filter(([, m]) => (role === undefined || m.role === role) && (license === undefined || m.license === license))
    .filter(([, m]) => active === null || String(m.active) === active)
    .map(([id]) => ({ id }));
  return json(
    200,
    orgPage(ctx, ids, ({ id }) => orgMemberView(ctx.store, org, id)),
  );
}

function getMember(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, orgMemberView(ctx.store, org, ctx.params.memberId ?? ''));
}

function defaultTeamSettings(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, { organizationId: org.id, ...structuredClone(org.defaultTeamSettings), type: 'team-settings' });
}

function dataClassificationSettings(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, {
    enabled: org.classification.enabled,
    labels: org.classification.labels.map((label) => ({ ...label, type: 'data-classification-label' })),
    type: 'data-classification-organization-settings',
  });
}

const orgBase = '/v2/orgs/:orgId';

export const organizationRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'GET', path: orgBase, scopes: READ_ORG, handler: getOrganization },
  { kind: 'api', method: 'GET', path: `${orgBase}/members`, scopes: READ_ORG, handler: listMembers },
  { kind: 'api', method: 'GET', path: `${orgBase}/members/:memberId`, scopes: READ_ORG, handler: getMember },
  {
    kind: 'api',
    method: 'GET',
    path: `${orgBase}/default_teams_settings`,

    scopes: ['organizations:teams:read'],
    handler: defaultTeamSettings,
  },
  {
    kind: 'api',
    method: 'GET',
    path: `${orgBase}/data-classification-settings`,

    scopes: READ_ORG,
    handler: dataClassificationSettings,
  },
];
