import type { BenchConfig } from '../config.js';
import { BENCH_DIR, workerPath } from '../paths.js';
import { lastJsonLine, run, startWorker } from '../processes.js';
import { SCENARIOS, type CpuResults, type Scenario, type ScenarioFigures } from '../results.js';
import { median, ratio } from '../stats.js';
import type { CpuClientInput, CpuContender } from '../workers/cpu-client.js';

type Sample = Record<CpuContender, ScenarioFigures> & { emptyLoopUs: number };

/**
 * Client CPU per request against a server in another process. Each repetition is one fresh
 * client process running every contender in shuffled, interleaved blocks (see workers/cpu-client).
 */
export async function cpuPerRequest(config: BenchConfig): Promise<CpuResults> {
  const server = await startWorker(workerPath('cpu-server'), []);
  const samples: Sample[] = [];
  try {
    const input: CpuClientInput = {
      url: String(server.ready['url']),
      block: config.cpu.block,
      warmupRounds: config.cpu.warmupRounds,
      rounds: config.cpu.rounds,
    };
    for (let rep = 0; rep < config.cpu.repetitions; rep++) {
      const result = await run(process.execPath, [workerPath('cpu-client'), JSON.stringify(input)], {
        cwd: BENCH_DIR,
        timeoutMs: 300_000,
      });
      samples.push(lastJsonLine<Sample>(result, 'cpu client'));
    }
  } finally {
    await server.stop();
  }
  const figures = (contender: CpuContender): ScenarioFigures =>
    Object.fromEntries(SCENARIOS.map((s) => [s, median(samples.map((x) => x[contender][s]))])) as ScenarioFigures;
  const contenders = {
    rawFetch: figures('rawFetch'),
    ours: figures('ours'),
    oursBudgetOn: figures('oursBudgetOn'),
    oursTimeoutOff: figures('oursTimeoutOff'),
    official: figures('official'),
  };
  const versus = (a: ScenarioFigures, b: ScenarioFigures): Record<Scenario, number | null> =>
    Object.fromEntries(SCENARIOS.map((s) => [s, ratio(a[s], b[s])])) as Record<Scenario, number | null>;
  return {
    repetitions: config.cpu.repetitions,
    requestsPerScenario: config.cpu.block * config.cpu.rounds,
    contenders,
    emptyLoopUs: median(samples.map((x) => x.emptyLoopUs)),
    vsRawFetch: versus(contenders.ours, contenders.rawFetch),
    vsOfficial: versus(contenders.ours, contenders.official),
    budgetOnVsRawFetch: versus(contenders.oursBudgetOn, contenders.rawFetch),
    timeoutOffVsRawFetch: versus(contenders.oursTimeoutOff, contenders.rawFetch),
    vsRawFetchPerRepetition: samples.map((x) => versus(x.ours, x.rawFetch)),
  };
}
