import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { contractOperations } from '../generated/operations.gen.js';
import { DEFINITIONS_ID, definitions, formats } from '../generated/schemas.gen.js';
import { choose, compileRoute, moreSpecific, type BaseUrl } from './routes.js';
import { Sampler, seededRandom, seedFor } from './sample.js';
import type { JsonSchema } from './types.js';
import { Validators } from './validators.js';

/** Checks of the generated contract data as a whole (the real spec), beyond single requests. */

const validators = new Validators({ id: DEFINITIONS_ID, definitions, formats });
const sampler = new Sampler(definitions);

describe('the generated schemas', () => {
  it('are valid draft-07 JSON Schemas, every reference resolving', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const document = { $id: DEFINITIONS_ID, definitions };
    expect(ajv.validateSchema(document), JSON.stringify(ajv.errors)).toBe(true);
    ajv.addSchema(document);
    for (const name of Object.keys(definitions))
      expect(() => ajv.getSchema(`${DEFINITIONS_ID}#/definitions/${name}`)).not.toThrow();
  });

  it('list every format they use', () => {
    const used = new Set<string>();
    JSON.stringify([definitions, contractOperations], (key, value: unknown) => {
      if (key === 'format' && typeof value === 'string') used.add(value);
      return value;
    });
    // Examples may hold a `format` key too; every listed format must be used by some schema.
    for (const format of formats) expect(used.has(format), format).toBe(true);
    expect(formats).toEqual(expect.arrayContaining(['date-time', 'uuid']));
  });
});

/**
 * Response schemas no value can satisfy, as the spec writes them (a fix belongs in spec/overlays;
 * the test below fails once the schema is satisfiable, so that this list shrinks).
 */
const UNSATISFIABLE: Record<string, string> = {};

describe('sampled values', () => {
  it.each(contractOperations.filter((op) => op.success.schema).map((op) => [op.operationId, op] as const))(
    '%s: the sampled success body is valid against the response schema',
    (_id, op) => {
      const body = sampler.sample(op.success.schema!, seededRandom(seedFor(1, op.operationId)));
      const validate = validators.get(op.success.schema!);
      expect(validate(body), UNSATISFIABLE[op.operationId] ?? JSON.stringify(validate.errors?.slice(0, 3))).toBe(
        !UNSATISFIABLE[op.operationId],
      );
    },
  );

  it.each(
    contractOperations
      .filter((op) => op.body && op.body.kind !== 'multipart')
      .map((op) => [op.operationId, op] as const),
  )('%s: a sampled request body is valid against the request schema', (_id, op) => {
    const body = sampler.sample(op.body!.schema, seededRandom(seedFor(3, op.operationId)));
    const validate = validators.get(op.body!.schema);
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it.each(
    contractOperations.filter((op) => op.success.example !== undefined).map((op) => [op.operationId, op] as const),
  )("%s: the spec's example (answered by default) is valid against the response schema", (_id, op) => {
    const validate = validators.get(op.success.schema!);
    expect(validate(structuredClone(op.success.example)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('are the same for the same seed and differ between seeds', () => {
    const schema: JsonSchema = contractOperations.find((op) => op.operationId === 'get-boards')!.success.schema!;
    const a = sampler.sample(schema, seededRandom(seedFor(1, 'get-boards')));
    expect(sampler.sample(schema, seededRandom(seedFor(1, 'get-boards')))).toEqual(a);
    expect(sampler.sample(schema, seededRandom(seedFor(2, 'get-boards')))).not.toEqual(a);
  });
});

describe('routing over the real operations', () => {
  const base: BaseUrl = { origin: 'https://api.miro.com', path: '' };
  const routes = contractOperations.map((op) => compileRoute(op, base));
  const shapeOf = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

  it.each(routes.map((route) => [`${route.op.method} ${route.op.path}`, route] as const))(
    '%s: a concrete path is claimed by this template alone (or its siblings)',
    (_name, route) => {
      if (route.op.server !== 'api') return;
      const concrete = route.op.path.replace(/\{[^}]+\}/g, 'x1');
      const matching = routes.filter(
        (r) => r.op.server === 'api' && r.op.method === route.op.method && r.pattern.test(concrete),
      );
      const winners = matching.filter((r) => !matching.some((other) => moreSpecific(other, r)));
      expect(new Set(winners.map((r) => shapeOf(r.op.path)))).toEqual(new Set([shapeOf(route.op.path)]));
    },
  );

  const byId = (id: string) => contractOperations.find((op) => op.operationId === id)!;
  const items = ['get-items', 'get-items-within-frame', 'get-items-by-tag'].map(byId);

  it('dispatches the three GETs of /v2/boards/{board_id}/items on their query', () => {
    const pick = (...names: string[]) => choose(items, { contentType: null, queryNames: new Set(names) }).operationId;
    expect(pick()).toBe('get-items');
    expect(pick('limit', 'cursor', 'type')).toBe('get-items');
    expect(pick('parent_item_id')).toBe('get-items-within-frame');
    expect(pick('parent_item_id', 'cursor')).toBe('get-items-within-frame');
    expect(pick('tag_id')).toBe('get-items-by-tag');
    expect(pick('tag_id', 'offset')).toBe('get-items-by-tag');
  });

  it('dispatches the two DELETEs of a group on delete_items', () => {
    const groups = ['unGroup', 'deleteGroup'].map(byId);
    expect(choose(groups, { contentType: null, queryNames: new Set() }).operationId).toBe('unGroup');
    expect(choose(groups, { contentType: null, queryNames: new Set(['delete_items']) }).operationId).toBe(
      'deleteGroup',
    );
  });

  it('dispatches uploads and URL-based creates sharing a path on the content type', () => {
    const images = ['create-image-item-using-url', 'create-image-item-using-local-file'].map(byId);
    expect(choose(images, { contentType: 'application/json', queryNames: new Set() }).operationId).toBe(
      'create-image-item-using-url',
    );
    expect(choose(images, { contentType: 'multipart/form-data; boundary=x', queryNames: new Set() }).operationId).toBe(
      'create-image-item-using-local-file',
    );
  });
});
