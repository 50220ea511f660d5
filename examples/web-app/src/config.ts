import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where tokens are kept: `TOKEN_STORE`, SQLite unless it says otherwise. */
export type TokenStoreConfig =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'postgres'; readonly connectionString: string };

/** The Miro app the web app acts for, and where Miro (or the mock) lives. */
export interface MiroAppSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Absent: `<the app's own URL>/auth/callback`, known once the server listens. */
  readonly redirectUrl?: string;
  /** REST API and token endpoint origin; absent: Miro's. */
  readonly apiBaseUrl?: string;
  /** Authorize page; absent: Miro's. */
  readonly authorizeUrl?: string;
}

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly tokenStore: TokenStoreConfig;
  /** Signs the session cookie and derives the OAuth state key. */
  readonly sessionSecret: string;
  /** True when SESSION_SECRET was not set and a random one was made for this process. */
  readonly sessionSecretGenerated: boolean;
  /** Optional AES key for tokens at rest (`TOKEN_ENCRYPTION_KEY`, 64 hex chars). */
  readonly tokenEncryptionKey?: string;
  /** `TRUST_PROXY=1`: behind a TLS-terminating proxy whose `X-Forwarded-Proto` is trusted. */
  readonly trustProxy: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A setting in the environment is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `examples/web-app/.data`: the app's own folder, gitignored. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.data');
export const DEFAULT_PORT = 3000;
export const MIN_SESSION_SECRET_LENGTH = 32;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function absoluteUrl(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value !== undefined && !URL.canParse(value)) {
    throw new ConfigError(`${name} must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parsePort(value: string | undefined, name = 'PORT'): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  }
  return port;
}

export function tokenStoreFromEnv(env: Env, dataDir: string): TokenStoreConfig {
  const kind = (text(env, 'TOKEN_STORE') ?? 'sqlite').toLowerCase();
  switch (kind) {
    case 'sqlite':
      return { kind, filename: text(env, 'SQLITE_FILE') ?? join(dataDir, 'tokens.db') };
    case 'redis': {
      const url = absoluteUrl(env, 'REDIS_URL');
      if (!url) throw new ConfigError('TOKEN_STORE=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)');
      return { kind, url };
    }
    case 'postgres':
    case 'postgresql': {
      const connectionString = absoluteUrl(env, 'DATABASE_URL');
      if (!connectionString) {
        throw new ConfigError('TOKEN_STORE=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
      }
      return { kind: 'postgres', connectionString };
    }
    default:
      throw new ConfigError(`TOKEN_STORE must be sqlite, redis or postgres, got ${JSON.stringify(kind)}`);
  }
}

export function loadConfig(env: Env, defaults: { port?: number } = {}): AppConfig {
  const dataDir = resolve(text(env, 'DATA_DIR') ?? DEFAULT_DATA_DIR);
  const given = text(env, 'SESSION_SECRET');
  if (given !== undefined && given.length < MIN_SESSION_SECRET_LENGTH) {
    throw new ConfigError(`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters long`);
  }
  if (given === undefined && env.NODE_ENV === 'production') {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production (sessions must survive restarts)');
  }
  const tokenEncryptionKey = text(env, 'TOKEN_ENCRYPTION_KEY');
  return {
    port: parsePort(env.PORT) ?? defaults.port ?? DEFAULT_PORT,
    host: text(env, 'HOST') ?? '127.0.0.1',
    dataDir,
    tokenStore: tokenStoreFromEnv(env, dataDir),
    sessionSecret: given ?? randomBytes(32).toString('base64url'),
    sessionSecretGenerated: given === undefined,
    ...(tokenEncryptionKey ? { tokenEncryptionKey } : {}),
    trustProxy: flag(env, 'TRUST_PROXY'),
  };
}

function flag(env: Env, name: string): boolean {
  const value = (text(env, name) ?? '0').toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`${name} must be 1, true, 0 or false, got ${JSON.stringify(env[name])}`);
}

const REAL_MIRO_VARS = ['MIRO_CLIENT_ID', 'MIRO_CLIENT_SECRET', 'MIRO_REDIRECT_URL'] as const;

/**
 * The Miro app from `MIRO_CLIENT_ID`, `MIRO_CLIENT_SECRET` and `MIRO_REDIRECT_URL` (all three, or
 * undefined when none is set), plus the optional `MIRO_API_BASE_URL` / `MIRO_AUTHORIZE_URL`.
 */
export function miroAppFromEnv(env: Env): MiroAppSettings | undefined {
  const missing = REAL_MIRO_VARS.filter((name) => text(env, name) === undefined);
  if (missing.length === REAL_MIRO_VARS.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(`Set all of ${REAL_MIRO_VARS.join(', ')} to use a Miro app; missing: ${missing.join(', ')}`);
  }
  const apiBaseUrl = absoluteUrl(env, 'MIRO_API_BASE_URL');
  const authorizeUrl = absoluteUrl(env, 'MIRO_AUTHORIZE_URL');
  return {
    clientId: text(env, 'MIRO_CLIENT_ID') as string,
    clientSecret: text(env, 'MIRO_CLIENT_SECRET') as string,
    redirectUrl: absoluteUrl(env, 'MIRO_REDIRECT_URL') as string,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    ...(authorizeUrl ? { authorizeUrl } : {}),
  };
}
