import { MiroApi } from '@miro/api';
import { Miro, MemoryTokenStorage, type TokenStorage } from '@miro/auth';
import { createMiroSimulation, DEMO_CLIENT, type MiroSimulation, type MiroSimulationOptions } from '@miro/mock';
import { createWebApp } from '../app.js';
import { OAUTH_STATE_COOKIE, SESSION_COOKIE } from '../session.js';

export const MIRO_ORIGIN = 'http://miro.test';
export const APP_ORIGIN = 'http://app.test';
export const SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/** A browser stand-in: keeps cookies between requests, like the session cookie. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  clear(): void {
    this.#cookies.clear();
  }
}

export interface Harness {
  readonly sim: MiroSimulation;
  readonly miro: Miro;
  readonly storage: TokenStorage;
  readonly jar: CookieJar;
  readonly errors: string[];
  /** A request to the app as the browser, cookies kept; never follows redirects. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A form post with the page's CSRF token unless `csrf` is given. */
  post(path: string, fields: Record<string, string>): Promise<Response>;
  /** Connect, approve at the simulated Miro, and come back: the session is then authorized. */
  connect(): Promise<Response>;
  /** The session id inside the signed session cookie (`<id>.<signature>`). */
  sid(): string;
  /** The OAuth state cookie this browser holds, if any. */
  stateCookie(): string | undefined;
  /** The page's CSRF token (from the sign-out form). */
  csrf(): Promise<string>;
  /** An API client acting as the simulation's default user, for arranging data. */
  api(): MiroApi;
}

export interface HarnessOptions {
  readonly pageSize?: number;
  readonly simulation?: MiroSimulationOptions;
  /** Replaces the fetch that reaches the simulation, e.g. to make Miro unreachable. */
  readonly fetch?: typeof fetch;
  readonly storage?: TokenStorage;
  /** Where the browser reaches the app; default `http://app.test`. */
  readonly appOrigin?: string;
  /** Headers every browser request carries (e.g. a TLS proxy's `X-Forwarded-Proto`). */
  readonly headers?: Record<string, string>;
  readonly trustProxy?: boolean;
}

/** The app wired to a simulated Miro through `fetch`: no sockets, one request at a time. */
export function createHarness(options: HarnessOptions = {}): Harness {
  const sim = createMiroSimulation({
    baseUrl: MIRO_ORIGIN,
    authorizeBase: MIRO_ORIGIN,
    autoApprove: true,
    ...options.simulation,
  });
  const toSim: typeof fetch = (input, init) => sim.handle(new Request(input, init));
  const storage = options.storage ?? new MemoryTokenStorage();
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  const miro = new Miro({
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    redirectUrl: `${appOrigin}/auth/callback`,
    baseUrl: MIRO_ORIGIN,
    authorizeUrl: `${MIRO_ORIGIN}/oauth/authorize`,
    // The simulated Miro and the app live on made-up plain-http hosts in these tests.
    allowInsecureUrls: true,
    storage,
    fetch: options.fetch ?? toSim,
  });
  const errors: string[] = [];
  const app = createWebApp({
    miro,
    sessionSecret: SESSION_SECRET,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    logger: { error: (message) => errors.push(message) },
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  const jar = new CookieJar();

  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers({ ...options.headers, ...Object.fromEntries(new Headers(init.headers)) });
    const cookie = jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await app.request(`${appOrigin}${path}`, { ...init, headers });
    jar.store(response);
    return response;
  };

  const csrf = async () => {
    const text = await (await request('/')).text();
    const match = /name="csrf" value="([^"]+)"/.exec(text);
    if (!match?.[1]) throw new Error('no CSRF token on the page: is the session authorized?');
    return match[1];
  };

  const post = async (path: string, fields: Record<string, string>) => {
    const body = new URLSearchParams({ csrf: fields['csrf'] ?? (await csrf()), ...fields });
    return request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };

  const connect = async () => {
    const toMiro = await request('/connect');
    const authorizeUrl = toMiro.headers.get('location');
    if (!authorizeUrl) throw new Error(`/connect answered ${toMiro.status} without a location`);
    const back = await sim.handle(new Request(authorizeUrl));
    const callback = back.headers.get('location');
    if (!callback) throw new Error(`the authorize page answered ${back.status} without a redirect`);
    const url = new URL(callback);
    return request(`${url.pathname}${url.search}`);
  };

  return {
    sim,
    miro,
    storage,
    jar,
    errors,
    request,
    post,
    connect,
    csrf,
    stateCookie: () => jar.get(OAUTH_STATE_COOKIE) ?? jar.get(`__Host-${OAUTH_STATE_COOKIE}`),
    sid: () => {
      const cookie = jar.get(SESSION_COOKIE) ?? jar.get(`__Host-${SESSION_COOKIE}`);
      if (!cookie) throw new Error('no session cookie yet: request a page first');
      return decodeURIComponent(cookie).split('.')[0] ?? '';
    },
    api: () => new MiroApi({ accessToken: sim.issueToken().accessToken, baseUrl: MIRO_ORIGIN, fetch: toSim }),
  };
}
