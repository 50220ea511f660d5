import { describe, expect, it } from 'vitest';
import { describeValue, fieldPath, problemsFromErrors } from './problems.js';
import { fixtureValidators } from './test-fixture.js';
import type { JsonSchema } from './types.js';

describe('fieldPath', () => {
  it('turns JSON pointers into readable paths', () => {
    expect(fieldPath('body', '')).toBe('body');
    expect(fieldPath('body', '/data/items/0/title')).toBe('body.data.items[0].title');
    expect(fieldPath('body', '/a~1b/with space')).toBe('body["a/b"]["with space"]');
  });
});

describe('describeValue', () => {
  it('names the type and shows scalars', () => {
    expect([null, undefined, [1, 2], {}, 'x', 3, true].map(describeValue)).toEqual([
      'null',
      'nothing',
      'an array of 2',
      'an object',
      'string "x"',
      'number 3',
      'boolean true',
    ]);
    expect(describeValue('y'.repeat(100))).toBe(`string "${'y'.repeat(77)}..."`);
  });
});

describe('problemsFromErrors', () => {
  const validators = fixtureValidators();
  const check = (schema: JsonSchema, value: unknown) => {
    const validate = validators.get(schema);
    expect(validate(value)).toBe(false);
    return problemsFromErrors(validate.errors ?? [], (path) => fieldPath('body', path), validators).map((p) => [
      p.field,
      p.message,
    ]);
  };

  it('names a missing required property by its full path', () => {
    expect(
      check(
        {
          type: 'object',
          properties: { data: { type: 'object', properties: { content: { type: 'string' } }, required: ['content'] } },
        },
        { data: {} },
      ),
    ).toEqual([['body.data.content', 'body.data.content: required property is missing']]);
  });

  it('explains a union member by its closest variant, inside arrays too', () => {
    const schema = { type: 'array', items: { $ref: 'miro#/definitions/Shape' } };
    expect(check(schema, [{ kind: 'circle', radius: 1 }, { kind: 'circle' }])).toEqual([
      [
        'body[1].radius',
        'body[1].radius: required property is missing (body[1] matches none of the allowed shapes; closest is shape 1 of 2 (Circle))',
      ],
    ]);
  });
});
