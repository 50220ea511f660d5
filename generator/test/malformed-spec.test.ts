import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import { generate } from '../src/pipeline.js';
import { fixtureSpec, getReturning } from './fixture.js';

let work: string;
let out: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'miro-gen-bad-'));
  out = join(work, 'generated');
  await mkdir(out);
  await writeFile(join(out, 'client.gen.ts'), '// the previous, good output\n');
});

async function generateFrom(text: string, ext = 'json'): Promise<SpecError> {
  const file = join(work, `spec.${ext}`);
  await writeFile(file, text);
  const error = await generate({ spec: file, targets: ['api'], out: { api: out } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

async function expectOutputUntouched(): Promise<void> {
  expect(await readdir(out)).toEqual(['client.gen.ts']);
  expect(await readFile(join(out, 'client.gen.ts'), 'utf8')).toBe('// the previous, good output\n');
  expect((await readdir(work)).filter((f) => f.includes('staging') || f.includes('retired'))).toEqual([]);
}

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('a malformed spec stops the generator with the place of the defect, and writes nothing', () => {
  it('invalid JSON', async () => {
    const error = await generateFrom('{ "openapi": "3.0.1", "paths": { ');
    expect(error.message).toMatch(/invalid JSON/);
    await expectOutputUntouched();
  });

  it('invalid YAML', async () => {
    const error = await generateFrom('openapi: 3.0.1\npaths:\n  /a: [unclosed\n', 'yaml');
    expect(error.message).toMatch(/invalid YAML/);
    await expectOutputUntouched();
  });

  it('a $ref that resolves nowhere and no overlay covers', async () => {
    const spec = fixtureSpec({ '/v2/a': getReturning('get-a', { $ref: '#/components/schemas/Nowhere' }) });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.pointer).toBe('/paths/~1v2~1a/get/responses/200/content/application~1json/schema/$ref');
    expect(error.message).toContain('$ref "#/components/schemas/Nowhere" resolves to nothing');
    await expectOutputUntouched();
  });

  it('references that only point at each other (no schema in the cycle)', async () => {
    const spec = fixtureSpec(
      { '/v2/a': getReturning('get-a', { $ref: '#/components/schemas/A' }) },
      { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
    );
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.message).toContain(
      '$ref cycle with no schema in it: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A',
    );
    expect(error.pointer).toBe('/paths/~1v2~1a/get/responses/200/content/application~1json/schema/$ref');
    await expectOutputUntouched();
  });

  it('a missing operationId', async () => {
    const spec = fixtureSpec({ '/v2/a': { get: { responses: ok } } });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.pointer).toBe('/paths/~1v2~1a/get');
    expect(error.message).toContain('operation has no operationId');
    await expectOutputUntouched();
  });

  it('a duplicate operationId', async () => {
    const spec = fixtureSpec({
      '/v2/a': { get: { operationId: 'get-a', responses: ok } },
      '/v2/b': { get: { operationId: 'get-a', responses: ok } },
    });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.message).toMatch(/duplicate operationId "get-a"|operationIds? .*get-a/);
    expect(error.message).toContain('/paths/~1v2~1');
    await expectOutputUntouched();
  });

  it('two operations that would get the same method name', async () => {
    const spec = fixtureSpec({
      '/v2/a': { get: { operationId: 'get-boards', responses: ok } },
      '/v2/b': { get: { operationId: 'getBoards', responses: ok } },
    });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.pointer).toBe('/paths/~1v2~1b/get');
    expect(error.message).toContain(
      'operationId "getBoards" gives method name "getBoards", which the operation at /paths/~1v2~1a/get already has',
    );
    await expectOutputUntouched();
  });

  it('a document that is not OpenAPI 3.0', async () => {
    const error = await generateFrom(JSON.stringify({ swagger: '2.0', paths: {} }));
    expect(error.pointer).toBe('/openapi');
    await expectOutputUntouched();
  });

  it('what only the OpenAPI validator catches (a response without a description)', async () => {
    const spec = fixtureSpec({ '/v2/a': { get: { operationId: 'get-a', responses: { '200': { content: {} } } } } });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.message).toMatch(/OpenAPI validation failed: .*description/);
    await expectOutputUntouched();
  });

  it("the validator's verdict, also when the IR fails on the same spec first", async () => {
    const spec = fixtureSpec({
      '/v2/a': {
        get: {
          operationId: 'get-a',
          parameters: [{ name: 'x', in: 'body', schema: { type: 'string' } }],
          responses: ok,
        },
      },
    });
    const error = await generateFrom(JSON.stringify(spec));
    expect(error.message).toMatch(/OpenAPI validation failed/);
    await expectOutputUntouched();
  });
});
