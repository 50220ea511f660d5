import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

it('compiles a dozen correct calls of real operations and rejects every wrong one', async () => {
  const result = await promisify(execFile)(process.execPath, [
    tsc,
    '-p',
    join(import.meta.dirname, 'tsconfig.json'),
  ]).then(
    () => ({ code: 0, stdout: '' }),
    (error: { code: number; stdout: string }) => error,
  );
  expect(result.stdout).toBe('');
  expect(result.code).toBe(0);
}, 120_000);
