import { describe, expect, it } from 'vitest';
import {
  creditsOf,
  defaultParameterName,
  itemsInBody,
  operationTable,
  resolveOperation,
  type ResolvedOperation,
} from './operation.js';
import { compactCreateSticky, compactListItems, compactSearch, ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

describe('operationTable', () => {
  it("names each operation's method by its key, and its operationId by the key in kebab-case unless given", () => {
    const table = operationTable({
      getSpecificBoard: { path: '/v2/boards/{board_id}' },
      createGroup: { operationId: 'createGroup', method: 'POST', path: '/v2/boards/{board_id}/groups' },
    });
    expect(table.getSpecificBoard).toMatchObject({ operationId: 'get-specific-board', methodName: 'getSpecificBoard' });
    expect(table.createGroup).toMatchObject({ operationId: 'createGroup', methodName: 'createGroup' });
  });
});

describe('resolveOperation', () => {
  it('fills every omitted field with its documented default', () => {
    expect(resolveOperation(compactListItems)).toEqual(ops.listItems);
    expect(resolveOperation(compactSearch)).toEqual(ops.search);
    expect(resolveOperation(compactCreateSticky)).toEqual(ops.createSticky);
    expect(
      resolveOperation({
        operationId: 'getScimUser',
        path: '/Users/{id}',
        server: 'scim',
        parameters: [{ wireName: 'id', in: 'path' }],
        rateLimitLevel: 1,
      }),
    ).toEqual(ops.getScimUser);
  });

  it('applies the operation-level defaults: GET, api server, no parameters, no body, 200 JSON, level-less credits', () => {
    expect(resolveOperation({ operationId: 'ping-me', path: '/ping' })).toEqual({
      operationId: 'ping-me',
      methodName: 'pingMe',
      method: 'GET',
      path: '/ping',
      server: 'api',
      parameters: [],
      body: null,
      successStatus: 200,
      responseKind: 'json',
      rateLimitLevel: null,
      credits: 50,
      creditsPerItem: false,
      pagination: null,
      deprecated: false,
    } satisfies ResolvedOperation);
  });

  it('keeps every field that is given, including ones equal to another location default', () => {
    const resolved = resolveOperation({
      operationId: 'x',
      path: '/x',
      parameters: [
        { wireName: 'ids', in: 'query', style: 'pipeDelimited', required: true, explode: true, kind: 'array' },
      ],
      body: { kind: 'multipart', required: false, parts: [{ name: 'file', kind: 'file', required: true }] },
      rateLimitLevel: 3,
      credits: 7,
      creditsPerItem: true,
      pagination: { kind: 'offset', itemsField: 'items', pageParam: 'skip', limitParam: null },
      deprecated: true,
    });
    expect(resolved.creditsPerItem).toBe(true);
    expect(resolved.parameters[0]).toEqual({
      wireName: 'ids',
      name: 'ids',
      in: 'query',
      required: true,
      style: 'pipeDelimited',
      explode: true,
      kind: 'array',
    });
    expect(resolved.body).toEqual({
      kind: 'multipart',
      contentType: 'multipart/form-data',
      required: false,
      parts: [{ name: 'file', kind: 'file', required: true }],
    });
    expect(resolved.credits).toBe(7);
    expect(resolved.pagination).toEqual({ kind: 'offset', itemsField: 'items', pageParam: 'skip', limitParam: null });
    expect(resolved.deprecated).toBe(true);
  });

  it('derives the style from the location and explode from the style, as OpenAPI does', () => {
    const [path, query, header, deep] = resolveOperation({
      operationId: 'x',
      path: '/x/{id}',
      parameters: [
        { wireName: 'id' },
        { wireName: 'q' },
        { wireName: 'X-H', in: 'header' },
        { wireName: 'f', style: 'deepObject' },
      ],
    }).parameters;
    expect(path).toMatchObject({ in: 'path', required: true, style: 'simple', explode: false });
    expect(query).toMatchObject({ required: false, style: 'form', explode: true });
    expect(header).toMatchObject({ required: false, style: 'simple', explode: false });
    expect(deep).toMatchObject({ style: 'deepObject', explode: false });
  });

  it('places a parameter in the path when the template has its placeholder, unless it says otherwise', () => {
    const [inPath, sameNameInQuery, other] = resolveOperation({
      operationId: 'x',
      path: '/x/{id}',
      parameters: [{ wireName: 'id' }, { wireName: 'id', in: 'query' }, { wireName: 'idx' }],
    }).parameters;
    expect([inPath?.in, sameNameInQuery?.in, other?.in]).toEqual(['path', 'query', 'query']);
  });

  it('uses the kind media type for a body without one, also for an empty string', () => {
    expect(resolveOperation({ operationId: 'a', path: '/a', body: { kind: 'scim' } }).body?.contentType).toBe(
      'application/scim+json',
    );
    expect(
      resolveOperation({ operationId: 'a', path: '/a', body: { kind: 'json', contentType: '' } }).body?.contentType,
    ).toBe('application/json');
    expect(
      resolveOperation({
        operationId: 'a',
        path: '/a',
        body: { kind: 'json', contentType: 'application/merge-patch+json' },
      }).body?.contentType,
    ).toBe('application/merge-patch+json');
  });

  it('resolves each descriptor once, and a resolved operation to itself', () => {
    const first = resolveOperation(compactListItems);
    expect(resolveOperation(compactListItems)).toBe(first);
    expect(resolveOperation(first)).toBe(first);
  });
});

describe('defaults', () => {
  it('names a parameter by camel-casing its wire name', () => {
    expect(defaultParameterName('board_id')).toBe('boardId');
    expect(defaultParameterName('team-id')).toBe('teamId');
    expect(defaultParameterName('limit')).toBe('limit');
  });

  it('charges the level credits, and level 1 credits without a level', () => {
    expect([1, 2, 3, 4].map((level) => creditsOf(level as 1 | 2 | 3 | 4))).toEqual([50, 100, 500, 2000]);
    expect(creditsOf(null)).toBe(50);
    expect(creditsOf(undefined)).toBe(50);
  });

  it('counts the items of a per-item priced body: an array, else its array fields, at least 1', () => {
    expect(itemsInBody([{}, {}, {}])).toBe(3);
    expect(itemsInBody([])).toBe(1);
    expect(itemsInBody({ data: new Blob(['[]']), resources: [new Blob([]), new Blob([])] })).toBe(2);
    expect(itemsInBody({ membersToAdd: ['a', 'b'], membersToRemove: ['c'] })).toBe(3);
    expect(itemsInBody({ name: 'x' })).toBe(1);
    expect(itemsInBody(undefined)).toBe(1);
  });
});

describe('a compact descriptor', () => {
  /** Every request the client sends, as [method, url, headers, body]. */
  function recordingApi() {
    const sent: unknown[] = [];
    const api = new TestApi({
      accessToken: 'tok',
      budget: false,
      fetch: async (url, init) => {
        sent.push([init.method, url, init.headers, init.body]);
        return Response.json({ data: [{ id: '1' }], cursor: '' }, { status: url.includes('sticky') ? 201 : 200 });
      },
    });
    return { api, sent };
  }

  it('sends the same requests as the full descriptor', async () => {
    const full = recordingApi();
    const compact = recordingApi();
    const query = { tags: ['a', 'b'], ids: [1, 2], filter: { type: 'x' }, point: { x: 1 }, q: 'hi', trace: 't-1' };
    await full.api.call(ops.search, [], undefined, query);
    await compact.api.call(compactSearch, [], undefined, query);
    await full.api.call(ops.createSticky, ['b1'], { data: { content: 'x' } });
    await compact.api.call(compactCreateSticky, ['b1'], { data: { content: 'x' } });
    expect(compact.sent).toEqual(full.sent);
    expect(compact.sent).toHaveLength(2);
  });

  it('pages like the full descriptor', async () => {
    const { api, sent } = recordingApi();
    const items: unknown[] = [];
    for await (const item of api.list(compactListItems, ['b1'], { limit: 10 })) items.push(item);
    expect(items).toEqual([{ id: '1' }]);
    expect(sent).toEqual([['GET', 'https://api.miro.com/v2/boards/b1/items?limit=10', expect.any(Object), undefined]]);
  });

  it('reports errors with the same parameter names', () => {
    const api = new TestApi({ accessToken: 'tok', budget: false });
    return expect(api.call(compactSearch, [], undefined, {})).rejects.toThrow(
      'search: query parameter q (q) is required',
    );
  });
});
