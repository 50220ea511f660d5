// One of the distributed section's client processes: acts for the one user through `Miro.as()`,
// with tokens in the shared Redis store and (per contender) the shared Redis budget, in-memory
// budgets or none. Connects, says it is ready, waits for `go`, creates its notes on its board
// with a few in flight, reads the board back with `for await`, and answers with what it saw.
import { Miro } from '@miro/auth';
import { RedisCreditBudget, RedisTokenStorage } from '@miro/auth/storage/redis';
import type { DistributedClientInput, DistributedClientOutput } from './lib/distributed-protocol.js';
import { epochNow, windowTrace } from './lib/window-trace.js';
import { FailureTally, note, runLanes } from './lib/work.js';

const input = JSON.parse(process.argv[2] ?? '{}') as DistributedClientInput;
const trace = windowTrace();

const storage = new RedisTokenStorage({ url: input.redisUrl, keyPrefix: `${input.keyPrefix}tokens:` });
const shared =
  input.contender === 'sharedRedis'
    ? new RedisCreditBudget({
        url: input.redisUrl,
        keyPrefix: `${input.keyPrefix}budget:`,
        limit: input.limit,
        windowMs: input.windowMs,
      })
    : undefined;
const miro = new Miro({
  clientId: input.clientId,
  clientSecret: input.clientSecret,
  redirectUrl: `${input.url}/oauth/callback`,
  baseUrl: input.url,
  storage,
  fetch: trace.fetch as typeof fetch,
  // perProcess: each process's in-memory budget believes the whole budget is its own.
  budget: shared ?? (input.contender === 'perProcess' ? { limit: input.limit, windowMs: input.windowMs } : false),
});
const api = miro.as(input.userId);

async function work(): Promise<DistributedClientOutput> {
  const startedAt = epochNow();
  const failures = new FailureTally();
  let created = 0;
  await runLanes(input.notes, input.concurrency, async (i) => {
    try {
      await api.createStickyNoteItem(input.boardId, note(input.firstNote + i));
      created++;
    } catch (error) {
      failures.add(error);
    }
  });
  let itemsRead = 0;
  try {
    for await (const _item of api.getItems(input.boardId, { limit: String(input.pageLimit) })) itemsRead++;
  } catch (error) {
    failures.add(error);
  }
  return {
    startedAt,
    endedAt: epochNow(),
    created,
    itemsRead,
    failedOperations: failures.total,
    failures: failures.byKind,
    windowFirstSends: trace.firstSends,
  };
}

// Connect to Redis before the start, so that connecting is not part of the measured work.
if (!(await miro.isAuthorized(input.userId))) throw new Error('distributed client: no tokens in the shared store');
await shared?.available('connect');

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'go') return;
  void work().then(async (output) => {
    process.send?.(output);
    await Promise.all([storage.close(), shared?.close()]);
    process.disconnect();
  });
});
process.send?.({ type: 'ready' });
