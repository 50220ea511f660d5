import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compactEntry, compactOperation } from './operation-compact.js';
import { resolveOperation, type ResolvedOperation } from './operation.js';
import { compactCreateSticky, compactListItems, compactSearch, ops } from './test-support/operations.js';

describe('compactOperation', () => {
  it('leaves out exactly the fields that resolve back to the same value', () => {
    expect(compactOperation(ops.listItems)).toEqual(compactListItems);
    expect(compactOperation(ops.search)).toEqual(compactSearch);
    expect(compactOperation(ops.createSticky)).toEqual(compactCreateSticky);
    expect(compactOperation(ops.uploadImage)).toMatchObject({
      method: 'POST',
      body: { kind: 'multipart', parts: ops.uploadImage.body!.parts },
      successStatus: 201,
    });
  });

  it('keeps a field that differs from the default the other fields imply', () => {
    const unusual: ResolvedOperation = {
      ...ops.getBoard,
      parameters: [{ ...ops.getBoard.parameters[0]!, in: 'query', required: true }],
      body: { kind: 'json', contentType: 'application/merge-patch+json', required: false },
      rateLimitLevel: null,
      credits: 7,
      pagination: { kind: 'offset', itemsField: 'items', pageParam: 'skip', limitParam: null },
    };
    expect(compactOperation(unusual)).toEqual({
      operationId: 'getBoard',
      path: '/v2/boards/{board_id}',
      parameters: [{ wireName: 'board_id', in: 'query', required: true, style: 'simple' }],
      body: { kind: 'json', contentType: 'application/merge-patch+json', required: false },
      credits: 7,
      pagination: { kind: 'offset', itemsField: 'items', pageParam: 'skip', limitParam: null },
    });
  });

  it('resolves back to the operation it came from, for every test operation', () => {
    for (const op of Object.values(ops)) expect(resolveOperation(compactOperation(op)), op.operationId).toEqual(op);
  });
});

describe('compactEntry', () => {
  it('leaves out the operationId where the table key gives it back', () => {
    const entry = (operationId: string) => compactEntry('getBoard', { ...ops.getBoard, operationId });
    expect(entry('get-board')).not.toHaveProperty('operationId');
    expect(entry('getBoard')).toHaveProperty('operationId', 'getBoard');
  });
});

describe('the descriptor files the generator bundles by path', () => {
  it('import nothing but each other', async () => {
    for (const file of ['operation.ts', 'operation-compact.ts']) {
      const text = await readFile(new URL(file, import.meta.url), 'utf8');
      const imports = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
      expect(
        imports.filter((m) => m !== './operation.js'),
        file,
      ).toEqual([]);
    }
  });
});
