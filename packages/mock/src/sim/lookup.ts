import { notFound } from './errors.js';
import type { RequestContext } from './router.js';
import type { BoardRecord, ItemRecord, Store } from './store.js';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function boardLink(ctx: RequestContext, boardId: string): string {
  return `${ctx.options.baseUrl}/v2/boards/${boardId}`;
}

export function requireBoard(ctx: RequestContext, boardId = ctx.params.boardId ?? ''): BoardRecord {
  const board = ctx.store.boards.get(boardId);
  if (!board) throw notFound(`Board ${boardId} not found`);
  return board;
}

export function requireItem(board: BoardRecord, itemId: string): ItemRecord {
  const item = board.items.get(itemId);
  if (!item) throw notFound(`Item ${itemId} not found on board ${board.id}`);
  return item;
}

/** `{ id, name, type: 'user' }`, Miro's short user info. */
export function userInfo(store: Store, userId: string): { id: string; name: string; type: 'user' } {
  return { id: userId, name: store.users.get(userId)?.name ?? 'Unknown user', type: 'user' };
}

/** `{ id, type: 'user' }`, as items report their creator and last modifier. */
export function actor(userId: string): { id: string; type: 'user' } {
  return { id: userId, type: 'user' };
}
