import { operations } from '@miro/api';
import type { BenchConfig, BulkConfig } from '../config.js';
import { BENCH_DIR, workerPath } from '../paths.js';
import { lastJsonLine, run, startWorker } from '../processes.js';
import type { BulkContender, BulkFigures, BulkResults } from '../results.js';
import { byKey, median, ratio, rotate } from '../stats.js';
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

export interface BulkSample extends BulkClientOutput {
  /** 429s the mock sent, and every API request it answered (429s included). */
  readonly rateLimited: number;
  readonly apiRequests: number;
}

/** Credits the work costs at the least: every create, and one page read per `pageLimit` items. */
export function creditsNeeded(notes: number, pageLimit: number): number {
  return notes * operations.createStickyNoteItem.credits + Math.ceil(notes / pageLimit) * operations.getItems.credits;
}

/** Real milliseconds the credits take at the budget's rate: the credit-limited minimum. */
export function creditLimitedMinimumMs(credits: number, b: Pick<BulkConfig, 'limit' | 'windowMs' | 'timeScale'>) {
  return ((credits / b.limit) * b.windowMs) / b.timeScale;
}

/** One run: a fresh mock, one client process creating `notes` notes and reading them back. */
export async function runBulkOnce(b: BulkConfig, contender: BulkContender, notes: number): Promise<BulkSample> {
  // The scaled-window variant keeps real time and shortens the window by the same factor instead.
  const scaledWindow = contender === 'oursScaledWindow';
  const timing = scaledWindow
    ? { windowMs: b.windowMs / b.timeScale, timeScale: 1 }
    : { windowMs: b.windowMs, timeScale: b.timeScale };
  const mockInput: BulkMockInput = { latencyMs: b.latencyMs / b.timeScale, limit: b.limit, boards: 1, ...timing };
  const mock = await startWorker(workerPath('bulk-mock'), [JSON.stringify(mockInput)]);
  try {
    const ready = mock.ready as unknown as BulkMockReady;
    const input: BulkClientInput = {
      url: ready.url,
      accessToken: ready.accessToken,
      boardId: ready.boardIds[0] as string,
      epoch: ready.epoch,
      contender,
      notes,
      pageLimit: b.pageLimit,
      concurrency: b.concurrency,
      limit: b.limit,
      ...timing,
    };
    const result = await run(process.execPath, ['--expose-gc', workerPath('bulk-client'), JSON.stringify(input)], {
      cwd: BENCH_DIR,
      timeoutMs: 600_000,
    });
    const output = lastJsonLine<BulkClientOutput>(result, `bulk client ${contender}`);
    const stats = await mock.ask<BulkMockStats>({ type: 'stats' });
    const onBoard = stats.itemsOnBoards[0];
    if (output.failedOperations === 0 && (onBoard !== notes || output.itemsRead !== notes)) {
      throw new Error(
        `bulk ${contender}: no failure reported, yet ${onBoard} items on the board and ${output.itemsRead} read (expected ${notes})`,
      );
    }
    return { ...output, rateLimited: stats.rateLimited, apiRequests: stats.apiRequests };
  } finally {
    await mock.stop();
  }
}

/** Medians over a contender's runs; efficiency against `theoreticalMinMs`. */
export function bulkFigures(
  samples: readonly BulkSample[],
  theoreticalMinMs: number,
  description: string,
): BulkFigures {
  const wallMs = median(samples.map((x) => x.wallMs));
  const lags = samples.flatMap((x) => (x.windowStartLagsMs ? [x.windowStartLagsMs] : []));
  return {
    wallMs,
    efficiency: ratio(theoreticalMinMs, wallMs),
    rateLimited429: median(samples.map((x) => x.rateLimited)),
    failedOperations: median(samples.map((x) => x.failedOperations)),
    itemsRead: median(samples.map((x) => x.itemsRead)),
    createPhaseMs: median(samples.map((x) => x.createPhaseMs)),
    readPhaseMs: median(samples.map((x) => x.wallMs - x.createPhaseMs)),
    cpuUsPerRequest: median(samples.map((x) => x.cpuUs / Math.max(1, x.apiRequests))),
    cpuMs: median(samples.map((x) => x.cpuUs / 1000)),
    apiRequests: median(samples.map((x) => x.apiRequests)),
    maxRssKb: median(samples.map((x) => x.maxRssKb)),
    liveHeapKb: median(samples.map((x) => x.liveHeapKb)),
    ...(lags.length ? { windowStartLagMs: median(lags.map((l) => l.reduce((a, b) => a + b, 0))) } : {}),
    description,
    runs: samples.map((x) => ({
      wallMs: x.wallMs,
      rateLimited429: x.rateLimited,
      failedOperations: x.failedOperations,
      itemsRead: x.itemsRead,
      apiRequests: x.apiRequests,
      ...(x.windowStartLagsMs ? { windowStartLagsMs: x.windowStartLagsMs } : {}),
    })),
  };
}

/** Bulk create + read-back at the rate limit, one fresh mock per run, contenders taking turns. */
export async function bulk(config: BenchConfig, log: (line: string) => void = () => {}): Promise<BulkResults> {
  const b = config.bulk;
  const samples: Record<BulkContender, BulkSample[]> = {
    ours: [],
    oursNoBudget: [],
    official: [],
    oursScaledWindow: [],
  };
  for (let rep = 0; rep < b.repetitions; rep++) {
    for (const contender of rotate(CONTENDERS, rep)) {
      const sample = await runBulkOnce(b, contender, b.notes);
      const lags = sample.windowStartLagsMs?.map((l) => l.toFixed(0)).join('/');
      log(
        `  bulk ${contender}: ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.rateLimited} x 429, ${sample.failedOperations} failed${lags ? `, window start lags ${lags} ms` : ''}`,
      );
      samples[contender].push(sample);
    }
  }
  const credits = creditsNeeded(b.notes, b.pageLimit);
  const theoreticalMinMs = creditLimitedMinimumMs(credits, b);
  const contenders = byKey(CONTENDERS, (c) => bulkFigures(samples[c], theoreticalMinMs, BULK_DESCRIPTIONS[c]));
  const pick = (key: 'failedOperations' | 'rateLimited429') => byKey(CONTENDERS, (c) => contenders[c][key]);
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
