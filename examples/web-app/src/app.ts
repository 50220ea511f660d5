import type { ApiResponse } from '@miro/api';
import {
  createOAuthState,
  MiroAuthorizationRequiredError,
  MiroWebSdkTokenError,
  verifyOAuthState,
  type Miro,
} from '@miro/auth';
import { Hono, type Context } from 'hono';
import { ActionError, attempt, describeError, UserError } from './errors.js';
import { plainText, type SafeHtml } from './html.js';
import { pageLinks, parseOffset } from './paging.js';
import {
  csrfToken,
  deriveKeys,
  endSession,
  newSessionId,
  rememberOAuthState,
  servedOverHttps,
  sessionId,
  startSession,
  takeOAuthState,
  verifyCsrf,
  type SessionKeys,
} from './session.js';
import { boardPage, boardsPage, connectPage, errorPage, type Credits } from './views.js';

export interface WebAppLogger {
  error(message: string): void;
}

export interface WebAppOptions {
  /** OAuth and API access; tokens are kept under the session id. */
  readonly miro: Miro;
  /** Signs the session cookie; the OAuth state and CSRF keys are derived from it. */
  readonly sessionSecret: string;
  /** Boards per page; default 10. */
  readonly pageSize?: number;
  readonly logger?: WebAppLogger;
  /**
   * The app sits behind a TLS-terminating proxy: trust its `X-Forwarded-Proto: https` to serve
   * `__Host-` cookies with `Secure`. Off by default (then only the request's own URL counts).
   */
  readonly trustProxy?: boolean;
}

type AppEnv = { Variables: { sid: string; https: boolean } };

/** Fixed notices chosen by a query code, so no text from the URL is ever shown. */
const NOTICES: Readonly<Record<string, string>> = {
  'signed-out': 'You have signed out, and the app’s access to your Miro account was revoked.',
  reconnect: 'Your Miro authorization has expired or was revoked. Connect again to continue.',
};

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The callback URL carries the authorization code: never send it on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function credits(response: ApiResponse): Credits {
  const { remaining, limit, resetAt } = response.rateLimit;
  return {
    ...(remaining === undefined ? {} : { remaining }),
    ...(limit === undefined ? {} : { limit }),
    ...(resetAt === undefined ? {} : { resetAt }),
  };
}

function stickyContent(data: unknown): string {
  const content = data !== null && typeof data === 'object' && 'content' in data ? data.content : undefined;
  return typeof content === 'string' ? plainText(content) : '';
}

function page(c: Context, body: SafeHtml, status: 200 | 400 | 403 | 404 | 429 | 500 | 502 | 503 = 200): Response {
  return c.html(body.toString(), status);
}

async function formOf(c: Context<AppEnv>, keys: SessionKeys): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value;
  if (!verifyCsrf(c.get('sid'), form['csrf'], keys)) {
    throw new UserError(
      403,
      'Request refused',
      'This form has expired or did not come from this app. Reload the page and try again.',
    );
  }
  return form;
}

/** The web app: every route, as a Hono app (serve it with `startWebApp`, or call `app.request()` in tests). */
export function createWebApp(options: WebAppOptions): Hono<AppEnv> {
  const { miro } = options;
  const keys = deriveKeys(options.sessionSecret);
  const pageSize = options.pageSize ?? 10;
  const logger = options.logger ?? { error: (message: string) => console.error(message) };
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  app.use(async (c, next) => {
    c.set('https', servedOverHttps(c, options.trustProxy === true));
    // The Web SDK's API authenticates each call with its token: no session, no cookie.
    if (!c.req.path.startsWith('/api/')) c.set('sid', await sessionId(c, keys, c.get('https')));
    await next();
  });

  const authorized = (sid: string) => attempt('check your Miro connection', () => miro.isAuthorized(sid));

  app.get('/', async (c) => {
    const sid = c.get('sid');
    const notice = NOTICES[c.req.query('notice') ?? ''];
    if (!(await authorized(sid))) return page(c, connectPage(notice));
    const offset = parseOffset(c.req.query('offset'));
    const { data, response } = await attempt('list your boards', () =>
      // Miro's spec types limit and offset as strings.
      miro
        .as(sid)
        .getBoards({ limit: String(pageSize), offset: String(offset) })
        .withResponse(),
    );
    const boards = data.data ?? [];
    const createdId = c.req.query('created');
    return page(
      c,
      boardsPage({
        boards: boards.map((b) => ({ id: b.id, name: b.name, viewLink: b.viewLink, modifiedAt: b.modifiedAt })),
        offset: data.offset ?? offset,
        total: data.total,
        ...pageLinks(data, { offset, limit: pageSize }, boards.length),
        credits: credits(response),
        csrf: csrfToken(sid, keys),
        ...(createdId
          ? { createdId, message: 'Board created with a sticky note.' }
          : notice
            ? { message: notice }
            : {}),
      }),
    );
  });

  app.get('/connect', (c) => {
    const state = createOAuthState(c.get('sid'), keys.oauthState);
    rememberOAuthState(c, state, c.get('https'));
    return c.redirect(miro.getAuthUrl(state), 302);
  });

  app.get('/auth/callback', async (c) => {
    const sid = c.get('sid');
    // The state this browser was sent off with, spent now: a replayed callback finds none.
    const expected = takeOAuthState(c, c.get('https'));
    if (!expected || !verifyOAuthState(c.req.query('state'), sid, keys.oauthState)) {
      throw new UserError(
        403,
        'Connecting to Miro failed',
        'This sign-in response does not belong to your browser session (the OAuth state did not match, has expired or was already used). Please connect again.',
      );
    }
    // A new session id at login: a session id planted in this browser before (fixation) gets nothing.
    const signedIn = newSessionId();
    await attempt('finish connecting to Miro', () =>
      miro.handleAuthorizationCodeRequest(signedIn, c.req.raw, expected),
    );
    await startSession(c, keys, c.get('https'), signedIn);
    // Tokens of the session being replaced (a reconnect) end with it.
    if (await miro.isAuthorized(sid).catch(() => false)) {
      await miro
        .revokeToken(sid)
        .catch((error: unknown) => logger.error(`could not revoke the old session's tokens: ${String(error)}`));
    }
    return c.redirect('/', 303);
  });

  /**
   * For the app's Web SDK part in the board: it sends `Authorization: Bearer <miro.board.getIdToken()>`
   * and gets back who Miro says the user is.
   */
  app.get('/api/web-sdk/whoami', async (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const refuse = (reason: string) =>
      c.json({ error: 'invalid_token', reason }, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    if (!token) return refuse('missing');
    try {
      const claims = await miro.verifyWebSdkToken(token);
      return c.json({ user: claims.user, team: claims.team });
    } catch (error) {
      if (error instanceof MiroWebSdkTokenError) return refuse(error.reason);
      throw error;
    }
  });

  app.post('/boards', async (c) => {
    const sid = c.get('sid');
    const form = await formOf(c, keys);
    if (!(await authorized(sid))) return c.redirect('/?notice=reconnect', 303);
    const name = (form['name'] ?? '').trim();
    const sticky = (form['sticky'] ?? '').trim();
    if (!name) throw new UserError(400, 'Could not create the board', 'Give the board a name.');
    if (!sticky) throw new UserError(400, 'Could not create the board', 'Write something on the sticky note.');
    const api = miro.as(sid);
    const board = await attempt('create the board', () => api.createBoard({ name }));
    await attempt(`add the sticky note to the new board “${board.name}”`, () =>
      api.createStickyNoteItem(board.id, { data: { content: sticky, shape: 'square' } }),
    );
    return c.redirect(`/?created=${encodeURIComponent(board.id)}`, 303);
  });

  app.get('/boards/:id', async (c) => {
    const sid = c.get('sid');
    if (!(await authorized(sid))) return page(c, connectPage());
    const boardId = c.req.param('id');
    const api = miro.as(sid);
    const board = await attempt('open the board', () => api.getSpecificBoard(boardId));
    const { data, response } = await attempt('list the board’s sticky notes', () =>
      api.getItems(boardId, { type: 'sticky_note', limit: '50' }).withResponse(),
    );
    return page(
      c,
      boardPage({
        board: { id: board.id, name: board.name, viewLink: board.viewLink, description: board.description },
        stickyNotes: (data.data ?? []).map((item) => ({ id: item.id, content: stickyContent(item.data) })),
        credits: credits(response),
        csrf: csrfToken(sid, keys),
      }),
    );
  });

  app.post('/signout', async (c) => {
    await formOf(c, keys);
    await attempt('sign out', () => miro.revokeToken(c.get('sid')));
    endSession(c, c.get('https'));
    return c.redirect('/?notice=signed-out', 303);
  });

  app.notFound((c) =>
    page(
      c,
      errorPage({ status: 404, title: 'Page not found', message: `There is no page at ${c.req.path}.`, details: [] }),
      404,
    ),
  );

  app.onError((error, c) => {
    const cause = error instanceof ActionError ? error.cause : error;
    if (cause instanceof MiroAuthorizationRequiredError) return c.redirect('/?notice=reconnect', 303);
    const shown = describeError(error);
    // The page stays readable; the log keeps the detail (errors of @miro/* never carry tokens):
    // a stack for what the app did not expect, one line for what Miro or the user got wrong.
    const detail =
      cause instanceof Error
        ? shown.status >= 500
          ? (cause.stack ?? `${cause.name}: ${cause.message}`)
          : `${cause.name}: ${cause.message}`
        : String(cause);
    logger.error(`${c.req.method} ${c.req.path} -> ${shown.status}: ${shown.title}: ${detail}`);
    return page(c, errorPage(shown), shown.status);
  });

  return app;
}
