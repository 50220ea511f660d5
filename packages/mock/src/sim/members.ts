import { badRequest, notFound } from './errors.js';
import { boardLink, requireBoard, userInfo } from './lookup.js';
import { offsetPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import { BOARD_ROLES, type BoardRecord, type BoardRole } from './store.js';
import { optEnum, optString, type JsonObject } from './validate.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function memberView(
  ctx: RequestContext,
  board: BoardRecord,
  userId: string,
  role: BoardRole,
  withLinks: boolean,
): JsonObject {
  const view: JsonObject = { id: userId, name: userInfo(ctx.store, userId).name, role, type: 'board_member' };
  if (withLinks) view.links = { self: `${boardLink(ctx, board.id)}/members/${userId}` };
  return view;
}

function requireMember(board: BoardRecord, memberId: string): BoardRole {
  const role = board.members.get(memberId);
  if (!role) throw notFound(`Board member ${memberId} not found on board ${board.id}`);
  return role;
}

/** Invites by email; each email becomes a (simulated) user. Answers `InvitationResult`. */
async function shareBoard(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const body = await readJsonObject(ctx.request);
  const emails = body.emails;
  if (
    !Array.isArray(emails) ||
    emails.length < 1 ||
    emails.length > 20 ||
    !emails.every((e) => typeof e === 'string')
  ) {
    throw badRequest('Invalid parameter emails: must be an array of 1 to 20 email addresses', [
      { field: 'emails', message: 'must be an array of 1 to 20 strings' },
    ]);
  }
  const role = optEnum(body, 'role', 'role', BOARD_ROLES) ?? 'commenter';
  optString(body, 'message', 'message');
  const successful: number[] = [];
  const failed: JsonObject[] = [];
  for (const email of emails as string[]) {
    if (!EMAIL.test(email)) {
      failed.push({ email, reason: 'INVALID_EMAIL' });
      continue;
    }
    const user = ctx.store.userFor(email);
    if (board.members.get(user.id) !== 'owner') board.members.set(user.id, role);
    successful.push(Number(user.id));
  }
  return json(201, { successful, failed });
}

function listMembers(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const page = offsetPage([...board.members.entries()], ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map(([id, role]) => memberView(ctx, board, id, role, false)) });
}

function getMember(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const id = ctx.params.memberId ?? '';
  return json(200, memberView(ctx, board, id, requireMember(board, id), true));
}

async function updateMember(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const id = ctx.params.memberId ?? '';
  requireMember(board, id);
  const body = await readJsonObject(ctx.request);
  const role = optEnum(body, 'role', 'role', BOARD_ROLES) ?? 'commenter';
  if (id === board.ownerId && role !== 'owner')
    throw badRequest(`User ${id} owns board ${board.id}; the owner's role cannot be changed`);
  board.members.set(id, role);
  return json(200, memberView(ctx, board, id, role, true));
}

function removeMember(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const id = ctx.params.memberId ?? '';
  requireMember(board, id);
  if (id === board.ownerId) throw badRequest(`User ${id} owns board ${board.id} and cannot be removed from it`);
  board.members.delete(id);
  return noContent();
}

export const memberRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: '/v2/boards/:boardId/members', handler: shareBoard },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/members', handler: listMembers },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/members/:memberId', handler: getMember },
  { kind: 'api', method: 'PATCH', path: '/v2/boards/:boardId/members/:memberId', handler: updateMember },
  { kind: 'api', method: 'DELETE', path: '/v2/boards/:boardId/members/:memberId', handler: removeMember },
];
