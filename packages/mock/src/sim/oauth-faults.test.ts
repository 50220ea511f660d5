import { describe, expect, it } from 'vitest';
import { startMockServer } from '../server/server.js';
import { TokenEndpointFaults, type TokenEndpointFault } from './oauth-faults.js';
import { DEMO_CLIENT } from './options.js';
import { createMiroSimulation, type MiroSimulation } from './simulation.js';

function refreshRequest(baseUrl: string, refreshToken: string): Request {
  return new Request(`${baseUrl}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
    }),
  });
}

function setup(): { sim: MiroSimulation; faults: TokenEndpointFaults; refreshToken: string } {
  const faults = new TokenEndpointFaults();
  const sim = createMiroSimulation({ tokenEndpointFaults: faults });
  return { sim, faults, refreshToken: sim.issueToken().refreshToken as string };
}

describe('TokenEndpointFaults', () => {
  const cases: [TokenEndpointFault, number, string | null, Record<string, string>][] = [
    [{ kind: 'oauth-error', status: 400, error: 'invalid_grant' }, 400, 'application/json', {}],
    [{ kind: 'oauth-error', status: 400, error: 'unsupported_grant_type' }, 400, 'application/json', {}],
    [{ kind: 'html', status: 400 }, 400, 'text/html; charset=utf-8', {}],
    [{ kind: 'empty', status: 401 }, 401, null, {}],
    [{ kind: 'status', status: 429, retryAfterSeconds: 7 }, 429, 'application/json', { 'retry-after': '7' }],
    [{ kind: 'status', status: 503 }, 503, 'application/json', {}],
    [
      { kind: 'redirect', status: 307, location: 'https://elsewhere.example/token' },
      307,
      null,
      {
        location: 'https://elsewhere.example/token',
      },
    ],
  ];

  it.each(cases)(
    'answers %j instead of processing the grant, which stays usable',
    async (fault, status, type, headers) => {
      const { sim, faults, refreshToken } = setup();
      faults.inject(fault);
      const failed = await sim.handle(refreshRequest(sim.baseUrl, refreshToken));
      expect(failed.status).toBe(status);
      expect(failed.headers.get('content-type')).toBe(type);
      for (const [name, value] of Object.entries(headers)) expect(failed.headers.get(name)).toBe(value);
      if (fault.kind === 'empty') expect(await failed.text()).toBe('');
      const retried = await sim.handle(refreshRequest(sim.baseUrl, refreshToken));
      expect(retried.status).toBe(200);
      expect(faults.requests.map((r) => [r.outcome, r.reused])).toEqual([
        [fault.kind, false],
        ['issued', false],
      ]);
      expect(sim.state.counters.refreshes).toBe(1);
    },
  );

  it('answers the next `times` requests with a fault, then processes them again', async () => {
    const { sim, faults, refreshToken } = setup();
    faults.inject({ kind: 'status', status: 500 }, 2);
    expect((await sim.handle(refreshRequest(sim.baseUrl, refreshToken))).status).toBe(500);
    expect((await sim.handle(refreshRequest(sim.baseUrl, refreshToken))).status).toBe(500);
    expect((await sim.handle(refreshRequest(sim.baseUrl, refreshToken))).status).toBe(200);
  });

  it('records each request: grant, refresh token, and whether the token had been exchanged before', async () => {
    const { sim, faults, refreshToken } = setup();
    await sim.handle(refreshRequest(sim.baseUrl, refreshToken));
    await sim.handle(refreshRequest(sim.baseUrl, refreshToken));
    expect(faults.requests).toEqual([
      { grantType: 'refresh_token', refreshToken, reused: false, outcome: 'issued' },
      { grantType: 'refresh_token', refreshToken, reused: true, outcome: 'refused' },
    ]);
    expect(faults.reusedRefreshTokens).toBe(1);
  });

  it('runs an after-issue hook once the tokens exist and before the answer leaves', async () => {
    const { sim, faults, refreshToken } = setup();
    const seen: string[] = [];
    faults.afterNextIssue(() => {
      seen.push(`hook: ${sim.state.counters.refreshes} refresh`);
    });
    await sim.handle(refreshRequest(sim.baseUrl, refreshToken)).then(() => seen.push('answered'));
    await sim.handle(refreshRequest(sim.baseUrl, sim.issueToken().refreshToken as string));
    // Once only: the second refresh runs no hook.
    expect(seen).toEqual(['hook: 1 refresh', 'answered']);
  });

  it('over HTTP, drops the connection for a reset and hangs for a hang', async () => {
    const faults = new TokenEndpointFaults();
    const server = await startMockServer({ tokenEndpointFaults: faults });
    try {
      const refreshToken = server.simulation.issueToken().refreshToken as string;
      faults.inject({ kind: 'reset' });
      await expect(fetch(refreshRequest(server.url, refreshToken))).rejects.toThrow(TypeError);
      faults.inject({ kind: 'hang', ms: 2_000 });
      await expect(
        fetch(refreshRequest(server.url, refreshToken), { signal: AbortSignal.timeout(100) }),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
      faults.inject({ kind: 'redirect', status: 308, location: 'https://elsewhere.example/t' });
      const redirected = await fetch(refreshRequest(server.url, refreshToken), { redirect: 'manual' });
      expect([redirected.status, redirected.headers.get('location')]).toEqual([308, 'https://elsewhere.example/t']);
      expect((await fetch(refreshRequest(server.url, refreshToken))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => new TokenEndpointFaults().inject({ kind: 'reset' }, 0)).toThrow(/times must be a positive integer/);
  });
});
