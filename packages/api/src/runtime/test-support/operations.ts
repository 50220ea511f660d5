import type { OperationDescriptor, ResolvedOperation, ResolvedParameter } from '../operation.js';

/** Hand-written descriptors with every field spelled out, covering each runtime feature. */

function param(wireName: string, name: string, extra: Partial<ResolvedParameter> = {}): ResolvedParameter {
  return { wireName, name, in: 'query', required: false, style: 'form', explode: true, kind: 'scalar', ...extra };
}
const path = (wireName: string, name: string): ResolvedParameter =>
  param(wireName, name, { in: 'path', required: true, style: 'simple', explode: false });

function op(
  partial: Partial<ResolvedOperation> & Pick<ResolvedOperation, 'operationId' | 'method' | 'path'>,
): ResolvedOperation {
  return {
    methodName: partial.operationId,
    server: 'api',
    parameters: [],
    body: null,
    successStatus: 200,
    responseKind: 'json',
    rateLimitLevel: 1,
    credits: 50,
    creditsPerItem: false,
    pagination: null,
    deprecated: false,
    ...partial,
  };
}

const json = { kind: 'json', contentType: 'application/json', required: true } as const;

export const ops = {
  getBoard: op({
    operationId: 'getBoard',
    method: 'GET',
    path: '/v2/boards/{board_id}',
    parameters: [path('board_id', 'boardId')],
  }),
  updateBoard: op({
    operationId: 'updateBoard',
    method: 'PUT',
    path: '/v2/boards/{board_id}',
    parameters: [path('board_id', 'boardId')],
    body: json,
  }),
  deleteBoard: op({
    operationId: 'deleteBoard',
    method: 'DELETE',
    path: '/v2/boards/{board_id}',
    parameters: [path('board_id', 'boardId')],
    successStatus: 204,
    responseKind: 'empty',
  }),
  createSticky: op({
    operationId: 'createSticky',
    method: 'POST',
    path: '/v2/boards/{board_id}/sticky_notes',
    parameters: [path('board_id', 'boardId')],
    body: json,
    successStatus: 201,
    rateLimitLevel: 2,
    credits: 100,
  }),
  createItemsInBulk: op({
    operationId: 'createItemsInBulk',
    method: 'POST',
    path: '/v2/boards/{board_id}/items/bulk',
    parameters: [path('board_id', 'boardId')],
    body: json,
    successStatus: 201,
    rateLimitLevel: 2,
    credits: 100,
    creditsPerItem: true,
  }),
  patchSticky: op({
    operationId: 'patchSticky',
    method: 'PATCH',
    path: '/v2/boards/{board_id}/sticky_notes/{item_id}',
    parameters: [path('board_id', 'boardId'), path('item_id', 'itemId')],
    body: json,
  }),
  listBoards: op({
    operationId: 'listBoards',
    method: 'GET',
    path: '/v2/boards',
    parameters: [param('team_id', 'teamId'), param('limit', 'limit'), param('offset', 'offset')],
    pagination: { kind: 'offset', itemsField: 'data', pageParam: 'offset', limitParam: 'limit' },
  }),
  listItems: op({
    operationId: 'listItems',
    method: 'GET',
    path: '/v2/boards/{board_id}/items',
    parameters: [
      path('board_id', 'boardId'),
      param('limit', 'limit'),
      param('cursor', 'cursor'),
      param('type', 'type'),
    ],
    pagination: { kind: 'cursor', itemsField: 'data', pageParam: 'cursor', limitParam: 'limit' },
  }),
  search: op({
    operationId: 'search',
    method: 'GET',
    path: '/v2/search',
    parameters: [
      param('tags', 'tags', { kind: 'array' }),
      param('ids', 'ids', { kind: 'array', explode: false }),
      param('filter', 'filter', { kind: 'object', style: 'deepObject' }),
      param('point', 'point', { kind: 'object' }),
      param('q', 'q', { required: true }),
      param('X-Trace', 'trace', { in: 'header', style: 'simple', explode: false }),
    ],
  }),
  uploadImage: op({
    operationId: 'uploadImage',
    method: 'POST',
    path: '/v2/boards/{board_id}/images',
    parameters: [path('board_id', 'boardId')],
    body: {
      kind: 'multipart',
      contentType: 'multipart/form-data',
      required: true,
      parts: [
        { name: 'data', kind: 'json', required: false },
        { name: 'resource', kind: 'file', required: true },
      ],
    },
    successStatus: 201,
  }),
  getScimUser: op({
    operationId: 'getScimUser',
    method: 'GET',
    path: '/Users/{id}',
    server: 'scim',
    parameters: [path('id', 'id')],
  }),
  createScimUser: op({
    operationId: 'createScimUser',
    method: 'POST',
    path: '/Users',
    server: 'scim',
    body: { kind: 'scim', contentType: 'application/scim+json', required: true },
    successStatus: 201,
  }),
  /** Carries secrets in the query and body, for the redaction tests. */
  exchangeToken: op({
    operationId: 'exchangeToken',
    method: 'POST',
    path: '/v1/oauth/token',
    parameters: [param('code', 'code'), param('access_token', 'accessToken'), param('client_id', 'clientId')],
    body: json,
  }),
} satisfies Record<string, OperationDescriptor>;

/** What the generator emits for ops.listItems: every field that equals its default left out. */
export const compactListItems: OperationDescriptor = {
  operationId: 'listItems',
  path: '/v2/boards/{board_id}/items',
  parameters: [{ wireName: 'board_id' }, { wireName: 'limit' }, { wireName: 'cursor' }, { wireName: 'type' }],
  rateLimitLevel: 1,
  pagination: { kind: 'cursor' },
};

export const compactSearch: OperationDescriptor = {
  operationId: 'search',
  path: '/v2/search',
  parameters: [
    { wireName: 'tags', kind: 'array' },
    { wireName: 'ids', kind: 'array', explode: false },
    { wireName: 'filter', kind: 'object', style: 'deepObject', explode: true },
    { wireName: 'point', kind: 'object' },
    { wireName: 'q', required: true },
    { wireName: 'X-Trace', name: 'trace', in: 'header' },
  ],
  rateLimitLevel: 1,
};

export const compactCreateSticky: OperationDescriptor = {
  operationId: 'createSticky',
  method: 'POST',
  path: '/v2/boards/{board_id}/sticky_notes',
  parameters: [{ wireName: 'board_id' }],
  body: { kind: 'json' },
  successStatus: 201,
  rateLimitLevel: 2,
};
