import { randomBytes } from 'node:crypto';
import { RedisTokenStorage } from '@miro/auth/storage/redis';
import { Redis } from 'ioredis';
import type { BenchConfig, DistributedConfig } from '../config.js';
import { BenchSetupError } from '../setup-error.js';
import { workerPath } from '../paths.js';
import { startWorker, type Worker } from '../processes.js';
import type { DistributedFigures, DistributedResults, DistributedRun } from '../results.js';
import { byKey, median, ratio, rotate } from '../stats.js';
import type { BulkMockInput, BulkMockReady, BulkMockStats } from '../workers/lib/bulk-protocol.js';
import type {
  DistributedClientInput,
  DistributedClientOutput,
  DistributedContender,
} from '../workers/lib/distributed-protocol.js';
import { windowStartLags } from '../workers/lib/window-trace.js';
import { creditsNeeded } from './bulk.js';

const CONTENDERS: readonly DistributedContender[] = ['sharedRedis', 'perProcess', 'noBudget'];

export const DISTRIBUTED_DESCRIPTIONS: Record<DistributedContender, string> = {
  sharedRedis: 'one RedisCreditBudget shared by every process (Redis TIME as the clock)',
  perProcess: 'an in-memory budget per process, each believing the whole budget is its own',
  noBudget: 'budget: false, default retries (2, honouring Retry-After)',
};

/** The user every process acts for (the app's own id for them). */
const USER_ID = 'bench-user';

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['REDIS_URL']?.trim() || 'redis://127.0.0.1:6379';
}

/** Fails with one line when Redis does not answer, before anything slow starts. */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED, ...) says more than the "Connection is closed" that follows it.
  let cause: Error | undefined;
  redis.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new BenchSetupError(
      `bench: the distributed section needs Redis at ${url} (set REDIS_URL): ${(cause ?? (error as Error)).message}`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Notes of process `p`: an even share, the remainder going to the first ones. */
export function share(
  d: Pick<DistributedConfig, 'notes' | 'processes'>,
  p: number,
): { firstNote: number; notes: number } {
  const base = Math.floor(d.notes / d.processes);
  const extra = d.notes % d.processes;
  return { firstNote: p * base + Math.min(p, extra), notes: base + (p < extra ? 1 : 0) };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function runOnce(d: DistributedConfig, contender: DistributedContender, url: string): Promise<DistributedRun> {
  const windowMs = d.windowMs / d.timeScale;
  const mockInput: BulkMockInput = {
    latencyMs: d.latencyMs / d.timeScale,
    limit: d.limit,
    windowMs,
    timeScale: 1,
    boards: d.processes,
  };
  const keyPrefix = `miro-bench:${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const mock = await startWorker(workerPath('bulk-mock'), [JSON.stringify(mockInput)]);
  const clients: Worker[] = [];
  try {
    await redis.connect();
    const ready = mock.ready as unknown as BulkMockReady;
    // The one user's tokens, in the one shared store; the access token already expired, so the
    // processes' first calls race to refresh it (exactly one of them should).
    const storage = new RedisTokenStorage({ client: redis, keyPrefix: `${keyPrefix}tokens:` });
    await storage.set(USER_ID, {
      accessToken: ready.accessToken,
      refreshToken: ready.refreshToken,
      expiresAt: Date.now() - 1000,
    });
    const inputs = Array.from(
      { length: d.processes },
      (_, p): DistributedClientInput => ({
        contender,
        url: ready.url,
        clientId: ready.clientId,
        clientSecret: ready.clientSecret,
        userId: USER_ID,
        redisUrl: url,
        keyPrefix,
        boardId: ready.boardIds[p] as string,
        ...share(d, p),
        pageLimit: d.pageLimit,
        concurrency: d.concurrencyPerProcess,
        limit: d.limit,
        windowMs,
      }),
    );
    // Started together; each says it is ready once connected, and none works before `go`.
    const started = await Promise.allSettled(
      inputs.map((input) => startWorker(workerPath('distributed-client'), [JSON.stringify(input)])),
    );
    for (const s of started) if (s.status === 'fulfilled') clients.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const go = performance.timeOrigin + performance.now();
    const outputs = await Promise.all(clients.map((c) => c.ask<DistributedClientOutput>({ type: 'go' })));
    const stats = await mock.ask<BulkMockStats>({ type: 'stats' });
    const failedOperations = outputs.reduce((sum, o) => sum + o.failedOperations, 0);
    const itemsRead = outputs.reduce((sum, o) => sum + o.itemsRead, 0);
    const onBoards = stats.itemsOnBoards.reduce((a, b) => a + b, 0);
    if (failedOperations === 0 && (onBoards !== d.notes || itemsRead !== d.notes)) {
      throw new Error(
        `distributed ${contender}: no failure reported, yet ${onBoards} items on the boards and ${itemsRead} read (expected ${d.notes})`,
      );
    }
    const failures: Record<string, number> = {};
    for (const o of outputs) for (const [k, v] of Object.entries(o.failures)) failures[k] = (failures[k] ?? 0) + v;
    return {
      wallMs: Math.max(...outputs.map((o) => o.endedAt)) - go,
      rateLimited: stats.rateLimited,
      failedOperations,
      created: outputs.reduce((sum, o) => sum + o.created, 0),
      itemsRead,
      refreshes: stats.refreshes,
      failures,
      windowStartLagsMs: windowStartLags(
        outputs.map((o) => o.windowFirstSends),
        windowMs,
      ),
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await mock.stop();
    if (redis.status === 'ready') await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  }
}

/**
 * Several processes, one user and app: together they create the notes and read them back, against
 * one mock enforcing Miro's budget, on the real clock with the window and the latency shortened
 * by `timeScale` (the Redis budget keeps Redis's own time, as in production).
 */
export async function distributed(
  config: BenchConfig,
  log: (line: string) => void = () => {},
): Promise<DistributedResults> {
  const d = config.distributed;
  const url = redisUrl();
  const samples: Record<DistributedContender, DistributedRun[]> = { sharedRedis: [], perProcess: [], noBudget: [] };
  for (let rep = 0; rep < d.repetitions; rep++) {
    for (const contender of rotate(CONTENDERS, rep)) {
      const sample = await runOnce(d, contender, url);
      log(
        `  distributed ${contender}: ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.rateLimited} x 429, ${sample.failedOperations} failed, ${sample.refreshes} refresh(es), window start lags ${sample.windowStartLagsMs.map((l) => l.toFixed(0)).join('/')} ms`,
      );
      samples[contender].push(sample);
    }
  }
  const realWindowMs = d.windowMs / d.timeScale;
  const credits = creditsOf(d);
  const theoreticalMinMs = (credits / d.limit) * realWindowMs;
  const figures = (contender: DistributedContender): DistributedFigures => {
    const s = samples[contender];
    const wallMs = median(s.map((x) => x.wallMs));
    return {
      wallMs,
      efficiency: ratio(theoreticalMinMs, wallMs),
      rateLimited429: median(s.map((x) => x.rateLimited)),
      failedOperations: median(s.map((x) => x.failedOperations)),
      created: median(s.map((x) => x.created)),
      itemsRead: median(s.map((x) => x.itemsRead)),
      tokenRefreshes: median(s.map((x) => x.refreshes)),
      windowStartLagMs: median(s.map((x) => x.windowStartLagsMs.reduce((a, b) => a + b, 0))),
      description: DISTRIBUTED_DESCRIPTIONS[contender],
      runs: s,
    };
  };
  const contenders = byKey(CONTENDERS, figures);
  const pick = (key: 'failedOperations' | 'rateLimited429') => byKey(CONTENDERS, (c) => contenders[c][key]);
  return {
    ...d,
    realLatencyMs: d.latencyMs / d.timeScale,
    realWindowMs,
    clock: 'real',
    creditsNeeded: credits,
    theoreticalMinMs,
    contenders,
    efficiency: contenders.sharedRedis.efficiency,
    failedOperations: pick('failedOperations'),
    rateLimited429: pick('rateLimited429'),
  };
}

/** Every create, and each process's read-back of its own board. */
function creditsOf(d: DistributedConfig): number {
  let credits = 0;
  for (let p = 0; p < d.processes; p++) credits += creditsNeeded(share(d, p).notes, d.pageLimit);
  return credits;
}
