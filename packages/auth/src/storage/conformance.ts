/**
 * The behaviour every `TokenStorage` adapter must show, as one vitest suite that each adapter's
 * test file runs against its real server. Not part of the published package.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MiroAuthError, MiroInvalidArgumentError, MiroStorageError, MiroTokenDecryptionError } from '../errors.js';
import type { LockedTokenState, TokenState, TokenStorage } from '../types.js';
import { encryptTokenStorage } from './encrypted.js';

export interface StorageConformanceOptions {
  /** Store name, as errors must name it (`Redis`, `PostgreSQL`, `SQLite`, `memory`). */
  name: string;
  /** A new client onto the same data (same prefix, table or file) each call. */
  create(): Promise<TokenStorage> | TokenStorage;
  /** Closes a client made by `create`. */
  close?(storage: TokenStorage): Promise<void> | void;
  /** The stored record of a user exactly as it sits in the server (found by its key), to check encryption at rest. */
  readRaw?(userId: string): Promise<string | undefined>;
  /** Takes the user's refresh lock away from its current holder (expiry, crash, killed session). */
  breakLock?(userId: string): Promise<void>;
  /** The store going away and coming back. */
  outage?: {
    /** A client that goes through whatever `stop` breaks (a TCP proxy, a locked file). */
    create(): Promise<TokenStorage> | TokenStorage;
    stop(): Promise<void>;
    start(): Promise<void>;
    /** Whether reads fail too while stopped (true for network stores). */
    readsFail: boolean;
  };
  /** Removes everything the run wrote. */
  cleanup?(): Promise<void>;
}

export function runStorageConformance(options: StorageConformanceOptions): void {
  const opened: TokenStorage[] = [];
  const open = async () => {
    const storage = await options.create();
    opened.push(storage);
    return storage;
  };
  const user = () => `user-${randomBytes(6).toString('hex')}`;

  afterAll(async () => {
    for (const storage of opened) await options.close?.(storage);
    await options.cleanup?.();
  });

  describe(`${options.name} storage conformance`, () => {
    it('round-trips a full state and returns undefined for an unknown user', async () => {
      const storage = await open();
      const id = user();
      expect(await storage.get(id)).toBeUndefined();
      const state = sampleState();
      await storage.set(id, state);
      expect(await storage.get(id)).toEqual(state);
      const minimal = { accessToken: 'only-access' };
      await storage.set(id, minimal);
      expect(await storage.get(id)).toEqual(minimal);
    });

    it('shows a write from one client to another client', async () => {
      const [a, b] = [await open(), await open()];
      const id = user();
      const state = sampleState();
      await a.set(id, state);
      expect(await b.get(id)).toEqual(state);
    });

    it('deletes, and deleting an unknown user is not an error', async () => {
      const storage = await open();
      const id = user();
      await storage.set(id, sampleState());
      await storage.delete(id);
      expect(await storage.get(id)).toBeUndefined();
      await expect(storage.delete(user())).resolves.toBeUndefined();
    });

    it('accepts any valid user id, of any length, and keeps them apart', async () => {
      const storage = await open();
      const run = randomBytes(4).toString('hex');
      const ids = [
        `long-${run}-${'x'.repeat(10_000)}`,
        `long-${run}-${'x'.repeat(9_999)}y`,
        `nul-${run}\u0000byte`,
        `emoji-${run} 😀 ünïcode`,
        `{braced-${run}}`,
        `x-${run}}:state`,
        `user:${run}`,
        `#${run}`,
      ];
      const states = ids.map(() => sampleState());
      for (const [i, id] of ids.entries()) await storage.set(id, states[i]!);
      for (const [i, id] of ids.entries()) expect(await storage.get(id)).toEqual(states[i]);
      await storage.delete(ids[0]!);
      expect(await storage.get(ids[0]!)).toBeUndefined();
      expect(await storage.get(ids[1]!)).toEqual(states[1]);
      await storage.withRefreshLock!(ids[2]!, (locked) => locked.set(states[3]!));
      expect(await storage.get(ids[2]!)).toEqual(states[3]);
    });

    it('refuses an empty user id and one with a lone surrogate, naming the problem', async () => {
      const storage = await open();
      for (const id of ['', 'lone-\uD800', 'lone-\uDC00-low']) {
        await expect(storage.get(id)).rejects.toBeInstanceOf(MiroInvalidArgumentError);
        await expect(storage.set(id, sampleState())).rejects.toThrow(/userId must be/);
        await expect(storage.delete(id)).rejects.toThrow(/userId must be/);
        await expect(storage.withRefreshLock!(id, async () => 'never')).rejects.toThrow(/userId must be/);
      }
    });

    if (options.readRaw) {
      const readRaw = options.readRaw;
      it('keeps the user id beside the tokens in the stored record', async () => {
        const storage = await open();
        const id = `${user()}-${'z'.repeat(300)}`;
        await storage.set(id, sampleState());
        expect(JSON.parse((await readRaw(id)) ?? '{}').user).toBe(id);
      });
    }

    it('keeps many users apart', async () => {
      const storage = await open();
      const ids = Array.from({ length: 100 }, user);
      const states = ids.map(() => sampleState());
      await Promise.all(ids.map((id, i) => storage.set(id, states[i]!)));
      const read = await Promise.all(ids.map((id) => storage.get(id)));
      expect(read).toEqual(states);
    });

    it('ends concurrent writers with one whole state, not a mix', async () => {
      const clients = [await open(), await open(), await open()];
      const id = user();
      const states = Array.from({ length: 30 }, () => sampleState());
      await Promise.all(states.map((state, i) => clients[i % clients.length]!.set(id, state)));
      const final = await clients[0]!.get(id);
      expect(states).toContainEqual(final);
    });

    it('round-trips through the encryption wrapper and stores no plaintext token', async () => {
      const inner = await open();
      const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
      const id = user();
      const state = sampleState();
      await storage.set(id, state);
      expect(await storage.get(id)).toEqual(state);
      const atRest = [JSON.stringify(await inner.get(id)), (await options.readRaw?.(id)) ?? ''];
      for (const text of atRest) {
        expect(text).not.toContain(state.accessToken);
        expect(text).not.toContain(state.refreshToken);
      }
      if (options.readRaw) expect(await options.readRaw(id)).toBeDefined();
    });

    it('refuses to read encrypted tokens with a wrong key, with a clear error', async () => {
      const inner = await open();
      const id = user();
      await encryptTokenStorage(inner, { key: randomBytes(32) }).set(id, sampleState());
      const wrong = encryptTokenStorage(inner, { key: randomBytes(32) });
      const failure = wrong.get(id);
      await expect(failure).rejects.toBeInstanceOf(MiroTokenDecryptionError);
      await expect(failure).rejects.toThrow(new RegExp(`user "${id}".*wrong encryption key`));
    });

    it('refuses a plaintext record planted under encryption, and encrypts it in migration mode', async () => {
      const inner = await open();
      const id = user();
      const planted = sampleState();
      await inner.set(id, planted);
      const key = randomBytes(32);
      const strict = encryptTokenStorage(inner, { key });
      await expect(strict.get(id)).rejects.toThrow(/not encrypted .* refused/);
      const migrating = encryptTokenStorage(inner, { key, migrateUnencrypted: true });
      expect(await migrating.get(id)).toEqual(planted);
      expect((await inner.get(id))?.accessToken).toMatch(/^enc:v2:/);
      expect(await strict.get(id)).toEqual(planted);
    });

    it('reads with a previous key after the key was rotated', async () => {
      const inner = await open();
      const id = user();
      const oldKey = randomBytes(32);
      const state = sampleState();
      await encryptTokenStorage(inner, { key: oldKey }).set(id, state);
      const rotated = encryptTokenStorage(inner, { key: randomBytes(32), previousKeys: [oldKey] });
      expect(await rotated.get(id)).toEqual(state);
    });

    describe('refresh lock', () => {
      it('is offered', async () => {
        expect(typeof (await open()).withRefreshLock).toBe('function');
      });

      it('lets one holder in at a time, across clients', async () => {
        const clients = [await open(), await open()];
        const id = user();
        let inside = 0;
        let most = 0;
        const entries: number[] = [];
        await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            clients[i % 2]!.withRefreshLock!(id, async (locked) => {
              inside++;
              most = Math.max(most, inside);
              const before = await locked.get();
              await new Promise((resolve) => setTimeout(resolve, 5));
              await locked.set({ accessToken: `a-${i}`, refreshToken: `after-${before?.refreshToken ?? 'none'}` });
              entries.push(i);
              inside--;
            }),
          ),
        );
        expect(most).toBe(1);
        expect(entries).toHaveLength(6);
        // Each holder read what the previous one wrote: the chain of refresh tokens is unbroken.
        const final = await clients[0]!.get(id);
        expect(final?.refreshToken?.split('after-').length).toBe(7);
      });

      it('does not make one user wait for another', async () => {
        const storage = await open();
        const [a, b] = [user(), user()];
        let releaseA!: () => void;
        const holdingA = storage.withRefreshLock!(a, () => new Promise<void>((resolve) => (releaseA = resolve)));
        await waitUntil(() => releaseA !== undefined);
        await storage.withRefreshLock!(b, async (locked) => locked.set({ accessToken: 'b' }));
        expect(await storage.get(b)).toEqual({ accessToken: 'b' });
        releaseA();
        await holdingA;
      });

      it('is released when the holder throws', async () => {
        const storage = await open();
        const id = user();
        await expect(storage.withRefreshLock!(id, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
          'boom',
        );
        await expect(storage.withRefreshLock!(id, async () => 'next')).resolves.toBe('next');
      });

      it('writes and deletes through the locked handle', async () => {
        const storage = await open();
        const id = user();
        const state = sampleState();
        await storage.withRefreshLock!(id, (locked) => locked.set(state));
        expect(await storage.get(id)).toEqual(state);
        await storage.withRefreshLock!(id, (locked) => locked.delete());
        expect(await storage.get(id)).toBeUndefined();
      });

      if (options.breakLock) {
        const breakLock = options.breakLock;
        it('fences out a holder that lost its lock: its write cannot overwrite newer tokens', async () => {
          const [a, b] = [await open(), await open()];
          const id = user();
          await a.set(id, { accessToken: 'initial', refreshToken: 'r0' });
          let staleHandle!: LockedTokenState;
          let releaseStale!: () => void;
          const stale = a.withRefreshLock!(id, async (locked) => {
            staleHandle = locked;
            await new Promise<void>((resolve) => (releaseStale = resolve));
          });
          await waitUntil(() => staleHandle !== undefined);
          await breakLock(id);
          const newer = { accessToken: 'newer', refreshToken: 'r-newer' };
          await b.withRefreshLock!(id, (locked) => locked.set(newer));
          const refused = staleHandle.set({ accessToken: 'stale', refreshToken: 'r-stale' });
          await expect(refused).rejects.toBeInstanceOf(MiroAuthError);
          await expect(staleHandle.delete()).rejects.toBeInstanceOf(MiroAuthError);
          releaseStale();
          await stale.catch(() => undefined);
          expect(await b.get(id)).toEqual(newer);
        });
      }
    });

    if (options.outage) {
      const outage = options.outage;
      it('fails with an error naming the store while it is away, and loses nothing once it is back', async () => {
        const storage = await outage.create();
        opened.push(storage);
        const id = user();
        const before = sampleState();
        await storage.set(id, before);
        await outage.stop();
        try {
          const write = storage.set(id, sampleState());
          await expect(write).rejects.toBeInstanceOf(MiroStorageError);
          await expect(write).rejects.toThrow(new RegExp(`^${options.name} token storage:`));
          if (outage.readsFail)
            await expect(storage.get(id)).rejects.toThrow(new RegExp(`^${options.name} token storage:`));
        } finally {
          await outage.start();
        }
        expect(await eventually(() => storage.get(id))).toEqual(before);
        const after = sampleState();
        await storage.set(id, after);
        expect(await storage.get(id)).toEqual(after);
      });
    }
  });
}

function sampleState(): TokenState & { refreshToken: string } {
  const token = () => randomBytes(16).toString('base64url');
  return {
    accessToken: `at-${token()}`,
    refreshToken: `rt-${token()}`,
    expiresAt: 1_700_000_000_000 + Math.floor(Math.random() * 1e9),
    scope: 'boards:read boards:write',
    teamId: '3458764517517818867',
    miroUserId: '3458764517517819000',
  };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 5 s');
}

/** Retries while a reconnecting client still fails, for up to ~10 s. */
async function eventually<T>(fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < 100; i++) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw lastError;
}
