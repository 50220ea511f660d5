import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSpecIR } from '../../test/specs.js';
import {
  findOfficialPackage,
  type OfficialClass,
  type OfficialMethod,
  type OfficialModel,
  readOfficialModel,
} from './official-parity.js';

let model: OfficialModel;
beforeAll(() => {
  model = readOfficialModel();
});

const cls = (name: string): OfficialClass => {
  const found = model.classes.find((c) => c.name === name);
  if (!found) throw new Error(`no class ${name} in the official model`);
  return found;
};
const method = (className: string, name: string): OfficialMethod => {
  const found = cls(className).methods.find((m) => m.name === name);
  if (!found) throw new Error(`no method ${className}.${name} in the official model`);
  return found;
};

describe('the official high-level model of @mirohq/miro-api@2.2.4', () => {
  it('is read from the installed package', () => {
    expect(model.packageName).toBe('@mirohq/miro-api');
    expect(model.version).toBe('2.2.4');
  });

  it('lists every class a user can import or get from a method, and no low-level or OAuth class', () => {
    expect(model.classes.map((c) => c.name)).toEqual([
      'AppCardItem',
      'Board',
      'BoardDataClassification',
      'BoardMember',
      'CardItem',
      'Connector',
      'DataClassification',
      'DocumentItem',
      'EmbedItem',
      'FrameItem',
      'ImageItem',
      'Item',
      'MiroApi',
      'Organization',
      'OrganizationMember',
      'ShapeItem',
      'StickyNoteItem',
      'Tag',
      'Team',
      'TeamMember',
      'TeamSettings',
      'TextItem',
      'TokenInformation',
    ]);
  });

  it('counts 113 public methods over 23 classes', () => {
    expect(model.classes.reduce((n, c) => n + c.methods.length, 0)).toBe(113);
    expect(cls('Board').methods).toHaveLength(36);
    expect(cls('MiroApi').methods.map((m) => m.name)).toEqual([
      'createBoard',
      'getAllBoards',
      'getBoard',
      'getOrganization',
      'revokeToken',
      'tokenInfo',
    ]);
  });

  it('gives each parameter its name, declared and resolved type, optionality and the low-level argument it is', () => {
    expect(method('Board', 'createStickyNoteItem').parameters).toEqual([
      {
        name: 'stickyNoteCreateRequest',
        declaredType: "Parameters<MiroApi['createStickyNoteItem']>[1]",
        resolvedType: 'StickyNoteCreateRequest',
        optional: false,
        lowLevel: { method: 'createStickyNoteItem', index: 1, name: 'stickyNoteCreateRequest', omitted: [] },
      },
    ]);
    const [query] = method('Board', 'getAllItems').parameters;
    expect(query).toMatchObject({
      name: 'query',
      optional: true,
      lowLevel: { method: 'getItems', index: 1, name: 'query', omitted: ['cursor'] },
    });
    expect(query?.resolvedType).toContain('limit?: string');
    // A required parameter whose type still admits undefined (the low-level argument is optional).
    expect(method('Board', 'createImageItemUsingLocalFile').parameters[1]).toMatchObject({
      name: 'data',
      optional: false,
      resolvedType: 'UploadFileFromDeviceData | undefined',
    });
  });

  it('tells promises from async iterators', () => {
    expect(method('Board', 'getAllItems')).toMatchObject({
      kind: 'async-iterator',
      returnType: 'AsyncGenerator<WidgetItem, void>',
    });
    expect(method('Board', 'copy')).toMatchObject({ kind: 'promise', returnType: 'Promise<Board>' });
    expect(method('StickyNoteItem', 'getAllTags')).toMatchObject({ kind: 'promise', returnType: 'Promise<Tag[]>' });
  });

  it('finds inherited methods and function-typed properties, and leaves out hidden, private and static members', () => {
    expect(method('StickyNoteItem', 'connectTo')).toMatchObject({
      declaredIn: 'BaseStickyNoteItem',
      calls: ['createConnector'],
      parameters: [
        { name: 'endItem', optional: false },
        { name: 'connectorCreationData', optional: true },
      ],
    });
    expect(method('DocumentItem', 'update').declaredIn).toBe('BaseDocumentItem');
    const boardMethods = cls('Board').methods.map((m) => m.name);
    expect(boardMethods).not.toContain('fileUploadRequest'); // @hidden
    expect(boardMethods).not.toContain('getAttributeTypeMap'); // static
    expect(cls('Item').methods.map((m) => m.name)).not.toContain('fromGenericItem'); // static
  });

  it('names the low-level calls of each implementation, following helpers, and the raw upload requests', () => {
    expect(method('Board', 'delete').calls).toEqual(['deleteBoard']);
    expect(method('Board', 'createImageItem')).toMatchObject({
      calls: ['createImageItemUsingUrl'],
      rawCalls: ['POST /v2/boards/${this.id}/${type}'],
    });
    expect(method('ImageItem', 'update').rawCalls).toEqual(['PATCH /v2/boards/${this.boardId}/images/${this.id}']);
    expect(method('MiroApi', 'revokeToken').calls).toEqual(['revokeToken']);
    const silent = model.classes.flatMap((c) =>
      c.methods.filter((m) => m.calls.length === 0).map((m) => `${c.name}.${m.name}`),
    );
    expect(silent).toEqual([]);
  });

  it('records the id fields each object is built with and the data fields it carries', () => {
    expect(cls('StickyNoteItem').idFields).toEqual(['boardId', 'id']);
    expect(cls('TeamMember').idFields).toEqual(['orgId', 'teamId', 'id']);
    expect(cls('Team').idFields).toEqual(['orgId', 'teamId']);
    expect(cls('MiroApi').idFields).toEqual([]);
    expect(cls('MiroApi').constructorParameters.map((p) => p.name)).toEqual([
      'accessToken',
      'basePath',
      'logger',
      'httpTimeout',
    ]);
    const board = cls('Board').properties;
    expect(board.find((p) => p.name === 'name')).toEqual({
      name: 'name',
      type: 'string',
      optional: false,
      declaredIn: 'Board',
    });
    expect(board.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'description', 'policy', 'viewLink']));
  });

  it('wraps only operations our IR has, under the same method names', async () => {
    const ir = await testSpecIR('2026-04-22');
    const ours = new Set(ir.operations.map((o) => o.methodName));
    const wrapped = new Set(model.classes.flatMap((c) => c.methods.flatMap((m) => m.calls)));
    expect([...wrapped].filter((name) => !ours.has(name))).toEqual([]);
    expect(wrapped.size).toBe(94);
  });
});

describe('reading a package that is missing or wrong', () => {
  it('names the package and how to install it when it cannot be found', () => {
    const empty = mkdtempSync(join(tmpdir(), 'parity-'));
    expect(() => findOfficialPackage(empty)).toThrow(
      /@mirohq\/miro-api@2\.2\.4 is not installed .*devDependency of @miro\/generator.*pnpm install/,
    );
  });

  it('refuses a folder that holds another package, or one without its declarations', () => {
    const other = mkdtempSync(join(tmpdir(), 'parity-'));
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'left-pad', version: '1.0.0' }));
    expect(() => readOfficialModel(other)).toThrow(/holds left-pad, not @mirohq\/miro-api/);
    const bare = mkdtempSync(join(tmpdir(), 'parity-'));
    mkdirSync(join(bare, 'dist'));
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: '@mirohq/miro-api', types: 'dist/index.d.ts' }));
    expect(() => readOfficialModel(bare)).toThrow(/its type declarations .*index\.d\.ts are missing/);
  });
});
