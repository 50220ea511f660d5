import { describe, expect, it } from 'vitest';
import { operationTable, type OperationEntry } from '../../../packages/api/src/runtime/operation.js';
import { fixtureSpec } from '../../test/fixture.js';
import { testSpecIR } from '../../test/specs.js';
import { buildIR } from '../ir/build.js';
import type { ApiIR } from '../ir/types.js';
import { emitApiFiles } from './index.js';
import { operationDescriptor, tableEntry } from './operations.js';

const meta = { source: 'fixture.json', sha256: 'f'.repeat(64) };

const spec = fixtureSpec({
  '/v2/boards/{board_id}/items': {
    get: {
      operationId: 'get-items',
      description: 'Rate limiting: Level 2',
      parameters: [
        { name: 'board_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'string' } },
        {
          name: 'tag_ids',
          in: 'query',
          required: true,
          explode: false,
          schema: { type: 'array', items: { type: 'string' } },
        },
      ],
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
  '/v2/boards/{board_id_PlatformTags}/tags': {
    post: {
      operationId: 'createItemV2',
      parameters: [{ name: 'board_id_PlatformTags', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      responses: { '204': { description: 'done' } },
    },
  },
});

/** The table the runtime builds from the emitted entries (plain JSON, as the emitted file holds them). */
function runtimeTable(ir: ApiIR) {
  return operationTable(
    Object.fromEntries(ir.operations.map((op) => [op.methodName, tableEntry(op) as unknown as OperationEntry])),
  );
}

describe('the operation table', () => {
  const ir = buildIR(spec);

  it('leaves out every field that equals its default', () => {
    const [getItems, createItem] = ['get-items', 'createItemV2'].map((id) =>
      tableEntry(ir.operations.find((op) => op.operationId === id)!),
    );
    expect(getItems).toEqual({
      path: '/v2/boards/{board_id}/items',
      parameters: [
        { wireName: 'board_id' },
        { wireName: 'limit' },
        { wireName: 'tag_ids', required: true, explode: false, kind: 'array' },
      ],
      rateLimitLevel: 2,
    });
    // The operationId stays where the method name does not give it back.
    expect(createItem).toEqual({
      operationId: 'createItemV2',
      method: 'POST',
      path: '/v2/boards/{board_id_PlatformTags}/tags',
      // The generator drops the team suffix; the runtime default would not.
      parameters: [{ wireName: 'board_id_PlatformTags', name: 'boardId' }],
      body: { kind: 'json', required: false },
      successStatus: 204,
      responseKind: 'empty',
    });
  });

  it('is emitted through the runtime operationTable, one compact entry per line', () => {
    const text = emitApiFiles(ir, meta).get('operations.gen.ts')!;
    expect(text).toContain("import { operationTable } from '../runtime/operation.js';");
    expect(text).toContain('export const operations = operationTable({');
    for (const op of ir.operations)
      expect(text).toContain(`\n    ${op.methodName}: ${JSON.stringify(tableEntry(op))},\n`);
  });

  it('resolves, in the runtime, to the full descriptor of every operation of the real spec', async () => {
    const real = await testSpecIR('2026-04-22');
    const table = runtimeTable(real);
    for (const op of real.operations) expect(table[op.methodName], op.methodName).toEqual(operationDescriptor(op));
    expect(Object.keys(table)).toHaveLength(197);
  });

  it('resolves the fixture operations to their full descriptors too', () => {
    const table = runtimeTable(ir);
    for (const op of ir.operations) expect(table[op.methodName]).toEqual(operationDescriptor(op));
  });
});
