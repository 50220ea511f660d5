import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from './options.js';
import { createMiroSimulation, type MiroSimulation } from './simulation.js';
import { specChecked } from './spec-check.js';

function withAnswer(sim: MiroSimulation, status: number, body: unknown): MiroSimulation {
  return {
    ...sim,
    handle: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  };
}

describe('specChecked', () => {
  const sim = createMiroSimulation({ budget: false });
  const token = sim.issueToken({ scope: ALL_SCOPES.join(' ') }).accessToken;

  it('refuses to send a request the spec would refuse, naming the problem', async () => {
    const api = specChecked(sim, token);
    await expect(api.call('POST', '/v2/boards', { name: 42 })).rejects.toThrow(
      /create-board\) breaks the spec: .*name/,
    );
    await expect(api.call('GET', '/v2/nowhere')).rejects.toThrow(/no operation of the spec matches/);
  });

  it('fails an answer whose status or body the spec does not document', async () => {
    const wrongStatus = specChecked(withAnswer(sim, 200, { id: 'b', name: 'n', type: 'board' }), token);
    await expect(wrongStatus.call('POST', '/v2/boards', { name: 'x' })).rejects.toThrow(
      /create-board: answered 200, the spec documents 201/,
    );
    const wrongBody = specChecked(withAnswer(sim, 201, { id: 7 }), token);
    await expect(wrongBody.call('POST', '/v2/boards', { name: 'x' })).rejects.toThrow(
      /create-board: the answer does not match the response schema/,
    );
  });

  it('passes errors through, and records only documented successes', async () => {
    const api = specChecked(sim, token);
    expect((await api.call('GET', '/v2/boards/uXjVnoSuchBo=')).status).toBe(404);
    expect(api.succeeded.size).toBe(0);
    await api.call('POST', '/v2/boards', { name: 'ok' });
    expect([...api.succeeded]).toEqual(['createBoard']);
  });
});
