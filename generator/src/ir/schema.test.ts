import { describe, expect, it } from 'vitest';
import { fixtureSpec, getReturning } from '../../test/fixture.js';
import { emitApiFiles } from '../emit/index.js';
import { typeText } from '../emit/type-text.js';
import { buildIR } from './build.js';
import type { TypeIR } from './types.js';

const schemas = {
  Shape: {
    oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
    discriminator: {
      propertyName: 'kind',
      mapping: { circle: '#/components/schemas/Circle', square: '#/components/schemas/Square' },
    },
  },
  Circle: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string', enum: ['circle'] }, radius: { type: 'number' } },
  },
  Square: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string', enum: ['square'] }, side: { type: 'integer' } },
  },
  Either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  Named: {
    allOf: [{ $ref: '#/components/schemas/Circle' }, { type: 'object', properties: { name: { type: 'string' } } }],
  },
  Maybe: { type: 'string', nullable: true },
  Labels: { type: 'object', additionalProperties: { type: 'string' } },
  Anything: { type: 'object' },
  Stamp: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
  Board: {
    type: 'object',
    required: ['name'],
    properties: {
      id: { type: 'string', readOnly: true },
      name: { type: 'string' },
      owner: { $ref: '#/components/schemas/Owner' },
    },
  },
  Owner: { type: 'object', properties: { id: { type: 'string', readOnly: true }, email: { type: 'string' } } },
  Holder: { type: 'object', properties: { board: { $ref: '#/components/schemas/Board' } } },
  Plain: { type: 'object', properties: { x: { type: 'number' } } },
  WholeNumbers: {
    type: 'object',
    properties: { big: { type: 'number', format: 'int64' }, small: { type: 'number', format: 'int32' } },
  },
};

const spec = fixtureSpec(
  {
    '/v2/boards': {
      ...getReturning('get-board', { $ref: '#/components/schemas/Board' }),
      post: {
        operationId: 'create-board',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Board' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Board' } } },
          },
        },
      },
    },
  },
  schemas,
);
const ir = buildIR(spec);
const typeOf = (name: string): TypeIR => ir.schemas.find((s) => s.name === name)!.type;
const text = (name: string): string =>
  typeText(typeOf(name), { mode: 'response', writeVariants: new Map(), prefix: '' });

describe('schema shapes in the IR and as TypeScript', () => {
  it('oneOf with a discriminator becomes a union that keeps the mapping', () => {
    const shape = typeOf('Shape');
    expect(shape).toMatchObject({
      kind: 'union',
      combinator: 'oneOf',
      discriminator: { propertyName: 'kind', mapping: { circle: 'Circle', square: 'Square' } },
    });
    expect(text('Shape')).toBe('Circle | Square');
  });

  it('anyOf becomes a union, allOf an intersection', () => {
    expect(text('Either')).toBe('string | number');
    expect(typeOf('Named').kind).toBe('intersection');
    expect(text('Named')).toMatch(/^Circle & \{\n {2}name\?: string;\n\}$/);
  });

  it('enums become literal unions, nullable adds null', () => {
    expect(
      typeText((typeOf('Circle') as Extract<TypeIR, { kind: 'object' }>).properties[0]!.type, {
        mode: 'response',
        writeVariants: new Map(),
        prefix: '',
      }),
    ).toBe('"circle"');
    expect(text('Maybe')).toBe('string | null');
  });

  it('additionalProperties becomes a record; a bare object is any JSON object', () => {
    expect(text('Labels')).toBe('Record<string, string>');
    expect(text('Anything')).toBe('Record<string, unknown>');
  });

  it('a number of format int32 or int64 is a whole number (integer in the IR)', () => {
    const props = (typeOf('WholeNumbers') as Extract<TypeIR, { kind: 'object' }>).properties;
    expect(props.map((p) => p.type)).toEqual([
      { kind: 'number', integer: true },
      { kind: 'number', integer: true },
    ]);
    expect((typeOf('Plain') as Extract<TypeIR, { kind: 'object' }>).properties[0]!.type).toEqual({
      kind: 'number',
      integer: false,
    });
  });

  it('date-time strings get their own documented alias', () => {
    expect(text('Stamp')).toContain('at?: DateTimeString;');
  });

  it('marks schemas with read-only fields, also through refs, and not the others', () => {
    const flagged = ir.schemas.filter((s) => s.hasReadOnly).map((s) => s.name);
    expect(flagged.sort()).toEqual(['Board', 'Holder', 'Owner']);
  });

  it('request types leave read-only fields out; response types keep them readonly', () => {
    const files = emitApiFiles(ir, { source: 'fixture', sha256: '0' });
    const types = files.get('types.gen.ts')!;
    expect(types).toMatch(/export interface Board \{[^}]*readonly id\?: string;/);
    expect(types).toMatch(/export interface BoardWrite \{\n(?![^}]*\bid\?)[^}]*name: string;[^}]*owner\?: OwnerWrite;/);
    expect(types).toContain('export interface OwnerWrite');
    expect(types).not.toContain('PlainWrite');
    const parameters = files.get('parameters.gen.ts')!;
    expect(parameters).toContain('export type CreateBoardBody = T.BoardWrite;');
    expect(parameters).toContain('export type CreateBoardResponse = T.Board;');
  });

  it('a $ref to a schema that does not exist names where it sits', () => {
    const broken = fixtureSpec(
      {},
      { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/Missing' } } } },
    );
    expect(() => buildIR(broken)).toThrow(
      'at /components/schemas/A/properties/b: $ref "#/components/schemas/Missing" names a schema that does not exist',
    );
  });
});
