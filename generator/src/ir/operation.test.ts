import { describe, expect, it } from 'vitest';
import { fixtureSpec } from '../../test/fixture.js';
import { buildIR } from './build.js';
import type { OperationIR } from './types.js';

const page = (items: object, cursor: boolean) => ({
  type: 'object',
  properties: {
    data: { type: 'array', items },
    ...(cursor ? { cursor: { type: 'string' } } : { offset: { type: 'integer' }, total: { type: 'integer' } }),
  },
});
const ok = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const describeLevel = (level: number) =>
  `Lists things.<br/><h3>Required scope</h3> <a href=https://x/scopes>boards:read</a> <br/><h3>Rate limiting</h3> <a href="/reference/rate-limiting">Level ${level}</a><br/>`;

const spec = fixtureSpec(
  {
    '/v2/boards/{board_id_PlatformTags}/items/{item_id}': {
      parameters: [{ name: 'item_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'get-tagged-item',
        description: describeLevel(2),
        parameters: [
          { name: 'board_id_PlatformTags', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'ids_csv', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' } } },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: { type: 'object', properties: { a: { type: 'string' } } },
          },
          {
            name: 'words',
            in: 'query',
            style: 'spaceDelimited',
            explode: false,
            schema: { type: 'array', items: { type: 'string' } },
          },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
        ],
        responses: ok({ type: 'object' }),
      },
    },
    '/v2/things': {
      get: {
        operationId: 'get-things',
        description: describeLevel(1),
        parameters: [
          { $ref: '#/components/parameters/cursor' },
          { name: 'limit', in: 'query', schema: { type: 'string' } },
        ],
        responses: ok(page({ $ref: '#/components/schemas/Thing' }, true)),
      },
      post: {
        operationId: 'create-thing',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: { '204': { description: 'done' } },
      },
    },
    '/v2/boards': {
      get: {
        operationId: 'get-boards',
        description: describeLevel(4),
        parameters: [{ name: 'offset', in: 'query', schema: { type: 'string' } }],
        responses: ok({ $ref: '#/components/schemas/BoardPage' }),
      },
    },
    '/v2/boards/{board_id}/upload': {
      post: {
        operationId: 'upload-file',
        parameters: [{ name: 'board_id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['resource'],
                properties: {
                  resource: { type: 'string', format: 'binary' },
                  data: { type: 'object', properties: { title: { type: 'string' } } },
                  extras: { type: 'array', items: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
        },
        responses: ok({ type: 'object' }),
      },
    },
    '/Users': {
      servers: [{ url: 'https://miro.com/api/v1/scim' }],
      post: {
        operationId: 'createUser',
        requestBody: {
          content: {
            'application/scim+json': { schema: { type: 'object' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
        responses: {
          '201': { description: 'created', content: { 'application/scim+json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/v2/groups/{group_id}?': {
      delete: {
        operationId: 'delete-group',
        parameters: [{ name: 'group_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'gone' } },
      },
    },
  },
  {
    Thing: { type: 'object', properties: { id: { type: 'string' } } },
    BoardPage: {
      allOf: [{ type: 'object', properties: { total: { type: 'integer' } } }, page({ type: 'object' }, false)],
    },
  },
);
spec.components = {
  ...(spec.components as object),
  parameters: { cursor: { name: 'cursor', in: 'query', schema: { type: 'string' } } },
};

const ir = buildIR(spec);
const op = (methodName: string): OperationIR => ir.operations.find((o) => o.methodName === methodName)!;

describe('operations in the IR', () => {
  it('orders path parameters by their placeholders, merging path-level ones, with clean names', () => {
    const params = op('getTaggedItem').parameters.filter((p) => p.in === 'path');
    expect(params.map((p) => [p.wireName, p.name])).toEqual([
      ['board_id_PlatformTags', 'boardId'],
      ['item_id', 'itemId'],
    ]);
  });

  it('keeps each parameter style and explode flag, with OpenAPI defaults', () => {
    const byName = Object.fromEntries(op('getTaggedItem').parameters.map((p) => [p.wireName, p]));
    expect(byName.ids).toMatchObject({ style: 'form', explode: true, kind: 'array' });
    expect(byName.ids_csv).toMatchObject({ style: 'form', explode: false, kind: 'array' });
    expect(byName.filter).toMatchObject({ style: 'deepObject', kind: 'object' });
    expect(byName.words).toMatchObject({ style: 'spaceDelimited', explode: false });
    expect(byName['X-Trace']).toMatchObject({ in: 'header', style: 'simple', name: 'xTrace' });
    expect(byName.board_id_PlatformTags).toMatchObject({ style: 'simple', explode: false, required: true });
  });

  it('reads the rate-limit level and scopes from the description', () => {
    expect(op('getTaggedItem')).toMatchObject({ rateLimitLevel: 2, credits: 100, scopes: ['boards:read'] });
    expect(op('getBoards')).toMatchObject({ rateLimitLevel: 4, credits: 2000 });
    expect(op('createThing')).toMatchObject({ rateLimitLevel: null, credits: 50 });
  });

  it('detects cursor pagination, also through a $ref parameter', () => {
    expect(op('getThings').pagination).toMatchObject({
      kind: 'cursor',
      itemsField: 'data',
      pageParam: 'cursor',
      limitParam: 'limit',
      itemType: { kind: 'ref', name: 'Thing' },
    });
  });

  it('detects offset pagination through allOf', () => {
    expect(op('getBoards').pagination).toMatchObject({ kind: 'offset', pageParam: 'offset', limitParam: null });
  });

  it('does not page an operation whose answer has no item array', () => {
    expect(op('getTaggedItem').pagination).toBeNull();
  });

  it('classifies bodies: JSON, SCIM JSON, multipart with its parts', () => {
    expect(op('createThing').body).toMatchObject({ kind: 'json', contentType: 'application/json', required: false });
    expect(op('createUser').body).toMatchObject({ kind: 'scim', contentType: 'application/scim+json' });
    expect(op('uploadFile').body?.parts).toEqual([
      expect.objectContaining({ name: 'resource', kind: 'file', required: true }),
      expect.objectContaining({ name: 'data', kind: 'json', required: false }),
      expect.objectContaining({ name: 'extras', kind: 'file', required: false }),
    ]);
  });

  it('maps servers: SCIM paths to the scim server, the rest to the API', () => {
    expect(op('createUser').server).toBe('scim');
    expect(op('getThings').server).toBe('api');
  });

  it('reads the success response: 204 is empty, 201 carries a body', () => {
    expect(op('createThing').success).toMatchObject({ status: 204, kind: 'empty', type: null });
    expect(op('createUser').success).toMatchObject({ status: 201, kind: 'json', contentType: 'application/scim+json' });
  });

  it('drops the trailing "?" some paths use to dodge a duplicate key', () => {
    expect(op('deleteGroup')).toMatchObject({ path: '/v2/groups/{group_id}', specPath: '/v2/groups/{group_id}?' });
  });

  it('sorts operations by method name', () => {
    const names = ir.operations.map((o) => o.methodName);
    expect(names).toEqual([...names].sort());
  });
});
