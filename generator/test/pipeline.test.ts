import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generate, loadSpec, REPO_ROOT } from '../src/pipeline.js';
import { sha256 } from '../src/spec/load.js';
import { testSpecFile } from './specs.js';

const pinnedSpec = () => testSpecFile('2026-04-22');

const run = promisify(execFile);
afterEach(() => void vi.unstubAllEnvs());

async function readAll(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)),
  );
}

/**
 * Lines of declaration-only TypeScript whose indentation is not two spaces per open brace (JSDoc
 * continuation lines sit one space further in): inline object types nested in members included.
 */
function misindentedLines(source: string): string[] {
  const wrong: string[] = [];
  let depth = 0;
  source.split('\n').forEach((line, index) => {
    const text = line.trimStart();
    if (text === '') return;
    const indent = line.length - text.length;
    const isDocContinuation = text.startsWith('*');
    const code = isDocContinuation || text.startsWith('/*') || text.startsWith('//') ? '' : text;
    const closesFirst = code.startsWith('}') ? 1 : 0;
    const expected = 2 * (depth - closesFirst) + (isDocContinuation ? 1 : 0);
    if (indent !== expected) wrong.push(`${index + 1}: ${line}`);
    depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
  });
  return wrong.slice(0, 5);
}

describe('the pipeline on the real spec', () => {
  it('is deterministic (two runs write identical bytes) and indented two spaces per level', async () => {
    const pinned = await pinnedSpec();
    const work = await mkdtemp(join(tmpdir(), 'miro-gen-det-'));
    const first = { api: join(work, 'a', 'api'), mock: join(work, 'a', 'mock') };
    const second = { api: join(work, 'b', 'api'), mock: join(work, 'b', 'mock') };
    await generate({ spec: pinned, out: first });
    await generate({ spec: pinned, out: second });
    const [a, b] = [await readAll(first.api), await readAll(second.api)];
    expect(Object.keys(a)).toEqual(['client.gen.ts', 'operations.gen.ts', 'parameters.gen.ts', 'types.gen.ts']);
    expect(a).toEqual(b);
    expect(await readAll(first.mock)).toEqual(await readAll(second.mock));
    for (const name of ['types.gen.ts', 'parameters.gen.ts']) expect(misindentedLines(a[name]!), name).toEqual([]);
  });

  it('applies every overlay action to the pinned spec', async () => {
    const pinned = await pinnedSpec();
    const loaded = await loadSpec({ spec: pinned });
    const current = loaded.overlays.filter(
      (o) => !o.overlay.includes('path-parameter') || !o.target.includes('v2-experimental'),
    );
    expect(current.every((o) => o.matched > 0)).toBe(true);
    const components = loaded.spec.components as { responses: Record<string, unknown> };
    expect(Object.keys(components.responses)).toEqual(
      expect.arrayContaining(['400', '401', '404', '429', 'createUser409']),
    );
    expect((loaded.spec.paths as Record<string, { servers?: { url: string }[] }>)['/Users']!.servers).toEqual([
      { url: 'https://miro.com/api/v1/scim' },
    ]);
  });
});

describe('the pin', () => {
  async function rootWithPin(hash: string): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'miro-gen-pin-'));
    await mkdir(join(root, 'spec'));
    await cp(join(REPO_ROOT, 'spec', 'overlays'), join(root, 'spec', 'overlays'), { recursive: true });
    await writeFile(
      join(root, 'spec', 'pin.json'),
      JSON.stringify({
        published: '2026-04-22',
        commit: 'abc',
        url: 'https://example.invalid/spec.json',
        sha256: hash,
      }),
    );
    return root;
  }

  it('accepts the default source when its hash matches the pin', async () => {
    const pinned = await pinnedSpec();
    const root = await rootWithPin(sha256(await readFile(pinned, 'utf8')));
    vi.stubEnv('MIRO_SPEC_SOURCE', pinned);
    const loaded = await loadSpec({ root });
    expect(loaded.location).toBe(pinned);
  });

  it('refuses a default source whose hash differs, saying what to do', async () => {
    const pinned = await pinnedSpec();
    const root = await rootWithPin('0'.repeat(64));
    vi.stubEnv('MIRO_SPEC_SOURCE', pinned);
    const error = await loadSpec({ root }).catch((e: Error) => e);
    expect(String(error)).toContain(`but spec/pin.json pins ${'0'.repeat(64)}`);
    expect(String(error)).toContain('pnpm spec:update');
    expect(String(error)).toContain('MIRO_SPEC_SOURCE');
  });

  it('does not check an explicit --spec against the pin', async () => {
    const pinned = await pinnedSpec();
    const root = await rootWithPin('0'.repeat(64));
    await expect(loadSpec({ root, spec: pinned })).resolves.toMatchObject({ location: pinned });
  });
});

describe('the miro-generate command', () => {
  const bin = join(REPO_ROOT, 'generator', 'bin', 'miro-generate.mjs');

  it('generates from an explicit spec into --out and reports the counts', async () => {
    const pinned = await pinnedSpec();
    const out = join(await mkdtemp(join(tmpdir(), 'miro-gen-cli-')), 'api');
    const { stdout } = await run(process.execPath, [bin, '--spec', pinned, '--target', 'api', '--out', out]);
    expect(stdout).toContain(`197 operations`);
    expect(await readdir(out)).toContain('client.gen.ts');
  });

  it('exits 1 with the error and "Nothing was written." for a bad spec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'miro-gen-cli-'));
    await writeFile(join(dir, 'bad.json'), '{ nope');
    const result = await run(process.execPath, [bin, '--spec', join(dir, 'bad.json'), '--out', join(dir, 'out')]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/invalid JSON[\s\S]*Nothing was written\./);
  });

  it('rejects an unknown target', async () => {
    const result = await run(process.execPath, [bin, '--target', 'python']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toContain('unknown --target python');
  });
});
