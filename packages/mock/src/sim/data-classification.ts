import { badRequest, notFound } from './errors.js';
import { requireBoard } from './lookup.js';
import { requireOrg, requireTeam } from './org-access.js';
import { json } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute } from './router.js';
import type { BoardRecord, ClassificationLabel, OrganizationRecord, TeamRecord } from './store.js';
import { optBoolean, type JsonObject } from './validate.js';

/** Board classification at team and board level (the organization's labels: organizations.ts). */

/**
 * A label id as sent: a string for one board, a JSON number for a team (`int64` in the spec; the
 * simulation's label ids stay below 2^53, so a number names one exactly).
 */
function requireLabel(org: OrganizationRecord, value: unknown, field: string): ClassificationLabel {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value)))
    throw badRequest(`Invalid parameter ${field}: must be the id of a classification label`, [
      { field, message: 'must be a label id' },
    ]);
  const label = org.classification.labels.find((l) => l.id === String(value));
  if (!label)
    throw badRequest(`Invalid parameter ${field}: ${value} is not a classification label of organization ${org.id}`, [
      { field, message: 'unknown label' },
    ]);
  return label;
}

function boardOfTeam(ctx: ApiContext, team: TeamRecord): BoardRecord {
  const board = requireBoard(ctx);
  if (board.teamId !== team.id) throw notFound(`Board ${board.id} not found in team ${team.id}`);
  return board;
}

function teamSettingsView(team: TeamRecord): JsonObject {
  const view: JsonObject = { enabled: team.classification.enabled, type: 'team-data-classification-settings' };
  if (team.classification.defaultLabelId) view.defaultLabelId = team.classification.defaultLabelId;
  return view;
}

/** The board's label, or only `type` for a board not classified yet. */
function boardLabelView(org: OrganizationRecord, board: BoardRecord): JsonObject {
  const label = org.classification.labels.find((l) => l.id === board.classificationLabelId);
  if (!label) return { type: 'board-data-classification-label' };
  return {
    color: label.color,
    id: label.id,
    name: label.name,
    sharingRecommendation: label.sharingRecommendation,
    guidelineUrl: label.guidelineUrl,
    type: 'board-data-classification-label',
  };
}

function getTeamSettings(ctx: ApiContext): Response {
  return json(200, teamSettingsView(requireTeam(ctx, requireOrg(ctx))));
}

async function setTeamSettings(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  const body = await readJsonObject(ctx.request);
  const enabled = optBoolean(body, 'enabled', 'enabled');
  const label =
    body.defaultLabelId === undefined ? undefined : requireLabel(org, body.defaultLabelId, 'defaultLabelId');
  if (enabled !== undefined) team.classification.enabled = enabled;
  if (label) team.classification.defaultLabelId = label.id;
  return json(200, teamSettingsView(team));
}

/** Classifies every board of the team, or only those not classified yet. */
async function classifyTeamBoards(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  const body = await readJsonObject(ctx.request);
  const label = requireLabel(org, body.labelId, 'labelId');
  const onlyUnclassified = optBoolean(body, 'notClassifiedOnly', 'notClassifiedOnly') ?? false;
  let updated = 0;
  for (const board of ctx.store.boards.values()) {
    if (board.teamId !== team.id || (onlyUnclassified && board.classificationLabelId !== undefined)) continue;
    board.classificationLabelId = label.id;
    updated += 1;
  }
  return json(200, { numberUpdatedBoards: updated, type: 'boards-data-classification-label-changed' });
}

function getBoardLabel(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, boardLabelView(org, boardOfTeam(ctx, requireTeam(ctx, org))));
}

async function setBoardLabel(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const board = boardOfTeam(ctx, requireTeam(ctx, org));
  const label = requireLabel(org, (await readJsonObject(ctx.request)).labelId, 'labelId');
  board.classificationLabelId = label.id;
  return json(200, boardLabelView(org, board));
}

const team = '/v2/orgs/:orgId/teams/:teamId';

export const dataClassificationRoutes: readonly ApiRoute[] = [
  {
    kind: 'api',
    method: 'GET',
    path: `${team}/data-classification-settings`,

    scopes: ['organizations:teams:read'],
    handler: getTeamSettings,
  },
  {
    kind: 'api',
    method: 'PATCH',
    path: `${team}/data-classification-settings`,

    scopes: ['organizations:teams:write'],
    handler: setTeamSettings,
  },
  { kind: 'api', method: 'PATCH', path: `${team}/data-classification`, handler: classifyTeamBoards },
  { kind: 'api', method: 'GET', path: `${team}/boards/:boardId/data-classification`, handler: getBoardLabel },
  {
    kind: 'api',
    method: 'POST',
    path: `${team}/boards/:boardId/data-classification`,

    handler: setBoardLabel,
  },
];
