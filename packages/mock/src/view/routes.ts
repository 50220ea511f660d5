import type { OpenRoute, RequestContext } from '../sim/router.js';
import { layOut } from './geometry.js';
import { focusView, PAGE_HEADERS, parseView, renderBoardPage, renderViewErrorPage } from './page.js';
import { boardSnapshot } from '../sim/snapshot.js';

function htmlPage(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS } });
}

function boardList(ctx: RequestContext): { id: string; name: string }[] {
  return [...ctx.store.boards.values()].map((b) => ({ id: b.id, name: b.name }));
}

/** `GET /app/board/{id}` (where a board's `viewLink` points): the board drawn, read-only, without sign-in. */
function showBoard(ctx: RequestContext): Response {
  const boardId = ctx.params.boardId ?? '';
  const record = ctx.store.boards.get(boardId);
  if (!record) {
    return htmlPage(
      404,
      renderViewErrorPage('Board not found', `There is no board ${boardId} in this simulation.`, boardList(ctx)),
    );
  }
  const board = boardSnapshot(ctx.store, record);
  const viewText = ctx.query.get('view');
  const focus = ctx.query.get('focus');
  let view = undefined;
  if (viewText !== null && viewText !== '') {
    const parsed = parseView(viewText);
    if (typeof parsed === 'string') return htmlPage(400, renderViewErrorPage('Bad view', parsed, boardList(ctx)));
    view = parsed;
  } else if (focus !== null && focus !== '') {
    const placed = layOut(board).get(focus);
    if (!placed) {
      return htmlPage(
        404,
        renderViewErrorPage('Item not found', `Board ${boardId} has no item ${focus}.`, boardList(ctx)),
      );
    }
    view = focusView(placed.box);
  }
  const pagePath = ctx.url.pathname.replace(/\/+$/, '');
  return htmlPage(
    200,
    renderBoardPage(board, {
      view,
      resourceHref: (resource) => `${pagePath}/resources/${resource.family}/${encodeURIComponent(resource.id)}`,
    }),
  );
}

/**
 * An uploaded image or document of the board, for the view (the API serves it only with a token).
 * Sandboxed: a file uploaded as an image but holding HTML or SVG script cannot run on this origin.
 */
function showResource(ctx: RequestContext): Response {
  const boardId = ctx.params.boardId ?? '';
  const upload = ctx.store.uploads.get(ctx.params.resourceId ?? '');
  if (!upload || upload.boardId !== boardId || upload.family !== ctx.params.family) {
    return htmlPage(
      404,
      renderViewErrorPage(
        'File not found',
        `Board ${boardId} has no uploaded ${ctx.params.family} file ${ctx.params.resourceId}.`,
        boardList(ctx),
      ),
    );
  }
  return new Response(upload.bytes, {
    status: 200,
    headers: {
      'content-type': upload.contentType,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'content-disposition': `${upload.family === 'images' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
      'cache-control': 'no-store',
    },
  });
}

export const boardViewRoutes: readonly OpenRoute[] = [
  { kind: 'open', method: 'GET', path: '/app/board/:boardId', handler: showBoard },
  { kind: 'open', method: 'GET', path: '/app/board/:boardId/resources/:family/:resourceId', handler: showResource },
];
