import { describe, expect, it } from 'vitest';
import { fixtureIRs, fixtureNames } from '../../test/diff-fixtures/load.js';
import { diffApi } from './diff.js';
import type { Severity } from './types.js';

/** Expected outcome per fixture: the bump and every change as `severity kind where` (`+note` when noted). */
const EXPECTED: Record<string, { bump: Severity; changes: string[] }> = {
  'operation-added': { bump: 'minor', changes: ['minor operation-added listThings'] },
  'operation-removed': { bump: 'major', changes: ['major operation-removed listThings'] },
  'operation-renamed': { bump: 'major', changes: ['major operation-renamed fetchThing'] },
  'operation-id-same-method': { bump: 'patch', changes: ['patch operation-renamed getThing'] },
  'operation-moved': { bump: 'patch', changes: ['patch operation-moved getThing'] },
  'operation-deprecated': { bump: 'patch', changes: ['patch operation-deprecated getThing'] },
  'description-only': { bump: 'patch', changes: [] },
  'query-parameter-added-optional': { bump: 'minor', changes: ['minor parameter-added getThing query.fields'] },
  'query-parameter-added-required': { bump: 'major', changes: ['major parameter-added getThing query.fields'] },
  'query-parameter-removed': { bump: 'major', changes: ['major parameter-removed getThing query.fields'] },
  'query-parameter-made-required': { bump: 'major', changes: ['major parameter-required getThing query.limit'] },
  'query-parameter-made-optional': { bump: 'minor', changes: ['minor parameter-optional getThing query.limit'] },
  'query-parameter-retyped': { bump: 'major', changes: ['major type-changed getThing query.limit'] },
  'query-parameter-enum-value-added': { bump: 'minor', changes: ['minor enum-value-added getThing query.sort'] },
  'first-query-parameter': { bump: 'major', changes: ['major query-argument-added getThing'] },
  'path-parameter-added': {
    bump: 'major',
    changes: ['patch operation-moved getThing', 'major path-parameter-added getThing'],
  },
  'path-parameter-renamed': {
    bump: 'patch',
    changes: ['patch operation-moved getThing', 'patch path-parameter-renamed getThing'],
  },
  'body-added': { bump: 'major', changes: ['major body-added createThing'] },
  'body-made-required': { bump: 'major', changes: ['major body-required createThing'] },
  'request-field-added-optional': { bump: 'minor', changes: ['minor field-added ThingInput.size'] },
  'request-field-added-required': { bump: 'major', changes: ['major field-added ThingInput.size'] },
  'request-field-made-required': { bump: 'major', changes: ['major field-required ThingInput.color'] },
  'request-field-removed': { bump: 'major', changes: ['major field-removed ThingInput.color'] },
  'request-enum-value-added': { bump: 'minor', changes: ['minor enum-value-added ThingInput.color'] },
  'field-became-read-only': {
    bump: 'major',
    changes: [
      'minor write-variant-added ThingWrite',
      'major field-removed Thing.name',
      'patch field-readonly Thing.name',
    ],
  },
  'response-field-added': { bump: 'minor', changes: ['minor field-added Thing.createdAt'] },
  'response-field-removed': { bump: 'major', changes: ['major field-removed Thing.name'] },
  'response-field-made-optional': { bump: 'major', changes: ['major field-optional Thing.id'] },
  'response-field-made-required': { bump: 'minor', changes: ['minor field-required Thing.name'] },
  'response-field-nullable': { bump: 'major', changes: ['major nullable-added Thing.name'] },
  'response-field-retyped': { bump: 'major', changes: ['major type-changed Thing.name'] },
  'response-enum-value-added': { bump: 'minor', changes: ['minor enum-value-added Thing.status +note'] },
  'response-enum-value-removed': { bump: 'major', changes: ['major enum-value-removed Thing.status'] },
  'response-union-variant-added': {
    bump: 'minor',
    changes: ['minor variant-added getThing response +note', 'minor schema-added Third'],
  },
  'response-body-removed': {
    bump: 'major',
    changes: ['patch response-status getThing', 'major response-body-removed getThing'],
  },
  'pagination-removed': {
    bump: 'major',
    changes: ['major pagination-removed listThings', 'major parameter-removed listThings query.cursor'],
  },
  'schema-added': { bump: 'minor', changes: ['minor schema-added Color'] },
  'schema-renamed': { bump: 'major', changes: ['major schema-renamed Thing'] },
  'schema-key-respelled': { bump: 'patch', changes: [] },
  'inline-to-ref': { bump: 'minor', changes: ['minor schema-added Thing'] },
  'recursive-schema-renamed': { bump: 'major', changes: ['major schema-renamed Node'] },
};

describe('each classification rule, on a pair of small specs', () => {
  it('has an expectation for every fixture file and a fixture file for every expectation', async () => {
    expect(await fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.bump}`, async () => {
      const { old, new: next } = await fixtureIRs(name);
      const diff = diffApi(old, next);
      expect(diff.changes.map((c) => `${c.severity} ${c.kind} ${c.where}${c.note ? ' +note' : ''}`)).toEqual(
        expected.changes,
      );
      expect(diff.bump).toBe(expected.bump);
    });
  }

  it('reports a renamed type where it is used as no change, and names both sides of the rename', async () => {
    const { old, new: next } = await fixtureIRs('schema-renamed');
    const diff = diffApi(old, next);
    expect(diff.schemas.renamed).toEqual([{ from: 'Thing', to: 'Item' }]);
    expect(diff.schemas.removed).toEqual([]);
    expect(diff.changes.filter((c) => c.operationId)).toEqual([]);
  });

  it('lists renamed operations with both names', async () => {
    const { old, new: next } = await fixtureIRs('operation-renamed');
    const { renamed, added, removed } = diffApi(old, next).operations;
    expect(renamed.map((r) => [r.from.operationId, r.to.operationId])).toEqual([['get-thing', 'fetch-thing']]);
    expect([added, removed]).toEqual([[], []]);
  });
});
