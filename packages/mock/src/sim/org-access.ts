import { MiroError, notFound } from './errors.js';
import { cursorPage, ORG_LIST_LIMITS } from './pagination.js';
import type { ApiContext } from './router.js';
import type { OrganizationRecord, TeamRecord } from './store.js';
import type { JsonObject } from './validate.js';

/**
 * What every enterprise endpoint (`/v2/orgs/{org_id}/...`) checks first: the organization exists
 * and the caller is one of its Company Admins, as Miro requires.
 */
export function requireOrg(ctx: ApiContext): OrganizationRecord {
  const orgId = ctx.params.orgId ?? '';
  const org = ctx.store.organizations.get(orgId);
  if (!org) throw notFound(`Organization ${orgId} not found`);
  const member = org.members.get(ctx.user.id);
  if (member?.role !== 'organization_internal_admin') {
    throw new MiroError(
      403,
      'insufficientPermissions',
      `Enterprise endpoints need a Company Admin of organization ${org.id}; user ${ctx.user.id} is ${member ? `a ${member.role}` : 'not a member'}`,
    );
  }
  return org;
}

/** The team `ctx.params.teamId` of `org` (404 for a team of another organization too). */
export function requireTeam(ctx: ApiContext, org: OrganizationRecord, teamId = ctx.params.teamId ?? ''): TeamRecord {
  const team = ctx.store.teams.get(teamId);
  if (!team || team.orgId !== org.id) throw notFound(`Team ${teamId} not found in organization ${org.id}`);
  return team;
}

/** Teams of an organization, oldest first. */
export function teamsOf(ctx: ApiContext, org: OrganizationRecord): TeamRecord[] {
  return [...ctx.store.teams.values()].filter((t) => t.orgId === org.id);
}

/** A page of an organization list in Miro's enterprise shape: `{ limit, size, data, cursor?, type: 'cursor-list' }`. */
export function orgPage<T extends { id: string }>(
  ctx: ApiContext,
  all: readonly T[],
  view: (record: T) => JsonObject,
): JsonObject {
  const page = cursorPage(all, ctx.query, ctx.selfUrl, ORG_LIST_LIMITS);
  const body: JsonObject = { limit: page.limit, size: page.size, data: page.data.map(view), type: 'cursor-list' };
  if (page.cursor) body.cursor = page.cursor;
  return body;
}
