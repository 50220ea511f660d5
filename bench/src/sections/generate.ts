import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig } from '../config.js';
import { BENCH_DIR, GENERATE_BIN, REPO_ROOT } from '../paths.js';
import { run } from '../processes.js';
import type { GenerateResults } from '../results.js';
import { median, ratio, rotate } from '../stats.js';

/** openapi-typescript's CLI as installed for the bench (its exports map hides bin/ from require.resolve). */
const OATS_CLI = join(BENCH_DIR, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/**
 * `miro-generate --target api` (what `pnpm generate` runs for @miro/api) against openapi-typescript,
 * each a fresh process per run. openapi-typescript gets the spec with our overlays applied (the raw
 * spec's dangling refs stop it); ours reads the raw pinned file and applies them itself.
 */
export async function generate(config: BenchConfig, specFile: string): Promise<GenerateResults> {
  const dir = mkdtempSync(join(tmpdir(), 'miro-bench-generate-'));
  try {
    const dumped = await run(process.execPath, [GENERATE_BIN, '--dump-spec', '--spec', specFile], {
      cwd: REPO_ROOT,
      timeoutMs: 120_000,
    });
    const overlaid = join(dir, 'overlaid-spec.json');
    writeFileSync(overlaid, dumped.stdout);
    if (!existsSync(OATS_CLI)) throw new Error(`bench: ${OATS_CLI} is missing; run pnpm install`);
    const commands = {
      ours: (n: number) => [
        GENERATE_BIN,
        '--target',
        'api',
        '--spec',
        specFile,
        '--out',
        join(dir, `ours-${n}`),
        '--timings',
      ],
      openapiTypescript: (n: number) => [OATS_CLI, overlaid, '--output', join(dir, `oats-${n}.ts`)],
    };
    const samples = { ours: [] as number[], openapiTypescript: [] as number[] };
    const stages: Record<string, number>[] = [];
    const contenders = ['ours', 'openapiTypescript'] as const;
    for (let rep = 0; rep < config.generate.repetitions; rep++) {
      for (const c of rotate(contenders, rep)) {
        const result = await run(process.execPath, commands[c](rep), { cwd: REPO_ROOT, timeoutMs: 300_000 });
        samples[c].push(result.wallMs);
        if (c === 'ours') stages.push(parseStageTimings(result.stdout));
      }
    }
    const ours = median(samples.ours);
    const openapiTypescript = median(samples.openapiTypescript);
    return {
      repetitions: config.generate.repetitions,
      contenders: { ours: { wallMs: ours }, openapiTypescript: { wallMs: openapiTypescript } },
      oursStagesMs: Object.fromEntries(
        Object.keys(stages[0] ?? {}).map((k) => [k, median(stages.map((s) => s[k] ?? 0))]),
      ),
      ratioVsOpenapiTypescript: ratio(ours, openapiTypescript),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `miro-generate: read 13 ms, parse 4 ms, ...; total 1345 ms` -> `{ read: 13, parse: 4, ..., total: 1345 }`. */
export function parseStageTimings(stdout: string): Record<string, number> {
  const line = stdout.split('\n').find((l) => / ms(,|;|$)/.test(l) && l.includes('total')) ?? '';
  const stages: Record<string, number> = {};
  for (const match of line.replace(/^miro-generate:\s*/, '').matchAll(/([a-z][\w-]*) (\d+(?:\.\d+)?) ms/g)) {
    stages[match[1]!] = Number(match[2]);
  }
  return stages;
}
