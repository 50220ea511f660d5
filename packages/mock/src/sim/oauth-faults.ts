import { html, json } from './responses.js';

/**
 * How the token endpoint misbehaves instead of processing a request (the grant it carried is not
 * used: a refresh token stays valid). For testing what an app does when Miro or the path to it fails.
 */
export type TokenEndpointFault =
  /** An RFC 6749 error answer, e.g. `invalid_grant`, `invalid_request`, `unsupported_grant_type`. */
  | { readonly kind: 'oauth-error'; readonly status: number; readonly error: string; readonly description?: string }
  /** An HTML page, as a proxy or load balancer sends. */
  | { readonly kind: 'html'; readonly status: number }
  /** A status with an empty body. */
  | { readonly kind: 'empty'; readonly status: number }
  /** Miro's JSON error body (`status`, `code`, `message`), e.g. 429, 500, 503; `Retry-After` when given. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** No answer for `ms`, then a 504 (the client has usually given up by then). */
  | { readonly kind: 'hang'; readonly ms: number }
  /** The connection is dropped without an answer (`Response.error()`: a network error for msw and fetch). */
  | { readonly kind: 'reset' }
  /** A redirect, e.g. to another origin that would collect what is posted to it. */
  | { readonly kind: 'redirect'; readonly status: 301 | 302 | 303 | 307 | 308; readonly location: string };

/** One request the token endpoint received while a `TokenEndpointFaults` was attached. */
export interface TokenRequestRecord {
  readonly grantType: string | undefined;
  /** The refresh token sent with a `refresh_token` grant. */
  readonly refreshToken: string | undefined;
  /** True when that refresh token had already been exchanged: a reuse, which logs the user out at Miro. */
  readonly reused: boolean;
  /** `issued`, `refused` (the simulation's own OAuth error), or the kind of the injected fault. */
  readonly outcome: 'issued' | 'refused' | TokenEndpointFault['kind'];
}

type Hook = () => void | Promise<void>;

/**
 * Fault injection for the simulation's token endpoint (`POST /v1/oauth/token`): pass one as the
 * `tokenEndpointFaults` option, then queue faults and read what the endpoint received.
 */
export class TokenEndpointFaults {
  readonly #queue: { fault: TokenEndpointFault; remaining: number }[] = [];
  readonly #afterIssue: Hook[] = [];
  readonly #requests: TokenRequestRecord[] = [];

  /** Answers the next `times` token requests with `fault` instead of processing them. */
  inject(fault: TokenEndpointFault, times = 1): this {
    if (!Number.isInteger(times) || times < 1) {
      throw new TypeError(`TokenEndpointFaults.inject: times must be a positive integer, got ${times}`);
    }
    this.#queue.push({ fault, remaining: times });
    return this;
  }

  /**
   * Runs `hook` once, after the endpoint next issues tokens and before its answer leaves: the
   * moment when the tokens exist at Miro but the app has not seen them (e.g. to cut its store).
   */
  afterNextIssue(hook: Hook): this {
    this.#afterIssue.push(hook);
    return this;
  }

  /** Every token request received, oldest first. */
  get requests(): readonly TokenRequestRecord[] {
    return [...this.#requests];
  }

  /** Refresh requests that re-sent an already exchanged refresh token. */
  get reusedRefreshTokens(): number {
    return this.#requests.filter((r) => r.reused).length;
  }

  /** Forgets queued faults, hooks and recorded requests. */
  clear(): void {
    this.#queue.length = 0;
    this.#afterIssue.length = 0;
    this.#requests.length = 0;
  }

  /** @internal The fault for the request being handled, if one is queued. */
  take(): TokenEndpointFault | undefined {
    const next = this.#queue[0];
    if (!next) return undefined;
    if (--next.remaining === 0) this.#queue.shift();
    return next.fault;
  }

  /** @internal */
  record(entry: TokenRequestRecord): void {
    this.#requests.push(entry);
  }

  /** @internal Runs the pending after-issue hook, if any. */
  async issued(): Promise<void> {
    await this.#afterIssue.shift()?.();
  }
}

/** The answer a fault stands for. */
export async function faultResponse(fault: TokenEndpointFault): Promise<Response> {
  switch (fault.kind) {
    case 'oauth-error':
      return json(
        fault.status,
        { error: fault.error, error_description: fault.description ?? `Simulated ${fault.error}` },
        { 'cache-control': 'no-store' },
      );
    case 'html':
      return html(
        fault.status,
        `<!doctype html><html><head><title>${fault.status}</title></head><body><h1>${fault.status} from a proxy</h1></body></html>`,
      );
    case 'empty':
      return new Response(null, { status: fault.status });
    case 'status':
      return json(
        fault.status,
        {
          status: fault.status,
          code: fault.status === 429 ? 'tooManyRequests' : 'internalError',
          message: `Simulated ${fault.status}`,
          type: 'error',
        },
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
      );
    case 'hang':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return json(504, { status: 504, code: 'gatewayTimeout', message: 'Simulated hang', type: 'error' });
    case 'reset':
      return Response.error();
    case 'redirect':
      return new Response(null, { status: fault.status, headers: { location: fault.location } });
  }
}
