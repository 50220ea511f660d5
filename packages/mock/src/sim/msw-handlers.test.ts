import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMswHandlers } from './msw-handlers.js';
import { createMiroSimulation } from './simulation.js';

const sim = createMiroSimulation({ autoApprove: true });
const server = setupServer(...createMswHandlers(sim));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('createMswHandlers', () => {
  it('routes fetch calls to api.miro.com and miro.com into the simulation', async () => {
    const authorize = await fetch(sim.authorizeUrl({ redirectUri: 'https://app.example.com/cb', state: 'k' }), {
      redirect: 'manual',
    });
    expect(authorize.status).toBe(302);
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await fetch('https://api.miro.com/v1/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://app.example.com/cb',
        client_id: 'demo-client-id',
        client_secret: 'demo-client-secret',
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const board = await fetch('https://api.miro.com/v2/boards', {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'via msw' }),
    });
    expect(board.status).toBe(201);
    expect(((await board.json()) as { name: string }).name).toBe('via msw');
    expect(sim.state.boardIds()).toHaveLength(1);
  });
});
