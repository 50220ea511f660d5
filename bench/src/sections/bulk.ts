import { operations } from '@miro/api';
import type { BenchConfig } from '../config.js';
import { BENCH_DIR, workerPath } from '../paths.js';
import { lastJsonLine, run, startWorker } from '../processes.js';
import type { BulkContender, BulkFigures, BulkResults } from '../results.js';
import { median, ratio, rotate } from '../stats.js';
import type {
  BulkClientInput,
  BulkClientOutput,
  BulkMockInput,
  BulkMockReady,
  BulkMockStats,
} from '../workers/lib/bulk-protocol.js';

const CONTENDERS: readonly BulkContender[] = ['ours', 'oursNoBudget', 'official', 'oursScaledWindow'];

export const BULK_DESCRIPTIONS: Record<BulkContender, string> = {
  ours: "ours, budget on ({limit, windowMs} = the mock's), default retries, sharing the mock's scaled clock",
  oursNoBudget: 'ours, budget: false, default retries (2, honouring Retry-After), scaled clock',
  official: '@mirohq/miro-api low-level client (no budget, no retries)',
  oursScaledWindow: 'ours, budget on with windowMs shortened instead (real clock, mock likewise)',
};

interface Sample extends BulkClientOutput {
  readonly rateLimited: number;
}

/** Credits the work costs at the least: every create, and one page read per `pageLimit` items. */
export function creditsNeeded(notes: number, pageLimit: number): number {
  return notes * operations.createStickyNoteItem.credits + Math.ceil(notes / pageLimit) * operations.getItems.credits;
}

async function runOnce(config: BenchConfig, contender: BulkContender): Promise<Sample> {
  const b = config.bulk;
  // The scaled-window variant keeps real time and shortens the window by the same factor instead.
  const scaledWindow = contender === 'oursScaledWindow';
  const timing = scaledWindow
    ? { windowMs: b.windowMs / b.timeScale, timeScale: 1 }
    : { windowMs: b.windowMs, timeScale: b.timeScale };
  const mockInput: BulkMockInput = { latencyMs: b.latencyMs / b.timeScale, limit: b.limit, ...timing };
  const mock = await startWorker(workerPath('bulk-mock'), [JSON.stringify(mockInput)]);
  try {
    const ready = mock.ready as unknown as BulkMockReady;
    const input: BulkClientInput = {
      ...ready,
      contender,
      notes: b.notes,
      pageLimit: b.pageLimit,
      concurrency: b.concurrency,
      limit: b.limit,
      ...timing,
    };
    const result = await run(process.execPath, [workerPath('bulk-client'), JSON.stringify(input)], {
      cwd: BENCH_DIR,
      timeoutMs: 600_000,
    });
    const output = lastJsonLine<BulkClientOutput>(result, `bulk client ${contender}`);
    const stats = await mock.ask<BulkMockStats>({ type: 'stats' });
    if (output.failedOperations === 0 && (stats.itemsOnBoard !== b.notes || output.itemsRead !== b.notes)) {
      throw new Error(
        `bulk ${contender}: no failure reported, yet ${stats.itemsOnBoard} items on the board and ${output.itemsRead} read (expected ${b.notes})`,
      );
    }
    return { ...output, rateLimited: stats.rateLimited };
  } finally {
    await mock.stop();
  }
}

/** Bulk create + read-back at the rate limit, one fresh mock per run, contenders taking turns. */
export async function bulk(config: BenchConfig, log: (line: string) => void = () => {}): Promise<BulkResults> {
  const b = config.bulk;
  const samples: Record<BulkContender, Sample[]> = { ours: [], oursNoBudget: [], official: [], oursScaledWindow: [] };
  for (let rep = 0; rep < b.repetitions; rep++) {
    for (const contender of rotate(CONTENDERS, rep)) {
      const sample = await runOnce(config, contender);
      log(
        `  bulk ${contender}: ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.rateLimited} x 429, ${sample.failedOperations} failed`,
      );
      samples[contender].push(sample);
    }
  }
  const credits = creditsNeeded(b.notes, b.pageLimit);
  const theoreticalMinMs = ((credits / b.limit) * b.windowMs) / b.timeScale;
  const figures = (contender: BulkContender): BulkFigures => {
    const s = samples[contender];
    const wallMs = median(s.map((x) => x.wallMs));
    return {
      wallMs,
      efficiency: ratio(theoreticalMinMs, wallMs),
      rateLimited429: median(s.map((x) => x.rateLimited)),
      failedOperations: median(s.map((x) => x.failedOperations)),
      itemsRead: median(s.map((x) => x.itemsRead)),
      createPhaseMs: median(s.map((x) => x.createPhaseMs)),
      readPhaseMs: median(s.map((x) => x.wallMs - x.createPhaseMs)),
      description: BULK_DESCRIPTIONS[contender],
      runs: s.map((x) => ({
        wallMs: x.wallMs,
        rateLimited429: x.rateLimited,
        failedOperations: x.failedOperations,
        itemsRead: x.itemsRead,
      })),
    };
  };
  const contenders = Object.fromEntries(CONTENDERS.map((c) => [c, figures(c)])) as Record<BulkContender, BulkFigures>;
  const pick = (key: 'failedOperations' | 'rateLimited429') =>
    Object.fromEntries(CONTENDERS.map((c) => [c, contenders[c][key]])) as Record<BulkContender, number>;
  return {
    repetitions: b.repetitions,
    notes: b.notes,
    pageLimit: b.pageLimit,
    concurrency: b.concurrency,
    latencyMs: b.latencyMs,
    realLatencyMs: b.latencyMs / b.timeScale,
    budget: { limit: b.limit, windowMs: b.windowMs },
    timeScale: b.timeScale,
    creditsNeeded: credits,
    theoreticalMinMs,
    contenders,
    efficiency: contenders.ours.efficiency,
    failedOperations: pick('failedOperations'),
    rateLimited429: pick('rateLimited429'),
  };
}
