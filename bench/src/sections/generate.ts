import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig } from '../config.js';
import { BENCH_DIR, GENERATE_BIN, REPO_ROOT } from '../paths.js';
import { run } from '../processes.js';
import type { GenerateResults } from '../results.js';
import { median, ratio, rotate } from '../stats.js';

const require = createRequire(join(BENCH_DIR, 'package.json'));

/**
 * `miro-generate --target api` (what `pnpm generate` runs for @miro/api) against openapi-typescript,
 * each a fresh process per run. openapi-typescript gets the spec with our overlays applied (the raw
 * spec's dangling refs stop it); ours reads the raw pinned file and applies them itself.
 */
export async function generate(config: BenchConfig, specFile: string): Promise<GenerateResults> {
  const dir = mkdtempSync(join(tmpdir(), 'miro-bench-generate-'));
  try {
    const dumped = await run(process.execPath, [GENERATE_BIN, '--dump-spec', '--spec', specFile], { cwd: REPO_ROOT, timeoutMs: 120_000 });
    const overlaid = join(dir, 'overlaid-spec.json');
    writeFileSync(overlaid, dumped.stdout);
    const oatsCli = require.resolve('openapi-typescript/bin/cli.js');
    const commands = {
      ours: (n: number) => [GENERATE_BIN, '--target', 'api', '--spec', specFile, '--out', join(dir, `ours-${n}`)],
      openapiTypescript: (n: number) => [oatsCli, overlaid, '--output', join(dir, `oats-${n}.ts`)],
    };
    const samples = { ours: [] as number[], openapiTypescript: [] as number[] };
    const contenders = ['ours', 'openapiTypescript'] as const;
    for (let rep = 0; rep < config.generate.repetitions; rep++) {
      for (const c of rotate(contenders, rep)) {
        const result = await run(process.execPath, commands[c](rep), { cwd: REPO_ROOT, timeoutMs: 300_000 });
        samples[c].push(result.wallMs);
      }
    }
    const ours = median(samples.ours);
    const openapiTypescript = median(samples.openapiTypescript);
    return {
      repetitions: config.generate.repetitions,
      contenders: { ours: { wallMs: ours }, openapiTypescript: { wallMs: openapiTypescript } },
      ratioVsOpenapiTypescript: ratio(ours, openapiTypescript),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
