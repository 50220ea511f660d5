// `pnpm bench`: every figure side by side in one run, printed as a table and written to
// bench-results.json. Progress goes to stderr, the table to stdout.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseBenchArgs, USAGE, type Section } from './args.js';
import { buildWorkers } from './build-workers.js';
import { FULL, QUICK } from './config.js';
import { judgeGoals } from './goals.js';
import { DEFAULT_RESULTS_FILE } from './paths.js';
import { renderGoals, renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { bulk } from './sections/bulk.js';
import { bundle } from './sections/bundle.js';
import { coldStart } from './sections/cold-start.js';
import { cpuPerRequest } from './sections/cpu.js';
import { checkRedis, distributed, redisUrl } from './sections/distributed.js';
import { generate } from './sections/generate.js';
import { scaling } from './sections/scaling.js';
import { resolveSpecVersions } from './spec-dir.js';
import { BenchSetupError } from './setup-error.js';
import { resolveSpecFile } from './spec-source.js';

type Sections = { -readonly [K in keyof Omit<BenchResults, 'meta' | 'goals'>]?: BenchResults[K] };

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = args.quick ? QUICK : FULL;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const started = Date.now();
  // Fail before anything slow when a spec or Redis is missing.
  const specFile = args.only.includes('generate') ? resolveSpecFile(args.spec) : '';
  const specVersions = args.only.includes('scaling') ? await resolveSpecVersions() : [];
  if (args.only.includes('distributed')) await checkRedis(redisUrl());
  await buildWorkers();

  const results: Sections = {};
  const timed = async <T>(section: Section, work: () => Promise<T>): Promise<T | undefined> => {
    if (!args.only.includes(section)) return undefined;
    const t0 = Date.now();
    log(`bench: ${section}...`);
    const value = await work();
    log(`bench: ${section} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  };
  const coldStartResults = await timed('coldStart', () => coldStart(config));
  if (coldStartResults) results.coldStart = coldStartResults;
  const bundleResults = await timed('bundle', () => bundle());
  if (bundleResults) results.bundle = bundleResults;
  const cpuResults = await timed('cpuPerRequest', () => cpuPerRequest(config));
  if (cpuResults) results.cpuPerRequest = cpuResults;
  const bulkResults = await timed('bulk', () => bulk(config, log));
  if (bulkResults) results.bulk = bulkResults;
  const distributedResults = await timed('distributed', () => distributed(config, log));
  if (distributedResults) results.distributed = distributedResults;
  const scalingResults = await timed('scaling', () => scaling(config, specVersions, bulkResults, log));
  if (scalingResults) results.scaling = scalingResults;
  const generateResults = await timed('generate', () => generate(config, specFile));
  if (generateResults) results.generate = generateResults;

  const goals = judgeGoals(results);
  const durationMs = Date.now() - started;
  const cpuList = cpus();
  const output = {
    meta: {
      quick: config.quick,
      startedAt: new Date(started).toISOString(),
      durationMs,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
    },
    ...results,
    goals,
  };
  const outFile = args.out ? resolve(process.env['INIT_CWD'] ?? process.cwd(), args.out) : DEFAULT_RESULTS_FILE;
  writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);
  const title = `Miro client benchmark${config.quick ? ' (--quick: smoke run, figures not meaningful)' : ''}: node ${process.version}, ${cpuList.length} x ${output.meta.cpuModel}`;
  process.stdout.write(
    `\n${title}\n\n${renderReport(results, goals)}\n\n${renderGoals(goals)}\n\nWrote ${outFile} in ${(durationMs / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchSetupError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
