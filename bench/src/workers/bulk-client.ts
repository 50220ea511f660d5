// One run of the bulk benchmark: create N sticky notes with a bounded number in flight, then read
// every item back page by page. Failures are counted, never retried by this driver.
import { MiroApi } from '@miro/api';
import { MiroLowlevelApi } from '@mirohq/miro-api';
import type { BulkClientInput, BulkClientOutput } from './lib/bulk-protocol.js';
import { scaledClock } from './lib/scaled-clock.js';
import { windowStartLags, windowTrace } from './lib/window-trace.js';
import { cpuMicros, FailureTally, note, runLanes } from './lib/work.js';

const input = JSON.parse(process.argv[2] ?? '{}') as BulkClientInput;

interface Driver {
  create(n: number): Promise<unknown>;
  /** Reads every item, counting them; throws on the first page that fails. */
  readAll(onItems: (count: number) => void): Promise<void>;
  /** Ours: how late each budget window after the first started (see windowTrace). */
  windowStartLagsMs?(): number[];
}

function ours(): Driver {
  const clock = input.timeScale === 1 ? {} : { clock: scaledClock(input.epoch, input.timeScale) };
  const budget = input.contender === 'oursNoBudget' ? false : { limit: input.limit, windowMs: input.windowMs };
  const trace = windowTrace();
  const api = new MiroApi({ accessToken: input.accessToken, baseUrl: input.url, budget, fetch: trace.fetch, ...clock });
  return {
    create: (n) => api.createStickyNoteItem(input.boardId, note(n)),
    async readAll(onItems) {
      for await (const _item of api.getItems(input.boardId, { limit: String(input.pageLimit) })) onItems(1);
    },
    windowStartLagsMs: () => windowStartLags([trace.firstSends], input.windowMs / input.timeScale),
  };
}

function official(): Driver {
  const api = new MiroLowlevelApi(input.accessToken, input.url);
  return {
    create: (n) => api.createStickyNoteItem(input.boardId, note(n)),
    async readAll(onItems) {
      let cursor: string | undefined;
      do {
        const { body } = await api.getItems(input.boardId, {
          limit: String(input.pageLimit),
          ...(cursor ? { cursor } : {}),
        });
        onItems(body.data?.length ?? 0);
        cursor = body.cursor || undefined;
      } while (cursor);
    },
  };
}

const driver = input.contender === 'official' ? official() : ours();
const failures = new FailureTally();
const cpuBefore = cpuMicros();
const started = performance.now();
let created = 0;
await runLanes(input.notes, input.concurrency, async (n) => {
  try {
    await driver.create(n);
    created++;
  } catch (error) {
    failures.add(error);
  }
});
const createPhaseMs = performance.now() - started;
let itemsRead = 0;
try {
  await driver.readAll((count) => (itemsRead += count));
} catch (error) {
  failures.add(error);
}
const wallMs = performance.now() - started;
/** Run with --expose-gc: the heap after a full collection. */
function liveHeapKb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1024);
}

const output: BulkClientOutput = {
  wallMs,
  createPhaseMs,
  created,
  itemsRead,
  failedOperations: failures.total,
  failures: failures.byKind,
  cpuUs: cpuMicros() - cpuBefore,
  maxRssKb: process.resourceUsage().maxRSS,
  liveHeapKb: liveHeapKb(),
  ...(driver.windowStartLagsMs ? { windowStartLagsMs: driver.windowStartLagsMs() } : {}),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
