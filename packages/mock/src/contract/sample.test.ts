import { describe, expect, it } from 'vitest';
import { Sampler, seededRandom, seedFor } from './sample.js';
import { fixtureDefinitions, fixtureValidators } from './test-fixture.js';

const sampler = new Sampler(fixtureDefinitions);
const validators = fixtureValidators();

describe('Sampler', () => {
  it('builds values with valid formats (date-time, date, uuid, int64)', () => {
    const schema = { $ref: 'miro#/definitions/Stamp' };
    for (let seed = 0; seed < 20; seed++) {
      const value = sampler.sample(schema, seededRandom(seed));
      const validate = validators.get(schema);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('stops a self-referencing schema and still satisfies it', () => {
    const schema = { $ref: 'miro#/definitions/Node' };
    const value = sampler.sample(schema, seededRandom(1)) as { name: string; children?: unknown[] };
    expect(typeof value.name).toBe('string');
    expect(value.children ?? []).toEqual([]);
    expect(validators.get(schema)(value)).toBe(true);
  });

  it('picks a union variant that validates, merges allOf parts and keeps enum values', () => {
    const union = { $ref: 'miro#/definitions/Shape' };
    expect(validators.get(union)(sampler.sample(union, seededRandom(3)))).toBe(true);
    const merged = sampler.sample(
      {
        allOf: [
          { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
          { type: 'object', properties: { b: { enum: ['x'] } }, required: ['b'] },
        ],
      },
      seededRandom(4),
    );
    expect(merged).toEqual({ a: expect.any(Number), b: 'x' });
  });

  it('gives one value per seed and key', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, size: { type: 'integer' } },
      required: ['name', 'size'],
    };
    const a = sampler.sample(schema, seededRandom(seedFor(1, 'op')));
    expect(sampler.sample(schema, seededRandom(seedFor(1, 'op')))).toEqual(a);
    expect(sampler.sample(schema, seededRandom(seedFor(1, 'other-op')))).not.toEqual(a);
  });

  it('fails loudly on a reference to a schema it does not have', () => {
    expect(() => sampler.sample({ $ref: 'miro#/definitions/Missing' }, seededRandom(1))).toThrow(
      'sample: unknown schema reference miro#/definitions/Missing',
    );
  });
});
