import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { BenchConfig, BulkConfig } from '../config.js';
import { fitLine, perUnitCost } from '../linearity.js';
import { API_RUNTIME_DIR, BENCH_DIR, GENERATE_BIN, REPO_ROOT, workerPath } from '../paths.js';
import { lastJsonLine, run } from '../processes.js';
import type { BulkResults } from '../results.js';
import type { ScalingBulkSize, ScalingResults, ScalingSpecVersion } from '../scaling-results.js';
import type { SpecVersionFile } from '../spec-dir.js';
import { median, rotate } from '../stats.js';
import { bulkFigures, creditLimitedMinimumMs, creditsNeeded, runBulkOnce } from './bulk.js';
import { parseStageTimings } from './generate.js';

type Log = (line: string) => void;

/** The bulk section's workload (ours, budget on) at each size; the bulk section's own size reuses its runs. */
async function bulkSizes(config: BenchConfig, bulkResults: BulkResults | undefined, log: Log) {
  const b: BulkConfig = config.bulk;
  const sizes: ScalingBulkSize[] = [];
  for (const notes of config.scaling.bulkNotes) {
    const credits = creditsNeeded(notes, b.pageLimit);
    const theoreticalMinMs = creditLimitedMinimumMs(credits, b);
    const reused = bulkResults?.notes === notes ? bulkResults.contenders.ours : undefined;
    let figures = reused;
    if (!figures) {
      const samples = [];
      for (let rep = 0; rep < config.scaling.bulkRepetitions; rep++) {
        const sample = await runBulkOnce(b, 'ours', notes);
        log(
          `  scaling bulk ${notes} notes: ${(sample.wallMs / 1000).toFixed(2)} s, ${(sample.cpuUs / sample.apiRequests).toFixed(0)} us CPU per request`,
        );
        samples.push(sample);
      }
      figures = bulkFigures(samples, theoreticalMinMs, 'ours');
    }
    sizes.push({
      notes,
      creditsNeeded: credits,
      creditLimited: credits > b.limit,
      theoreticalMinMs,
      wallMs: figures.wallMs,
      efficiency: figures.efficiency,
      rateLimited429: figures.rateLimited429,
      failedOperations: figures.failedOperations,
      cpuUsPerRequest: figures.cpuUsPerRequest,
      cpuMs: figures.cpuMs,
      apiRequests: figures.apiRequests,
      clientMaxRssKb: figures.maxRssKb,
      clientLiveHeapKb: figures.liveHeapKb,
      runs: figures.runs.length,
      measuredIn: reused ? 'bulk' : 'scaling',
    });
  }
  const limited = sizes.filter((s) => s.creditLimited);
  return {
    sizes,
    wallPerCredit: perUnitCost(limited.map((s) => s.wallMs / s.creditsNeeded)),
    cpuVsRequests: fitLine(sizes.map((s) => [s.apiRequests, s.cpuMs] as const)),
    clientRssVsNotes: fitLine(sizes.map((s) => [s.notes, s.clientMaxRssKb] as const)),
    clientLiveHeapVsNotes: fitLine(sizes.map((s) => [s.notes, s.clientLiveHeapKb] as const)),
  };
}

const MAX_RSS_LINE = /bench-max-rss-kb (\d+)/;
const COUNTS_LINE = /(\d+) operations, (\d+) schemas/;

interface GenerateSample {
  readonly wallMs: number;
  readonly inProcessMs: number;
  readonly maxRssKb: number;
  readonly operations: number;
  readonly schemas: number;
}

/** `miro-generate --target api` from one spec file, in a fresh process whose peak RSS is reported. */
async function generateOnce(spec: SpecVersionFile, out: string): Promise<GenerateSample> {
  const preload = `--import=${pathToFileURL(workerPath('report-max-rss')).href}`;
  const result = await run(
    process.execPath,
    [preload, GENERATE_BIN, '--target', 'api', '--spec', spec.path, '--out', out, '--timings'],
    { cwd: REPO_ROOT, timeoutMs: 300_000 },
  );
  const rss = MAX_RSS_LINE.exec(result.stderr);
  const counts = COUNTS_LINE.exec(result.stdout);
  if (!rss || !counts) {
    throw new Error(
      `scaling: miro-generate on ${spec.version} printed no ${rss ? 'counts' : 'peak RSS'}:\n${result.stdout}`,
    );
  }
  return {
    wallMs: result.wallMs,
    inProcessMs: parseStageTimings(result.stdout)['total'] ?? Number.NaN,
    maxRssKb: Number(rss[1]),
    operations: Number(counts[1]),
    schemas: Number(counts[2]),
  };
}

/**
 * The generated client of one version as an application would load it: the generated files next
 * to the hand-written runtime (as in packages/api/src), bundled to one ESM file.
 */
async function bundleClient(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  symlinkSync(API_RUNTIME_DIR, join(dir, 'runtime'), 'dir');
  const outfile = join(dir, 'client.mjs');
  await build({
    stdin: { contents: "export { MiroApi } from './generated/client.gen.ts';", resolveDir: dir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Generation time and memory, and a client process's memory, for every published spec version. */
async function specVersions(config: BenchConfig, specs: readonly SpecVersionFile[], log: Log) {
  const repetitions = config.scaling.generateRepetitions;
  const tmp = mkdtempSync(join(tmpdir(), 'miro-bench-scaling-'));
  try {
    const generated = new Map<string, GenerateSample[]>(specs.map((s) => [s.version, []]));
    // Interleaved, so that machine drift falls on every version alike.
    for (let rep = 0; rep < repetitions; rep++) {
      for (const spec of rotate(specs, rep)) {
        const out = join(tmp, spec.version, rep === 0 ? 'generated' : `generated-${rep}`);
        generated.get(spec.version)?.push(await generateOnce(spec, out));
      }
    }
    const versions: ScalingSpecVersion[] = [];
    for (const spec of specs) {
      const samples = generated.get(spec.version) ?? [];
      const bundle = await bundleClient(join(tmp, spec.version));
      const clients = [];
      for (let rep = 0; rep < repetitions; rep++) {
        const result = await run(process.execPath, [workerPath('client-memory'), bundle], {
          cwd: BENCH_DIR,
          timeoutMs: 60_000,
        });
        clients.push(lastJsonLine<{ importMs: number; maxRssKb: number }>(result, `client of spec ${spec.version}`));
      }
      const version: ScalingSpecVersion = {
        version: spec.version,
        operations: samples[0]?.operations ?? 0,
        schemas: samples[0]?.schemas ?? 0,
        generateMs: median(samples.map((s) => s.wallMs)),
        generateInProcessMs: median(samples.map((s) => s.inProcessMs)),
        generatorMaxRssKb: median(samples.map((s) => s.maxRssKb)),
        clientMaxRssKb: median(clients.map((c) => c.maxRssKb)),
        clientImportMs: median(clients.map((c) => c.importMs)),
      };
      log(
        `  scaling spec ${spec.version}: ${version.operations} operations, ${version.schemas} schemas, generated in ${version.generateMs.toFixed(0)} ms`,
      );
      versions.push(version);
    }
    const against = (x: (v: ScalingSpecVersion) => number, y: (v: ScalingSpecVersion) => number) =>
      fitLine(versions.map((v) => [x(v), y(v)] as const));
    return {
      versions,
      repetitions,
      generateMsVsOperations: against(
        (v) => v.operations,
        (v) => v.generateMs,
      ),
      generateMsVsSchemas: against(
        (v) => v.schemas,
        (v) => v.generateMs,
      ),
      generatorRssVsOperations: against(
        (v) => v.operations,
        (v) => v.generatorMaxRssKb,
      ),
      clientRssVsOperations: against(
        (v) => v.operations,
        (v) => v.clientMaxRssKb,
      ),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** How cost grows: the bulk workload at several sizes; generation and memory per published spec version. */
export async function scaling(
  config: BenchConfig,
  specs: readonly SpecVersionFile[],
  bulkResults: BulkResults | undefined,
  log: Log = () => {},
): Promise<ScalingResults> {
  return { bulk: await bulkSizes(config, bulkResults, log), specs: await specVersions(config, specs, log) };
}
