import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_DIR } from './paths.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'miro-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every figure the issue asks bench-results.json to hold (a ratio may be 0: an overhead below noise is clamped to 0). */
const RATIOS = [
  'coldStart.importOverheadRatio',
  'coldStart.rssRatio',
  'bundle.gzipRatio',
  'cpuPerRequest.vsRawFetch.smallGet',
  'cpuPerRequest.vsRawFetch.page50',
  'cpuPerRequest.vsRawFetch.postJson',
  'cpuPerRequest.vsOfficial.smallGet',
  'cpuPerRequest.vsOfficial.page50',
  'cpuPerRequest.vsOfficial.postJson',
  'bulk.efficiency',
  'generate.ratioVsOpenapiTypescript',
];
const COUNTS = ['ours', 'oursNoBudget', 'official'].flatMap((c) => [
  `bulk.failedOperations.${c}`,
  `bulk.rateLimited429.${c}`,
]);

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

describe('pnpm bench --quick', () => {
  it('writes a results file holding every figure of the issue, and prints the table', async () => {
    const out = join(dir, 'results.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--quick', '--out', out], {
      cwd: BENCH_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
    const results: unknown = JSON.parse(readFileSync(out, 'utf8'));

    expect(at(results, 'meta.quick')).toBe(true);
    for (const path of RATIOS) {
      const value = at(results, path);
      expect(typeof value === 'number' && Number.isFinite(value) && value >= 0, `${path} = ${String(value)}`).toBe(
        true,
      );
    }
    for (const path of COUNTS) {
      const value = at(results, path);
      expect(Number.isInteger(value) && (value as number) >= 0, `${path} = ${String(value)}`).toBe(true);
    }
    // The bulk work really ran against the mock: ours read every note back.
    expect(at(results, 'bulk.contenders.ours.itemsRead')).toBe(at(results, 'bulk.notes'));
    const goals = at(results, 'goals') as { figure: string; met: boolean | null }[];
    expect(goals.map((g) => g.figure)).toEqual(
      expect.arrayContaining(['bundle.gzipRatio', 'bulk.efficiency', 'generate.ratioVsOpenapiTypescript']),
    );
    expect(stdout).toContain('Goals:');
    expect(stdout).toContain('bulk: failed operations');
  });
});
