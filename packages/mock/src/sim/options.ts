import type { TokenEndpointFaults } from './oauth-faults.js';

/** A registered OAuth app the simulation accepts at its token and authorize endpoints. */
export interface SimulatedClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Exact redirect URIs allowed; when absent, any redirect URI is accepted. */
  readonly redirectUris?: readonly string[];
  /** Scopes granted when the authorize request names none. Default `boards:read boards:write`. */
  readonly defaultScope?: string;
}

/** Miro's credit budget: `limit` credits per user and app for each window of `windowMs`. */
export interface BudgetOptions {
  readonly limit: number;
  readonly windowMs: number;
}

export interface MiroSimulationOptions {
  /** Origin (and optional path prefix) of the REST API. Default `https://api.miro.com`. */
  readonly baseUrl?: string;
  /** Origin serving `/oauth/authorize`. Default `https://miro.com`. */
  readonly authorizeBase?: string;
  /** Lifetime of access tokens. Default 3600 (Miro's one hour). */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens. Default 60 days, as Miro documents. */
  readonly refreshTokenTtlSeconds?: number;
  /** Clock in epoch milliseconds; inject one to expire tokens or roll budget windows in tests. */
  readonly now?: () => number;
  /** Credit budget, or `false` to turn rate limiting off. Default `{ limit: 100000, windowMs: 60000 }`. */
  readonly budget?: BudgetOptions | false | undefined;
  /** Delay added before every response, in milliseconds. Default 0. */
  readonly latencyMs?: number;
  /** Seed for ids and tokens, so runs are reproducible. Default 1. */
  readonly seed?: number;
  /** Registered apps. Default one demo client (see `DEMO_CLIENT`). */
  readonly clients?: readonly SimulatedClient[];
  /** Skip the approve page: `GET /oauth/authorize` redirects with a code at once. */
  readonly autoApprove?: boolean;
  /** Access tokens accepted from the start without an OAuth flow, with every scope; they never expire. */
  readonly staticTokens?: readonly string[];
  /** How long a board export job runs, in the clock's milliseconds, before its files are ready. Default 0. */
  readonly exportDurationMs?: number;
  /** Faults for the token endpoint to answer with, and its record of requests (see `TokenEndpointFaults`). */
  readonly tokenEndpointFaults?: TokenEndpointFaults;
}

export const DEMO_CLIENT: SimulatedClient = {
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
};

export const DEFAULT_SCOPE = 'boards:read boards:write';

/** Every scope the simulation checks (the enterprise endpoints need theirs); static tokens carry them all. */
export const ALL_SCOPES = [
  'boards:read',
  'boards:write',
  'boards:export',
  'organizations:read',
  'organizations:teams:read',
  'organizations:teams:write',
  'organizations:groups:read',
  'organizations:groups:write',
] as const;
export const DEFAULT_BUDGET: BudgetOptions = { limit: 100_000, windowMs: 60_000 };

export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly authorizeBase: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly now: () => number;
  readonly budget: BudgetOptions | false;
  readonly latencyMs: number;
  readonly seed: number;
  readonly clients: readonly SimulatedClient[];
  readonly autoApprove: boolean;
  readonly staticTokens: readonly string[];
  readonly exportDurationMs: number;
  readonly tokenEndpointFaults: TokenEndpointFaults | undefined;
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function checkUrl(name: string, value: string): string {
  try {
    new URL(value);
  } catch {
    throw new TypeError(`createMiroSimulation: option ${name} must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  return trimSlash(value);
}

function checkPositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`createMiroSimulation: option ${name} must be a positive number, got ${value}`);
  }
  return value;
}

export function resolveOptions(options: MiroSimulationOptions = {}): ResolvedOptions {
  const budget = options.budget ?? DEFAULT_BUDGET;
  if (budget !== false) {
    checkPositive('budget.limit', budget.limit);
    checkPositive('budget.windowMs', budget.windowMs);
  }
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new TypeError(`createMiroSimulation: option latencyMs must be >= 0, got ${latencyMs}`);
  }
  const exportDurationMs = options.exportDurationMs ?? 0;
  if (!Number.isFinite(exportDurationMs) || exportDurationMs < 0) {
    throw new TypeError(`createMiroSimulation: option exportDurationMs must be >= 0, got ${exportDurationMs}`);
  }
  const clients = options.clients ?? [DEMO_CLIENT];
  if (clients.length === 0) throw new TypeError('createMiroSimulation: option clients must list at least one client');
  return {
    baseUrl: checkUrl('baseUrl', options.baseUrl ?? 'https://api.miro.com'),
    authorizeBase: checkUrl('authorizeBase', options.authorizeBase ?? 'https://miro.com'),
    accessTokenTtlSeconds: checkPositive('accessTokenTtlSeconds', options.accessTokenTtlSeconds ?? 3600),
    refreshTokenTtlSeconds: checkPositive('refreshTokenTtlSeconds', options.refreshTokenTtlSeconds ?? 60 * 24 * 3600),
    now: options.now ?? Date.now,
    budget,
    latencyMs,
    seed: options.seed ?? 1,
    clients,
    autoApprove: options.autoApprove ?? false,
    staticTokens: options.staticTokens ?? [],
    exportDurationMs,
    tokenEndpointFaults: options.tokenEndpointFaults,
  };
}
