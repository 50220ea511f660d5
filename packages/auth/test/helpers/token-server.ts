import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The `state` of the callbacks `issueCallback` makes: pass it as the expected state. */
export const CALLBACK_STATE = 'test-callback-state';

export interface TokenServerOptions {
  clientId?: string;
  clientSecret?: string;
  /** `expires_in` of issued access tokens, in seconds. */
  expiresIn?: number;
  /** Delay before answering a token request, so concurrent callers really overlap. */
  latencyMs?: number;
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * A real HTTP stand-in for Miro's OAuth endpoints: rotates refresh tokens and refuses a reused one
 * (like Miro, which logs the user out), serves GET /v2/boards to valid access tokens, and records
 * every request so tests can count refreshes and scan URLs for secrets.
 */
export interface TokenServer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every request line seen: method and full URL (path + query). */
  readonly requests: { method: string; url: string; contentType: string | undefined; body: string }[];
  readonly counts: {
    codeExchanges: number;
    refreshes: number;
    reusedRefreshTokens: number;
    revokes: number;
    boards: number;
    unauthorized: number;
  };
  /** Registers an authorization code that the server will exchange once. */
  issueCode(): string;
  /** The redirect an app receives after authorization: a fresh code and `CALLBACK_STATE`. */
  issueCallback(): string;
  /** Issues tokens as if a user had authorized; the access token is valid until `expire()`d. */
  seedTokens(): IssuedTokens;
  /** Makes an access token answer 401 from now on (as if it expired at Miro). */
  expire(accessToken: string): void;
  close(): Promise<void>;
}

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const clientId = options.clientId ?? '3458764500000000001';
  const clientSecret = options.clientSecret ?? `client-secret-${token()}`;
  const codes = new Set<string>();
  const validAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  const spentRefresh = new Set<string>();
  const requests: TokenServer['requests'] = [];
  const counts = { codeExchanges: 0, refreshes: 0, reusedRefreshTokens: 0, revokes: 0, boards: 0, unauthorized: 0 };

  const issue = (): IssuedTokens => {
    const pair = { accessToken: `at-${token()}`, refreshToken: `rt-${token()}` };
    validAccess.add(pair.accessToken);
    liveRefresh.add(pair.refreshToken);
    return pair;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));

    if (req.method === 'POST' && url.pathname === '/v1/oauth/token') {
      if (url.search !== '')
        return json(res, 400, { error: 'invalid_request', error_description: 'parameters belong in the body' });
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return json(res, 400, { error: 'invalid_request', error_description: 'form body expected' });
      }
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return json(res, 401, { error: 'invalid_client' });
      }
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const code = form.get('code') ?? '';
        if (!codes.delete(code)) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown code' });
        counts.codeExchanges++;
        return json(res, 200, answer(issue()), true);
      }
      if (grant === 'refresh_token') {
        const refresh = form.get('refresh_token') ?? '';
        if (spentRefresh.has(refresh)) {
          counts.reusedRefreshTokens++;
          return json(res, 400, { error: 'invalid_grant', error_description: 'refresh token was already used' });
        }
        if (!liveRefresh.delete(refresh))
          return json(res, 400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
        spentRefresh.add(refresh);
        counts.refreshes++;
        return json(res, 200, answer(issue()), true);
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && url.pathname === '/v2/oauth/revoke') {
      const parsed = JSON.parse(body || '{}') as { accessToken?: string; clientId?: string; clientSecret?: string };
      if (parsed.clientId !== clientId || parsed.clientSecret !== clientSecret)
        return json(res, 401, { error: 'invalid_client' });
      if (!parsed.accessToken || !validAccess.delete(parsed.accessToken))
        return json(res, 400, { error: 'invalid_token' });
      counts.revokes++;
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/v2/boards') {
      const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!validAccess.has(bearer)) {
        counts.unauthorized++;
        return json(res, 401, { status: 401, code: 'tokenNotProvided', message: 'Unauthorized', type: 'error' });
      }
      counts.boards++;
      return json(res, 200, { data: [], total: 0, size: 0, offset: 0, limit: 20, links: {}, type: 'list' });
    }
    json(res, 404, { status: 404, message: 'not found' });
  };

  const issueCode = () => {
    const code = `code-${token()}`;
    codes.add(code);
    return code;
  };

  const answer = (pair: IssuedTokens) => ({
    user_id: '3458764517517819000',
    refresh_token: pair.refreshToken,
    access_token: pair.accessToken,
    expires_in: options.expiresIn ?? 3599,
    team_id: '3458764517517818867',
    scope: 'boards:read boards:write',
    token_type: 'bearer',
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    requests,
    counts,
    issueCode,
    issueCallback: () => `https://app.example/auth/callback?code=${issueCode()}&state=${CALLBACK_STATE}`,
    seedTokens: issue,
    expire: (accessToken) => void validAccess.delete(accessToken),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function token(): string {
  return randomBytes(12).toString('base64url');
}

// Miro writes team_id and user_id as bare numbers too; `raw` keeps them as the JSON text says.
function json(res: ServerResponse, status: number, body: Record<string, unknown>, numericIds = false): void {
  let text = JSON.stringify(body);
  if (numericIds) text = text.replace(/"(team_id|user_id)":"(\d+)"/g, '"$1":$2');
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
