import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, expect, it } from 'vitest';

/** The checks every published package's packaging test runs on its built `dist/`, as packed. */

const run = promisify(execFile);
const attw = join(fileURLToPath(new URL('.', import.meta.url)), 'node_modules', '.bin', 'attw');

/** Long enough for `pnpm pack` and attw on a loaded machine. */
const PACK_TIMEOUT_MS = 180_000;

/**
 * The tests every published package runs inside its packaging `describe`: its build holds
 * `distFiles`, publint has nothing to say, attw finds no problem.
 */
export function checkPublishedPackage(pkgDir: string, name: string, distFiles: readonly string[]): void {
  beforeAll(() => {
    for (const file of distFiles) {
      if (!existsSync(join(pkgDir, 'dist', file))) {
        throw new Error(`dist/${file} is missing: run \`pnpm --filter ${name} build\` before the packaging tests`);
      }
    }
  });

  it(
    'passes publint without a message',
    async () => expect(await publintMessages(pkgDir)).toEqual([]),
    PACK_TIMEOUT_MS,
  );

  it(
    'has types that resolve for node10, node16 (CJS and ESM) and bundlers (attw)',
    async () => expect(await attwProblems(pkgDir)).toEqual([]),
    PACK_TIMEOUT_MS,
  );
}

/** publint's messages at the `suggestion` level, formatted; empty when the package is clean. */
async function publintMessages(pkgDir: string): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir, level: 'suggestion', pack: 'pnpm' });
  return messages.map((message) => formatMessage(message, pkg) ?? message.code);
}

/** arethetypeswrong's problems for node10, node16 (CJS and ESM) and bundlers; empty when there are none. */
async function attwProblems(pkgDir: string): Promise<unknown[]> {
  // attw exits non-zero when it finds problems; the JSON report is on stdout either way.
  const stdout = await run(attw, ['--pack', '.', '--format', 'json'], {
    cwd: pkgDir,
    maxBuffer: 256 * 1024 * 1024,
  }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const report = JSON.parse(stdout) as { analysis: { problems: unknown[] | Record<string, unknown> } };
  const problems = report.analysis.problems;
  return Array.isArray(problems) ? problems : Object.entries(problems);
}
