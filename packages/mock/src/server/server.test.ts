import { describe, expect, it } from 'vitest';
import { startMockServer } from './server.js';

describe('startMockServer', () => {
  it('serves the OAuth flow and the API over real HTTP on a free port, then closes', async () => {
    const server = await startMockServer({ port: 0, autoApprove: true });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.simulation.baseUrl).toBe(server.url);
      const authorize = await fetch(server.simulation.authorizeUrl({ redirectUri: 'http://localhost:3000/cb' }), {
        redirect: 'manual',
      });
      expect(authorize.status).toBe(302);
      const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokenResponse = await fetch(`${server.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'http://localhost:3000/cb',
          client_id: 'demo-client-id',
          client_secret: 'demo-client-secret',
        }),
      });
      expect(tokenResponse.status).toBe(200);
      const { access_token } = (await tokenResponse.json()) as { access_token: string };
      const created = await fetch(`${server.url}/v2/boards`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'over http' }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('x-ratelimit-limit')).toBe('100000');
      const board = (await created.json()) as { id: string; links: { self: string } };
      expect(board.links.self).toBe(`${server.url}/v2/boards/${board.id}`);
      const deleted = await fetch(board.links.self, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(deleted.status).toBe(204);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/v2/boards`)).rejects.toThrow();
  });

  it('serves the approve page on its own origin', async () => {
    const server = await startMockServer();
    try {
      const page = await fetch(
        server.simulation.authorizeUrl({ redirectUri: 'http://localhost:3000/cb', state: 'abc' }),
      );
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('id="approve"');
      const approved = await fetch(`${server.url}/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          response_type: 'code',
          client_id: 'demo-client-id',
          redirect_uri: 'http://localhost:3000/cb',
          state: 'abc',
          decision: 'approve',
        }),
      });
      expect(approved.status).toBe(302);
      expect(new URL(approved.headers.get('location') ?? '').searchParams.get('state')).toBe('abc');
    } finally {
      await server.close();
    }
  });
});
