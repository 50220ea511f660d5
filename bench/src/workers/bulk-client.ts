// One run of the bulk benchmark: create N sticky notes with a bounded number in flight, then read
// every item back page by page. Failures are counted, never retried by this driver.
import { MiroApi, MiroApiError } from '@miro/api';
import { MiroLowlevelApi } from '@mirohq/miro-api';
import type { BulkClientInput, BulkClientOutput } from './lib/bulk-protocol.js';
import { scaledClock } from './lib/scaled-clock.js';

const input = JSON.parse(process.argv[2] ?? '{}') as BulkClientInput;

interface Driver {
  create(n: number): Promise<unknown>;
  /** Reads every item, counting them; throws on the first page that fails. */
  readAll(onItems: (count: number) => void): Promise<void>;
}

function note(n: number) {
  return {
    data: { content: `Bulk note ${n}`, shape: 'square' as const },
    position: { x: (n % 50) * 250, y: Math.floor(n / 50) * 250 },
  };
}

function ours(): Driver {
  const clock = input.timeScale === 1 ? {} : { clock: scaledClock(input.epoch, input.timeScale) };
  const budget = input.contender === 'oursNoBudget' ? false : { limit: input.limit, windowMs: input.windowMs };
  const api = new MiroApi({ accessToken: input.accessToken, baseUrl: input.url, budget, ...clock });
  return {
    create: (n) => api.createStickyNoteItem(input.boardId, note(n)),
    async readAll(onItems) {
      for await (const _item of api.getItems(input.boardId, { limit: String(input.pageLimit) })) onItems(1);
    },
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

function failureKind(error: unknown): string {
  if (error instanceof MiroApiError) return String(error.status);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') return String(status);
  return error instanceof Error ? error.name : 'unknown';
}

const driver = input.contender === 'official' ? official() : ours();
const failures: Record<string, number> = {};
const fail = (error: unknown): void => {
  const kind = failureKind(error);
  failures[kind] = (failures[kind] ?? 0) + 1;
};

const started = performance.now();
let next = 0;
let created = 0;
const lane = async (): Promise<void> => {
  while (next < input.notes) {
    const n = next++;
    try {
      await driver.create(n);
      created++;
    } catch (error) {
      fail(error);
    }
  }
};
await Promise.all(Array.from({ length: input.concurrency }, lane));
const createPhaseMs = performance.now() - started;
let itemsRead = 0;
try {
  await driver.readAll((count) => (itemsRead += count));
} catch (error) {
  fail(error);
}
const output: BulkClientOutput = {
  wallMs: performance.now() - started,
  createPhaseMs,
  created,
  itemsRead,
  failedOperations: Object.values(failures).reduce((a, b) => a + b, 0),
  failures,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
