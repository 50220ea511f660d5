import { describe, expect, it } from 'vitest';
import type { PropertyIR, TypeIR } from '../ir/types.js';
import { compareTypes, sameShape, type TypeEnv } from './compare-types.js';

const str: TypeIR = { kind: 'string' };
const int: TypeIR = { kind: 'number', integer: true };
const prop = (name: string, type: TypeIR, required = false, extra: Partial<PropertyIR> = {}): PropertyIR => ({
  name,
  type,
  required,
  readOnly: false,
  writeOnly: false,
  deprecated: false,
  description: undefined,
  ...extra,
});
const obj = (...properties: PropertyIR[]): TypeIR => ({ kind: 'object', properties });
const ref = (name: string, nullable?: boolean): TypeIR => ({ kind: 'ref', name, ...(nullable ? { nullable } : {}) });
const env = (oldTypes: Record<string, TypeIR>, newTypes: Record<string, TypeIR>): TypeEnv => ({
  oldTypes: new Map(Object.entries(oldTypes)),
  newTypes: new Map(Object.entries(newTypes)),
});
const NONE = env({}, {});
const summary = (e: TypeEnv, position: 'request' | 'response', a: TypeIR, b: TypeIR): string[] =>
  compareTypes(e, position, a, b).map((f) => `${f.severity} ${f.kind} ${f.where || '.'}`);

describe('comparing two types structurally', () => {
  it('leaves refs to the same name to the named-type diff', () => {
    const e = env({ A: obj(prop('x', str)) }, { A: obj() });
    expect(compareTypes(e, 'response', ref('A'), ref('A'))).toEqual([]);
  });

  it('resolves refs to different names in their own IR and finds nothing when the shape is the same', () => {
    const e = env({ Old: obj(prop('x', str, true)) }, { New: obj(prop('x', str, true)) });
    expect(compareTypes(e, 'response', ref('Old'), ref('New'))).toEqual([]);
    expect(sameShape(e, 'request', ref('Old'), ref('New'))).toBe(true);
  });

  it('reports the difference inside differently named refs at the place it is used', () => {
    const e = env({ Old: obj(prop('x', str, true)) }, { New: obj(prop('x', str, false)) });
    expect(summary(e, 'response', obj(prop('owner', ref('Old'))), obj(prop('owner', ref('New'))))).toEqual([
      'major field-optional .owner.x',
    ]);
  });

  it('compares an inline type with a ref by the ref target', () => {
    const e = env({}, { Named: obj(prop('x', int)) });
    expect(summary(e, 'response', obj(prop('x', str)), ref('Named'))).toEqual(['major type-changed .x']);
  });

  it('terminates on recursive types under different names', () => {
    const e = env(
      { A: obj(prop('next', ref('A')), prop('v', str)) },
      { B: obj(prop('next', ref('B')), prop('v', int)) },
    );
    expect(summary(e, 'response', ref('A'), ref('B'))).toEqual(['major type-changed .v']);
  });

  it('carries the nullability of a ref onto its target', () => {
    const e = env({ A: str }, { B: str });
    expect(summary(e, 'response', ref('A'), ref('B', true))).toEqual(['major nullable-added .']);
    expect(summary(e, 'request', ref('A'), ref('B', true))).toEqual(['minor nullable-added .']);
    expect(summary(NONE, 'request', ref('X', true), ref('X'))).toEqual(['major nullable-removed .']);
  });

  it('treats enum <-> its base type and anything <-> unknown as widening or narrowing, by position', () => {
    const e1: TypeIR = { kind: 'enum', values: ['a', 'b'] };
    expect(summary(NONE, 'request', e1, str)).toEqual(['minor type-widened .']);
    expect(summary(NONE, 'response', e1, str)).toEqual(['major type-widened .']);
    expect(summary(NONE, 'response', str, e1)).toEqual(['minor type-narrowed .']);
    expect(summary(NONE, 'response', str, { kind: 'unknown' })).toEqual(['major type-widened .']);
    expect(summary(NONE, 'request', { kind: 'unknown' }, int)).toEqual(['major type-narrowed .']);
    expect(summary(NONE, 'response', { kind: 'enum', values: [1, 2] }, str)).toEqual(['major type-changed .']);
  });

  it('reports only format and integer-ness changes, which keep the TypeScript type, as patch', () => {
    expect(summary(NONE, 'response', str, { kind: 'string', format: 'date-time' })).toEqual(['patch format-changed .']);
    expect(summary(NONE, 'request', int, { kind: 'number', integer: false })).toEqual(['patch format-changed .']);
  });

  it('sees a type that became a union holding it as a variant added', () => {
    const u: TypeIR = { kind: 'union', combinator: 'oneOf', variants: [str, int] };
    expect(summary(NONE, 'response', str, u)).toEqual(['minor variant-added .']);
    expect(compareTypes(NONE, 'response', str, u)[0]?.note).toMatch(/narrows/);
    expect(summary(NONE, 'request', u, str)).toEqual(['major variant-removed .']);
  });

  it('sees allOf added around a type as an intersection part added: major in a request, minor in a response', () => {
    const base = obj(prop('x', str));
    const both: TypeIR = { kind: 'intersection', parts: [base, obj(prop('y', str, true))] };
    expect(summary(NONE, 'request', base, both)).toEqual(['major part-added .']);
    expect(summary(NONE, 'response', base, both)).toEqual(['minor part-added .']);
  });

  it('pairs union variants by ref name and reports the changes of each', () => {
    const e = env({ A: str }, { A: str });
    const before: TypeIR = { kind: 'union', combinator: 'oneOf', variants: [ref('A'), obj(prop('k', str))] };
    const after: TypeIR = { kind: 'union', combinator: 'anyOf', variants: [obj(prop('k', int)), ref('A')] };
    expect(summary(e, 'response', before, after)).toEqual(['major type-changed <#1>.k']);
  });

  it('hides read-only fields in requests and write-only fields in responses', () => {
    const a = obj(prop('id', str, true, { readOnly: true }), prop('secret', str, false, { writeOnly: true }));
    const b = obj();
    expect(summary(NONE, 'request', a, b)).toEqual(['major field-removed .secret']);
    expect(summary(NONE, 'response', a, b)).toEqual(['major field-removed .id']);
  });

  it('compares array items and map values', () => {
    const before = obj(prop('tags', { kind: 'array', items: str }));
    const after = obj(prop('tags', { kind: 'array', items: int }));
    expect(summary(NONE, 'response', before, after)).toEqual(['major type-changed .tags[]']);
    const mapOf = (t: TypeIR | true | undefined): TypeIR => ({
      kind: 'object',
      properties: [],
      ...(t ? { additionalProperties: t } : {}),
    });
    expect(summary(NONE, 'response', mapOf(str), mapOf(int))).toEqual(['major type-changed [key]']);
    expect(summary(NONE, 'request', mapOf(undefined), mapOf(true))).toEqual(['minor map-added .']);
    expect(summary(NONE, 'response', mapOf(true), mapOf(undefined))).toEqual(['major map-removed .']);
  });
});
