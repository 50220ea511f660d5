import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, TokenEndpointFaults, type MockServer } from '@miro/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiroAuthorizationRequiredError } from '../../src/errors.js';
import { Miro } from '../../src/miro.js';
import type { TokenState } from '../../src/types.js';
import { SCENARIOS, TOKEN_TIMEOUT_MS, type Expected, type ScenarioContext } from './scenarios.js';
import { withEncrypted, type StoreFamily, type StoreUnderTest } from './stores.js';

const CLIENT = { clientId: 'fault-matrix-client', clientSecret: 'fault-matrix-client-secret' };

/** Another origin that counts what is sent to it (where a redirect of the token endpoint points). */
async function startThief() {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"stolen"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs every scenario of the fault matrix against one adapter, plain and encrypted, with the real
 * server behind it and `@miro/mock`'s token endpoint in front, and asserts each expected outcome.
 */
export function runFaultMatrix(family: StoreFamily): void {
  const faults = new TokenEndpointFaults();
  let mock: MockServer;
  let thief: Awaited<ReturnType<typeof startThief>>;
  let close: () => Promise<void>;
  const stores: StoreUnderTest[] = [];

  beforeAll(async () => {
    mock = await startMockServer({ clients: [CLIENT], tokenEndpointFaults: faults });
    thief = await startThief();
    const opened = await family.open();
    close = opened.close;
    stores.push(opened.plain, withEncrypted(opened.plain));
  });

  afterAll(async () => {
    await close?.();
    await thief?.close();
    await mock?.close();
  });

  for (const variant of ['', ' encrypted']) {
    describe(`${family.name}${variant}`, () => {
      const store = () => stores.find((s) => s.name === `${family.name}${variant}`) as StoreUnderTest;

      for (const scenario of SCENARIOS) {
        it(describeScenario(scenario.name, scenario.expected), async () => {
          const logged: string[] = [];
          const miro = new Miro({
            ...CLIENT,
            redirectUrl: 'http://127.0.0.1/auth/callback',
            baseUrl: mock.url,
            storage: store().storage,
            tokenRequestTimeoutMs: TOKEN_TIMEOUT_MS,
            logger: (level, message) => {
              if (level !== 'debug') logged.push(`${level} ${message}`);
            },
          });
          const userId = `user-${randomBytes(5).toString('hex')}`;
          const issued = mock.simulation.issueToken({ clientId: CLIENT.clientId });
          // Expired here (so the call refreshes), still valid at Miro.
          const seeded: TokenState = {
            accessToken: issued.accessToken,
            refreshToken: issued.refreshToken as string,
            expiresAt: Date.now() - 1_000,
          };
          await store().direct.set(userId, seeded);
          faults.clear();
          const ctx: ScenarioContext = {
            store: store(),
            miro,
            userId,
            seeded,
            faults,
            stolen: thief.hits,
            thiefUrl: thief.url,
            logged,
          };
          const { expected } = scenario;

          await scenario.arrange(ctx);
          const outcome = await miro.getAccessToken(userId).then(
            (token) => ({ token }),
            (error: unknown) => ({ error }),
          );
          if (expected.call === 'new token') {
            expect(outcome).toEqual({ token: expect.any(String) });
            expect((outcome as { token: string }).token).not.toBe(seeded.accessToken);
          } else {
            expect('error' in outcome && outcome.error).toBeInstanceOf(expected.call.error);
            if (expected.call.fields) expect((outcome as { error: unknown }).error).toMatchObject(expected.call.fields);
          }
          const token = 'token' in outcome ? outcome.token : undefined;
          await scenario.meanwhile?.(ctx, token);
          await scenario.restore?.(ctx);

          expect(faults.requests.length).toBe(expected.tokenRequests);
          const stored = await store().direct.get(userId);
          expect(describeStored(stored, seeded, token)).toBe(expected.stored);
          if (expected.stored === 'the new tokens') expect(isActiveAtMiro(mock, stored?.accessToken)).toBe(true);
          expect(await miro.isAuthorized(userId)).toBe(expected.authorized);
          expect(logged).toEqual(expected.logged);

          // Miro and the store healthy again: the next call.
          const before = faults.requests.length;
          const next = await miro.getAccessToken(userId).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
          expect(faults.requests.length - before).toBe(expected.next.tokenRequests);
          if (expected.next.call === 'a token') {
            expect(next).toEqual({ value: expect.any(String) });
            expect(isActiveAtMiro(mock, (next as { value: string }).value)).toBe(true);
            expect((await store().direct.get(userId))?.accessToken).toBe((next as { value: string }).value);
          } else {
            expect('error' in next && next.error).toBeInstanceOf(MiroAuthorizationRequiredError);
          }
          expect(faults.reusedRefreshTokens).toBe(0);
        });
      }
    });
  }
}

function describeStored(
  stored: TokenState | undefined,
  seeded: TokenState,
  token: string | undefined,
): Expected['stored'] | 'something else' {
  if (!stored) return 'nothing';
  if (stored.refreshToken === seeded.refreshToken && stored.accessToken === seeded.accessToken)
    return 'the seeded tokens';
  if (token !== undefined && stored.accessToken === token) return 'the new tokens';
  return 'something else';
}

function isActiveAtMiro(mock: MockServer, accessToken: string | undefined): boolean {
  return mock.simulation.state.tokens().some((t) => t.accessToken === accessToken && t.active);
}

/** The test's name states the expected outcome. */
function describeScenario(name: string, expected: Expected): string {
  const call =
    expected.call === 'new token' ? 'the call gets the new token' : `the call fails with ${expected.call.error.name}`;
  const requests = `${expected.tokenRequests} token request${expected.tokenRequests === 1 ? '' : 's'}`;
  const authorized = expected.authorized ? 'still authorized' : 'no longer authorized';
  return `${name}: ${call}, ${requests}, 0 refresh tokens re-sent, the store holds ${expected.stored}, ${authorized}`;
}
