import { describe, expect, it } from 'vitest';
import type { ApiIR, NamedSchema, PropertyIR, TypeIR } from '../ir/types.js';
import { definitionsOf, formatsOf, modeVariants, toJsonSchema, type ModeVariants } from './json-schema.js';

const none: ModeVariants = { request: new Set(), response: new Set() };

function prop(name: string, type: TypeIR, extra: Partial<PropertyIR> = {}): PropertyIR {
  return {
    name,
    type,
    required: false,
    readOnly: false,
    writeOnly: false,
    deprecated: false,
    description: undefined,
    ...extra,
  };
}

function ir(schemas: Record<string, TypeIR>): ApiIR {
  const named: NamedSchema[] = Object.entries(schemas).map(([name, type]) => ({
    specName: name,
    name,
    type,
    description: undefined,
    hasReadOnly: false,
  }));
  return { title: 'T', version: '1', schemas: named, operations: [] };
}

describe('toJsonSchema', () => {
  it('maps scalars, formats, enums, arrays and references', () => {
    expect(toJsonSchema({ kind: 'string', format: 'date-time' }, 'request', none)).toEqual({
      type: 'string',
      format: 'date-time',
    });
    expect(toJsonSchema({ kind: 'number', integer: true }, 'request', none)).toEqual({ type: 'integer' });
    expect(toJsonSchema({ kind: 'number', integer: false }, 'request', none)).toEqual({ type: 'number' });
    expect(toJsonSchema({ kind: 'binary' }, 'request', none)).toEqual({ type: 'string', format: 'binary' });
    expect(toJsonSchema({ kind: 'unknown' }, 'request', none)).toEqual({});
    expect(toJsonSchema({ kind: 'enum', values: ['a', 1] }, 'request', none)).toEqual({ enum: ['a', 1] });
    expect(toJsonSchema({ kind: 'array', items: { kind: 'ref', name: 'Board' } }, 'request', none)).toEqual({
      type: 'array',
      items: { $ref: 'miro#/definitions/Board' },
    });
  });

  it('maps objects with required properties and typed or open additional properties', () => {
    const object: TypeIR = {
      kind: 'object',
      properties: [prop('id', { kind: 'string' }, { required: true }), prop('size', { kind: 'number', integer: true })],
      additionalProperties: { kind: 'boolean' },
    };
    expect(toJsonSchema(object, 'response', none)).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, size: { type: 'integer' } },
      required: ['id'],
      additionalProperties: { type: 'boolean' },
    });
    expect(toJsonSchema({ kind: 'object', properties: [], additionalProperties: true }, 'response', none)).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: true,
    });
  });

  it('maps oneOf and anyOf to anyOf (the spec has overlapping variants) and intersections to allOf', () => {
    const a: TypeIR = { kind: 'ref', name: 'A' };
    const b: TypeIR = { kind: 'ref', name: 'B' };
    expect(toJsonSchema({ kind: 'union', combinator: 'oneOf', variants: [a, b] }, 'request', none)).toEqual({
      anyOf: [{ $ref: 'miro#/definitions/A' }, { $ref: 'miro#/definitions/B' }],
    });
    expect(toJsonSchema({ kind: 'intersection', parts: [a, b] }, 'request', none)).toEqual({
      allOf: [{ $ref: 'miro#/definitions/A' }, { $ref: 'miro#/definitions/B' }],
    });
  });

  it('lets nullable types accept null', () => {
    expect(toJsonSchema({ kind: 'string', nullable: true }, 'request', none)).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ kind: 'enum', values: ['a'], nullable: true }, 'request', none)).toEqual({
      enum: ['a', null],
    });
    expect(toJsonSchema({ kind: 'ref', name: 'A', nullable: true }, 'request', none)).toEqual({
      anyOf: [{ $ref: 'miro#/definitions/A' }, { type: 'null' }],
    });
  });

  it('leaves read-only properties out of requests and write-only ones unrequired in responses', () => {
    const object: TypeIR = {
      kind: 'object',
      properties: [
        prop('id', { kind: 'string' }, { required: true, readOnly: true }),
        prop('secret', { kind: 'string' }, { required: true, writeOnly: true }),
      ],
    };
    expect(toJsonSchema(object, 'request', none)).toEqual({
      type: 'object',
      properties: { secret: { type: 'string' } },
      required: ['secret'],
    });
    expect(toJsonSchema(object, 'response', none)).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, secret: { type: 'string' } },
      required: ['id'],
    });
  });
});

describe('definitionsOf', () => {
  const withReadOnly: TypeIR = {
    kind: 'object',
    properties: [prop('id', { kind: 'string' }, { required: true, readOnly: true }), prop('name', { kind: 'string' })],
  };
  const api = ir({
    Item: withReadOnly,
    Page: { kind: 'object', properties: [prop('data', { kind: 'array', items: { kind: 'ref', name: 'Item' } })] },
    Plain: { kind: 'object', properties: [prop('x', { kind: 'number', integer: false })] },
    Tree: { kind: 'object', properties: [prop('children', { kind: 'array', items: { kind: 'ref', name: 'Tree' } })] },
  });

  it('finds the schemas that read differently per mode, through references and cycles', () => {
    const variants = modeVariants(api);
    expect([...variants.request].sort()).toEqual(['Item', 'Page']);
    expect([...variants.response]).toEqual([]);
  });

  it('emits a request variant where a schema differs, and points request references at it', () => {
    const definitions = definitionsOf(api);
    expect(Object.keys(definitions)).toEqual(['Item', 'Item.request', 'Page', 'Page.request', 'Plain', 'Tree']);
    expect(definitions['Item.request']).toEqual({ type: 'object', properties: { name: { type: 'string' } } });
    expect(definitions['Page.request']).toEqual({
      type: 'object',
      properties: { data: { type: 'array', items: { $ref: 'miro#/definitions/Item.request' } } },
    });
    expect(definitions.Page).toEqual({
      type: 'object',
      properties: { data: { type: 'array', items: { $ref: 'miro#/definitions/Item' } } },
    });
    expect(definitions.Tree).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: 'miro#/definitions/Tree' } } },
    });
  });
});

describe('formatsOf', () => {
  it('collects format keywords, not properties that happen to be named format', () => {
    const schemas = [
      {
        type: 'object',
        properties: { format: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' } },
      },
    ];
    expect(formatsOf(schemas)).toEqual(['date-time', 'uuid']);
  });
});
