import { describe, expect, it } from 'vitest';
import { readParameters } from './parameters.js';
import { fixtureValidators, operation, param } from './test-fixture.js';
import type { ContractOperation } from './types.js';

const validators = fixtureValidators();

function read(
  op: ContractOperation,
  query: string,
  path: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return readParameters(
    op,
    new Map(Object.entries(path)),
    new URLSearchParams(query),
    new Headers(headers),
    validators,
  );
}

const messages = (result: ReturnType<typeof read>): string[] => result.problems.map((p) => p.message);

describe('path parameters', () => {
  const op = operation({
    operationId: 'getThing',
    path: '/things/{thing_id}/{kind}',
    parameters: [
      param('thing_id', { in: 'path', required: true, style: 'simple', explode: false }),
      param('kind', {
        in: 'path',
        required: true,
        style: 'simple',
        explode: false,
        schema: { enum: ['User', 'Group'] },
      }),
    ],
  });

  it('decodes percent-encoded values', () => {
    const result = read(op, '', { thing_id: 'a%2Fb%20c%3D', kind: 'User' });
    expect(result.problems).toEqual([]);
    expect(result.values.path).toEqual({ thing_id: 'a/b c=', kind: 'User' });
  });

  it('names an empty value, an unencoded character, a broken escape and a value outside the enum', () => {
    expect(messages(read(op, '', { thing_id: '', kind: 'User' }))).toEqual([
      'path parameter thing_id: is empty; /things/{thing_id}/{kind} needs a value for {thing_id}',
    ]);
    expect(messages(read(op, '', { thing_id: 'a"b', kind: 'User' }))).toEqual([
      'path parameter thing_id: is not percent-encoded (got "a\\"b"): """ must be sent as %22',
    ]);
    expect(messages(read(op, '', { thing_id: '%zz', kind: 'User' }))).toEqual([
      'path parameter thing_id: is not percent-encoded (got "%zz"): a "%" must start a %XX escape',
    ]);
    expect(messages(read(op, '', { thing_id: '%C3%28', kind: 'User' }))).toEqual([
      'path parameter thing_id: is not valid percent-encoding (got "%C3%28")',
    ]);
    expect(messages(read(op, '', { thing_id: 't', kind: 'Team' }))).toEqual([
      'path parameter kind: expected one of "User", "Group", got string "Team"',
    ]);
  });
});

describe('query parameters', () => {
  const op = operation({
    operationId: 'listThings',
    parameters: [
      param('limit', { schema: { type: 'integer' } }),
      param('active', { schema: { type: 'boolean' } }),
      param('ids', { kind: 'array', explode: false, schema: { type: 'array', items: { type: 'integer' } } }),
      param('tags', { kind: 'array', schema: { type: 'array', items: { type: 'string' } } }),
      param('names', {
        kind: 'array',
        style: 'pipeDelimited',
        explode: false,
        schema: { type: 'array', items: { type: 'string' } },
      }),
      param('filter', {
        kind: 'object',
        style: 'deepObject',
        schema: { type: 'object', properties: { size: { type: 'integer' } } },
      }),
      param('point', {
        kind: 'object',
        explode: false,
        schema: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } },
      }),
      param('q', { required: true, example: 'cats' }),
    ],
    pagination: { kind: 'cursor', itemsField: 'data', pageParam: 'cursor', limitParam: 'limit' },
  });

  it('reads every style into typed values', () => {
    const result = read(
      op,
      'q=cats&limit=5&active=true&ids=1,2&tags=a&tags=b&names=x%7Cy&filter[size]=3&point=x,1,y,2&cursor=c1',
    );
    expect(result.problems).toEqual([]);
    expect(result.values.query).toEqual({
      q: 'cats',
      limit: 5,
      active: true,
      ids: [1, 2],
      tags: ['a', 'b'],
      names: ['x', 'y'],
      filter: { size: 3 },
      point: { x: 1, y: 2 },
    });
  });

  it('accepts the page parameter of a paged operation even when the spec does not declare it', () => {
    expect(read(op, 'q=cats&cursor=c1').problems).toEqual([]);
  });

  it('names a missing required parameter with the spec example, and an unknown one with the accepted names', () => {
    expect(messages(read(op, 'limt=5'))).toEqual([
      'query parameter limt: is not a parameter of listThings; it takes limit, active, ids, tags, names, filter, point, q, cursor',
      'query parameter q: is required (for example q=cats)',
    ]);
  });

  it('names wrong values with what was expected and what came', () => {
    expect(messages(read(op, 'q=x&limit=ten&active=maybe&filter[size]=big'))).toEqual([
      'query parameter limit: expected integer, got string "ten"',
      'query parameter active: expected boolean, got string "maybe"',
      'query parameter filter.size: expected integer, got string "big"',
    ]);
  });

  it('refuses a scalar given twice and a non-exploded array given per item', () => {
    expect(messages(read(op, 'q=x&limit=1&limit=2'))).toEqual([
      'query parameter limit: given 2 times ("1", "2"); expected one value',
    ]);
    expect(messages(read(op, 'q=x&ids=1&ids=2'))).toEqual([
      'query parameter ids: given 2 times; style form with explode=false sends one ","-separated value (ids=a,b)',
    ]);
    expect(messages(read(op, 'q=x&point=x,1,y'))).toEqual([
      'query parameter point: expected comma-separated key,value pairs (style form, explode false), got "x,1,y"',
    ]);
  });
});

describe('header parameters', () => {
  const op = operation({
    operationId: 'traced',
    parameters: [
      param('X-Trace', { in: 'header', required: true, style: 'simple', explode: false, schema: { type: 'integer' } }),
    ],
  });

  it('are required when the spec says so and checked against their schema', () => {
    expect(messages(read(op, ''))).toEqual(['header X-Trace: is required']);
    expect(messages(read(op, '', {}, { 'x-trace': 'abc' }))).toEqual([
      'header X-Trace: expected integer, got string "abc"',
    ]);
    expect(read(op, '', {}, { 'x-trace': '42' }).values.header).toEqual({ 'X-Trace': 42 });
  });
});
