import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { generate, REPO_ROOT } from '../src/pipeline.js';
import { readTestPins, specFileName } from '../src/spec/pin.js';
import { testSpecFile } from './specs.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

it('generates a client that type-checks for every published spec the tests pin', async () => {
  const pins = await readTestPins(REPO_ROOT);
  expect(pins.length).toBeGreaterThanOrEqual(4);
  const work = await mkdtemp(join(tmpdir(), 'miro-gen-all-'));
  const counts: Record<string, number> = {};
  for (const pin of pins) {
    const spec = specFileName(pin);
    const src = join(work, spec.replace(/\.json$/, ''), 'src');
    await mkdir(src, { recursive: true });
    // The generated files import ../runtime: give each a view of the real runtime.
    await symlink(join(REPO_ROOT, 'packages', 'api', 'src', 'runtime'), join(src, 'runtime'), 'dir');
    const { ir } = await generate({
      spec: await testSpecFile(pin.published),
      targets: ['api'],
      out: { api: join(src, 'generated') },
    });
    await writeFile(
      join(src, 'index.ts'),
      "export * from './runtime/index.js';\nexport { MiroApi } from './generated/client.gen.js';\n",
    );
    counts[spec] = ir.operations.length;
  }
  await writeFile(join(work, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, types: [], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')] },
      include: ['*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test-support/**'],
    }),
  );
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')], {
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => ({ code: 0, stdout: '' }),
    (error: { code: number; stdout: string }) => error,
  );
  expect(result.stdout.split('\n').slice(0, 20).join('\n')).toBe('');
  expect(result.code).toBe(0);
  expect(counts).toEqual({
    'miro-openapi-2024-04-15.json': 130,
    'miro-openapi-2025-02-05.json': 145,
    'miro-openapi-2026-02-13.json': 190,
    'miro-openapi-2026-04-22.json': 197,
  });
}, 180_000);
