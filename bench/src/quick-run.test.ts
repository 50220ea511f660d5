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
  'distributed.efficiency',
  'generate.ratioVsOpenapiTypescript',
];
const COUNTS = [
  ...['ours', 'oursNoBudget', 'official'].flatMap((c) => [`bulk.failedOperations.${c}`, `bulk.rateLimited429.${c}`]),
  ...['sharedRedis', 'perProcess', 'noBudget'].flatMap((c) => [
    `distributed.failedOperations.${c}`,
    `distributed.rateLimited429.${c}`,
  ]),
];
const isPositive = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

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
    // The processes together read back every note, and refreshed the shared token once between them.
    expect(at(results, 'distributed.contenders.sharedRedis.itemsRead')).toBe(at(results, 'distributed.notes'));
    expect(at(results, 'distributed.contenders.sharedRedis.tokenRefreshes')).toBe(1);
    expect(at(results, 'distributed.processes')).toBe(4);

    const sizes = at(results, 'scaling.bulk.sizes') as Record<string, unknown>[];
    expect(sizes.map((x) => x['notes'])).toEqual([50, 100, 200]);
    for (const size of sizes) {
      for (const key of [
        'wallMs',
        'efficiency',
        'cpuUsPerRequest',
        'cpuMs',
        'apiRequests',
        'clientMaxRssKb',
        'clientLiveHeapKb',
        'theoreticalMinMs',
      ]) {
        expect(isPositive(size[key]), `scaling.bulk.sizes[${size['notes']}].${key} = ${String(size[key])}`).toBe(true);
      }
    }
    // The size the bulk section measured is taken from it, not run again.
    expect(sizes.map((x) => x['measuredIn'])).toEqual(['scaling', 'bulk', 'scaling']);
    const versions = at(results, 'scaling.specs.versions') as Record<string, unknown>[];
    expect(versions.map((v) => v['version'])).toEqual(['2024-04-15', '2025-02-05', '2026-02-13', '2026-04-22']);
    for (const v of versions) {
      for (const key of ['operations', 'schemas', 'generateMs', 'generatorMaxRssKb', 'clientMaxRssKb']) {
        expect(isPositive(v[key]), `scaling.specs ${v['version']}.${key} = ${String(v[key])}`).toBe(true);
      }
    }
    // Newer specs hold more operations: the fits have something to fit.
    expect(versions.map((v) => v['operations'])).toEqual(
      [...versions.map((v) => v['operations'] as number)].sort((a, b) => a - b),
    );
    for (const path of [
      'scaling.bulk.cpuVsRequests.linear',
      'scaling.bulk.wallPerCredit.linear',
      'scaling.bulk.clientRssVsNotes.linear',
      'scaling.bulk.clientLiveHeapVsNotes.linear',
      'scaling.specs.generateMsVsOperations.linear',
      'scaling.specs.generateMsVsSchemas.linear',
      'scaling.specs.generatorRssVsOperations.linear',
      'scaling.specs.clientRssVsOperations.linear',
    ]) {
      expect(typeof at(results, path), path).toBe('boolean');
    }

    const goals = at(results, 'goals') as { figure: string; met: boolean | null }[];
    expect(goals.map((g) => g.figure)).toEqual(
      expect.arrayContaining([
        'bundle.gzipRatio',
        'bulk.efficiency',
        'distributed.efficiency',
        'distributed.rateLimited429.sharedRedis',
        'distributed.failedOperations.sharedRedis',
        'generate.ratioVsOpenapiTypescript',
      ]),
    );
    expect(stdout).toContain('Goals:');
    expect(stdout).toContain('bulk: failed operations');
    expect(stdout).toContain('distributed: shared Redis budget, 429s');
    expect(stdout).toContain('scaling: generate (fresh process), ms');
  });
});
