import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig, miroAppFromEnv, parsePort, tokenStoreFromEnv } from './config.js';

const SECRET = 's'.repeat(32);

describe('loadConfig', () => {
  it('defaults to SQLite in the app data dir, port 3000 on 127.0.0.1, and a random session secret', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.tokenStore).toEqual({ kind: 'sqlite', filename: join(DEFAULT_DATA_DIR, 'tokens.db') });
    expect(DEFAULT_DATA_DIR).toMatch(/examples[/\\]web-app[/\\]\.data$/);
    expect([a.port, a.host]).toEqual([3000, '127.0.0.1']);
    expect(a.sessionSecretGenerated).toBe(true);
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
  });

  it('puts the SQLite file under DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).tokenStore).toEqual({ kind: 'sqlite', filename: '/tmp/x/tokens.db' });
  });

  it('takes SESSION_SECRET, and refuses a short one', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET must be at least 32 characters/);
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required when NODE_ENV=production/);
  });

  it('trusts a TLS proxy only with TRUST_PROXY set, and names a value it does not understand', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be 1, true, 0 or false, got "yes"/);
  });

  it('names PORT when it is not a port', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number \(0-65535\), got "eighty"/);
    expect(() => parsePort('70000', 'MOCK_PORT')).toThrow(/MOCK_PORT must be a port number/);
  });
});

describe('tokenStoreFromEnv', () => {
  it('picks Redis with REDIS_URL and PostgreSQL with DATABASE_URL', () => {
    expect(tokenStoreFromEnv({ TOKEN_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }, '/d')).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6379',
    });
    expect(tokenStoreFromEnv({ TOKEN_STORE: 'postgres', DATABASE_URL: 'postgres://u@h/db' }, '/d')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u@h/db',
    });
  });

  it('says which URL a store needs when it is missing', () => {
    expect(() => tokenStoreFromEnv({ TOKEN_STORE: 'redis' }, '/d')).toThrow(/TOKEN_STORE=redis needs REDIS_URL/);
    expect(() => tokenStoreFromEnv({ TOKEN_STORE: 'postgres' }, '/d')).toThrow(
      /TOKEN_STORE=postgres needs DATABASE_URL/,
    );
  });

  it('refuses an unknown store by name', () => {
    expect(() => tokenStoreFromEnv({ TOKEN_STORE: 'mongo' }, '/d')).toThrow(ConfigError);
    expect(() => tokenStoreFromEnv({ TOKEN_STORE: 'mongo' }, '/d')).toThrow(
      /TOKEN_STORE must be sqlite, redis or postgres, got "mongo"/,
    );
  });
});

describe('miroAppFromEnv', () => {
  const real = {
    MIRO_CLIENT_ID: 'id',
    MIRO_CLIENT_SECRET: 'secret',
    MIRO_REDIRECT_URL: 'http://localhost:3000/auth/callback',
  };

  it('is undefined when no Miro app is configured (the demo then uses the mock)', () => {
    expect(miroAppFromEnv({})).toBeUndefined();
  });

  it('reads the three variables of a real Miro app', () => {
    expect(miroAppFromEnv(real)).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      redirectUrl: real.MIRO_REDIRECT_URL,
    });
  });

  it('names the missing variables when only some are set', () => {
    expect(() => miroAppFromEnv({ MIRO_CLIENT_ID: 'id' })).toThrow(/missing: MIRO_CLIENT_SECRET, MIRO_REDIRECT_URL/);
  });

  it('refuses a redirect URL that is not absolute', () => {
    expect(() => miroAppFromEnv({ ...real, MIRO_REDIRECT_URL: '/auth/callback' })).toThrow(
      /MIRO_REDIRECT_URL must be an absolute URL/,
    );
  });
});
