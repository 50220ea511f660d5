import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContractExchange, ContractHandlerOptions } from './contract/handlers.js';
import { contractOperations, createContractHandlers, DEFAULT_PAGE_SIZE, handlers } from './msw.js';

/** The public entry with the real spec's operations, driven by raw fetch. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const AUTH = { authorization: 'Bearer token-1' };
const JSON_TYPE = { 'content-type': 'application/json' };

function use(options: ContractHandlerOptions = {}): ContractExchange[] {
  const log: ContractExchange[] = [];
  server.use(...createContractHandlers({ ...options, onResponse: (e) => log.push(e) }));
  return log;
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

describe('handlers', () => {
  it('has one handler per operation plus the fallback', () => {
    expect(handlers).toHaveLength(contractOperations.length + 1);
    expect(createContractHandlers({ fallback: false })).toHaveLength(contractOperations.length);
  });

  it('answers a valid request with the documented status and reports the exchange', async () => {
    const log = use();
    const result = await call('https://api.miro.com/v2/boards/uXjVO%3D/sticky_notes', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ data: { content: 'hello', shape: 'square' }, position: { x: 1, y: 2 } }),
    });
    expect(result.status).toBe(201);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      operationId: 'create-sticky-note-item',
      methodName: 'createStickyNoteItem',
      accepted: true,
      status: 201,
      problems: [],
    });
    expect(log[0]!.request.path).toEqual({ board_id: 'uXjVO=' });
    expect(log[0]!.request.body).toEqual({ data: { content: 'hello', shape: 'square' }, position: { x: 1, y: 2 } });
    expect(log[0]!.body).toEqual(result.body);
  });

  it('gives 400 listing every problem of a request, each naming its field with expected and received', async () => {
    const log = use();
    const result = await call('https://api.miro.com/v2/boards/b1/sticky_notes?colour=red', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ data: { content: 5, shape: 'circle' }, position: { x: 'left' } }),
    });
    expect(result.status).toBe(400);
    expect(result.body.context.fields.map((f: { field: string }) => f.field)).toEqual([
      'query parameter colour',
      'body.data.content',
      'body.data.shape',
      'body.position.x',
    ]);
    expect(result.body.message).toContain('body.data.content: expected string, got number 5');
    expect(result.body.message).toContain(
      'body.data.shape: expected one of "square", "rectangle", got string "circle"',
    );
    expect(result.body.message).toContain('body.position.x: expected number, got string "left"');
    expect(log[0]).toMatchObject({ accepted: false, status: 400 });
  });

  it('checks query values against their types and explains form arrays', async () => {
    use();
    const bad = await call('https://api.miro.com/v2/boards/b1/items?limit=10&type=sticky');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('query parameter type: expected one of "text", "shape", "sticky_note"');
    const twice = await call('https://api.miro.com/v2/boards/b1/items?cursor=a&cursor=b');
    expect(twice.body.message).toContain('query parameter cursor: given 2 times ("a", "b"); expected one value');
    const log = use();
    const ok = await call('https://api.miro.com/v2/orgs/o1/boards/export/jobs?creatorId=1&creatorId=22&limit=5');
    expect(ok.status).toBe(200);
    expect(log.at(-1)!.request.query).toEqual({ creatorId: [1, 22], limit: 5 });
    const joined = await call('https://api.miro.com/v2/orgs/o1/boards/export/jobs?creatorId=1,22');
    expect(joined.status).toBe(400);
    expect(joined.body.message).toContain(
      'query parameter creatorId[0]: expected integer, got string "1,22" (style form with explode=true repeats the parameter per item: creatorId=a&creatorId=b, not creatorId=a,b)',
    );
    const badDate = await call(
      'https://api.miro.com/v2/orgs/o1/content-logs/items?from=yesterday&to=2024-01-01T00:00:00Z',
    );
    expect(badDate.body.message).toContain('query parameter from: expected a date-time string, got string "yesterday"');
  });

  it('dispatches the items GETs and the group DELETEs to the operation their query names', async () => {
    const log = use();
    await call('https://api.miro.com/v2/boards/b1/items?limit=10');
    await call('https://api.miro.com/v2/boards/b1/items?parent_item_id=f1');
    await call('https://api.miro.com/v2/boards/b1/items?tag_id=t1');
    await call('https://api.miro.com/v2/boards/b1/groups/g1', { method: 'DELETE' });
    await call('https://api.miro.com/v2/boards/b1/groups/g1?delete_items=true', { method: 'DELETE' });
    expect(log.map((e) => [e.operationId, e.status])).toEqual([
      ['get-items', 200],
      ['get-items-within-frame', 200],
      ['get-items-by-tag', 200],
      ['unGroup', 204],
      ['deleteGroup', 204],
    ]);
  });

  it('prefers a literal path segment over a parameter (groups/items is not group "items")', async () => {
    const log = use();
    await call('https://api.miro.com/v2/boards/b1/groups/items?group_item_id=i1');
    await call('https://api.miro.com/v2/boards/b1/groups/g1');
    expect(log.map((e) => e.operationId)).toEqual(['getItemsByGroupId', 'getGroupById']);
  });

  it('routes the same whatever the order of the handlers', async () => {
    const log: ContractExchange[] = [];
    server.use(...createContractHandlers({ onResponse: (e) => log.push(e) }).reverse());
    await call('https://api.miro.com/v2/boards/b1/groups/items?group_item_id=i1');
    await call('https://api.miro.com/v2/boards/b1/items/bulk', { method: 'POST', headers: JSON_TYPE, body: '[]' });
    await call('https://api.miro.com/v2/boards/b1/items?tag_id=t1');
    expect(log.map((e) => e.operationId)).toEqual(['getItemsByGroupId', 'create-items', 'get-items-by-tag']);
  });

  it('accepts multipart uploads: file parts as files, JSON parts validated', async () => {
    const log = use();
    const form = new FormData();
    form.append('resource', new Blob(['png bytes'], { type: 'image/png' }), 'photo.png');
    form.append(
      'data',
      new Blob([JSON.stringify({ title: 'Photo', position: { x: 0, y: 0 } })], { type: 'application/json' }),
    );
    const ok = await call('https://api.miro.com/v2/boards/b1/images', { method: 'POST', body: form });
    expect(ok.status).toBe(201);
    expect(log[0]!.operationId).toBe('create-image-item-using-local-file');
    expect(log[0]!.request.body).toEqual({
      resource: { file: 'photo.png', type: 'image/png', size: 9 },
      data: { title: 'Photo', position: { x: 0, y: 0 } },
    });

    const missing = new FormData();
    missing.append('data', new Blob(['{"title":"x"}'], { type: 'application/json' }));
    const noFile = await call('https://api.miro.com/v2/boards/b1/images', { method: 'POST', body: missing });
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toContain('part resource: is required (a file)');

    const text = new FormData();
    text.append('resource', 'not a file');
    const notFile = await call('https://api.miro.com/v2/boards/b1/images', { method: 'POST', body: text });
    expect(notFile.body.message).toContain('part resource: expected a file, got a text field');

    const broken = new FormData();
    broken.append('resource', new Blob(['x']), 'x.png');
    broken.append('data', new Blob(['{title'], { type: 'application/json' }));
    const badJson = await call('https://api.miro.com/v2/boards/b1/images', { method: 'POST', body: broken });
    expect(badJson.body.message).toMatch(/part data: is not valid JSON/);
  });

  it('gives 401 for a token isValidToken rejects, with a WWW-Authenticate challenge', async () => {
    use({ isValidToken: (token) => token === 'good' });
    const rejected = await call('https://api.miro.com/v2/boards');
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get('www-authenticate')).toBe('Bearer');
    expect(rejected.body.message).toContain('header Authorization: carries an access token that is not valid');
    const accepted = await fetch('https://api.miro.com/v2/boards', { headers: { authorization: 'Bearer good' } });
    expect(accepted.status).toBe(200);
    const empty = await fetch('https://api.miro.com/v2/boards', { headers: { authorization: 'Bearer ' } });
    expect(((await empty.json()) as { message: string }).message).toBe(
      'get-boards: header Authorization: has no token after "Bearer"',
    );
  });

  it('gives 400 for a body sent to an operation that takes none, and for a missing required body', async () => {
    use();
    const extra = await call('https://api.miro.com/v2/boards/b1', { method: 'DELETE', headers: JSON_TYPE, body: '{}' });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('body: delete-board takes no request body, got 2 bytes');
    const none = await call('https://api.miro.com/v2/boards/b1/sticky_notes', { method: 'POST' });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('body: is required (application/json)');
    const notJson = await call('https://api.miro.com/v2/boards/b1/sticky_notes', {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"data":',
    });
    expect(notJson.body.message).toMatch(/body: is not valid JSON/);
  });

  it('answers 405 with Allow for a method the path does not have, 404 for an unknown path', async () => {
    const log = use();
    const wrongMethod = await call('https://api.miro.com/v2/boards', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, PUT');
    expect(wrongMethod.body.message).toBe(
      'method: DELETE is not an operation of /v2/boards; the spec has GET, POST, PUT there',
    );
    const unknown = await call('https://api.miro.com/v3/boards');
    expect(unknown.status).toBe(404);
    expect(log.map((e) => e.operationId)).toEqual([null, null]);
  });

  it('leaves unmatched paths unhandled when the fallback is off', async () => {
    use({ fallback: false });
    await expect(fetch('https://api.miro.com/v3/boards', { headers: AUTH })).rejects.toThrow();
  });
});

describe('options', () => {
  it('serves the REST API and SCIM from the configured base URLs only', async () => {
    const log = use({ baseUrl: 'http://localhost:4010/miro/', scimBaseUrl: 'http://localhost:4010/scim/v2' });
    expect((await call('http://localhost:4010/miro/v2/boards/b1')).status).toBe(200);
    expect((await call('http://localhost:4010/scim/v2/Users/u1')).status).toBe(200);
    expect(log.map((e) => e.operationId)).toEqual(['get-specific-board', 'getUser']);
    await expect(fetch('https://api.miro.com/v2/boards/b1', { headers: AUTH })).rejects.toThrow();
  });

  it('serves SCIM from https://miro.com/api/v1/scim by default, not from the REST base', async () => {
    const log = use();
    expect((await call('https://miro.com/api/v1/scim/Users/u1')).status).toBe(200);
    expect((await call('https://api.miro.com/Users/u1')).status).toBe(404);
    expect(log.map((e) => e.operationId)).toEqual(['getUser', null]);
  });

  it('rejects a base URL that is not absolute', () => {
    expect(() => createContractHandlers({ baseUrl: '/api' })).toThrow(
      'createContractHandlers: baseUrl must be an absolute URL, got "/api"',
    );
  });

  it('answers the same body for the same seed and another body for another seed', async () => {
    const bodies = async (seed: number) => {
      server.resetHandlers(...createContractHandlers({ seed }));
      return (await call('https://api.miro.com/v2/boards/b1')).body;
    };
    const first = await bodies(1);
    expect(await bodies(1)).toEqual(first);
    expect(await bodies(2)).not.toEqual(first);
  });

  it("answers with the spec's example unless examples is false", async () => {
    use();
    expect((await call('https://miro.com/api/v1/scim/Users/u1')).body.userName).toBe('bjensen');
    server.resetHandlers(...createContractHandlers({ examples: false }));
    expect((await call('https://miro.com/api/v1/scim/Users/u1')).body.userName).toMatch(/^userName-/);
  });

  it('serves offset pages of one collection: offset, limit, size and total consistent, links.next until the last', async () => {
    use();
    const pages = [];
    for (const offset of [0, 3, 6])
      pages.push((await call(`https://api.miro.com/v2/boards?limit=3&offset=${offset}`)).body);
    expect(pages.map((p) => [p.offset, p.limit, p.size, p.total, p.data.length])).toEqual([
      [0, 3, 3, 7, 3],
      [3, 3, 3, 7, 3],
      [6, 3, 1, 7, 1],
    ]);
    expect(pages[0].links.next).toBe('/v2/boards?offset=3');
    expect(pages[2].links.next).toBeUndefined();
    const beyond = (await call('https://api.miro.com/v2/boards?limit=3&offset=50')).body;
    expect(beyond.data).toEqual([]);
  });

  it(`serves cursor pages: the next cursor leads through ${2 * DEFAULT_PAGE_SIZE + 1} items, the last page has none`, async () => {
    use();
    const seen: unknown[] = [];
    let url: string | undefined = 'https://api.miro.com/v2/boards/b1/items';
    let pages = 0;
    while (url) {
      const page: { data: unknown[]; cursor?: string; links?: { next?: string } } = (await call(url)).body;
      pages += 1;
      seen.push(...page.data);
      url = page.cursor ? `https://api.miro.com/v2/boards/b1/items?cursor=${page.cursor}` : undefined;
      if (page.cursor) expect(page.links?.next).toBe(`/v2/boards/{board_id}/items?cursor=${page.cursor}`);
      else expect(page.links?.next).toBeUndefined();
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(2 * DEFAULT_PAGE_SIZE + 1);
    expect(new Set(seen.map((item) => JSON.stringify(item))).size).toBe(seen.length);
  });

  it("reads a cursor it did not issue as the first page's (the spec allows any string)", async () => {
    use();
    const first = (await call('https://api.miro.com/v2/boards/b1/items')).body;
    const foreign = await call('https://api.miro.com/v2/boards/b1/items?cursor=abc');
    expect(foreign.status).toBe(200);
    expect(foreign.body.data).toEqual(first.data);
  });

  it('answers 406 to an Accept that refuses the response media type, and accepts wildcards', async () => {
    use();
    const refused = await call('https://api.miro.com/v2/boards', { headers: { accept: 'text/html' } });
    expect(refused.status).toBe(406);
    expect(refused.body.message).toContain('header Accept: "text/html" does not admit application/json');
    expect((await call('https://api.miro.com/v2/boards', { headers: { accept: 'application/*' } })).status).toBe(200);
    expect((await call('https://api.miro.com/v2/boards', { headers: { accept: '*/*;q=0.1' } })).status).toBe(200);
    const zero = await call('https://api.miro.com/v2/boards', { headers: { accept: 'application/json;q=0, */*' } });
    expect(zero.status).toBe(406);
  });

  it('refuses a body property the spec does not declare, unless strictBodies is false', async () => {
    const init = {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ data: { content: 'hi', colour: 'red' }, position: { x: 1, y: 2 } }),
    };
    use();
    const strict = await call('https://api.miro.com/v2/boards/b1/sticky_notes', init);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('body.data: unknown property "colour"');
    server.resetHandlers();
    use({ strictBodies: false });
    expect((await call('https://api.miro.com/v2/boards/b1/sticky_notes', init)).status).toBe(201);
  });
});
