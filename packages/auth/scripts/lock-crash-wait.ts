/**
 * How long other processes wait after the holder of a user's refresh lock is killed with SIGKILL
 * in the middle of a refresh, on Redis and on PostgreSQL (the real servers on 127.0.0.1), with
 * `Miro`'s default token request timeout and a short one. Prints wall-clock times; nothing is
 * asserted (the test `test/lock-holder-crash.test.ts` checks the bounds).
 *
 *   pnpm --filter @miro/auth exec tsx scripts/lock-crash-wait.ts
 */
import { DEFAULT_TOKEN_REQUEST_TIMEOUT_MS } from '../src/defaults.js';
import { crashLockHolder } from '../test/helpers/crash-lock-holder.js';

const rows: string[][] = [
  ['store', 'token timeout', 'lease', 'lease left at kill', 'others waited', 'token requests', 'reused'],
];
for (const timeoutMs of [DEFAULT_TOKEN_REQUEST_TIMEOUT_MS, 2_000]) {
  for (const store of ['redis', 'postgres'] as const) {
    const outcome = await crashLockHolder(store, timeoutMs);
    rows.push([
      store === 'redis' ? 'Redis' : 'PostgreSQL',
      `${timeoutMs} ms`,
      `${outcome.leaseMs} ms`,
      outcome.leaseLeftAtKillMs === undefined ? '-' : `${outcome.leaseLeftAtKillMs} ms`,
      `${Math.round(outcome.waitedMs)} ms`,
      String(outcome.tokenRequests),
      String(outcome.reusedRefreshTokens),
    ]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
// The token endpoint's simulated hang keeps a timer; nothing else is left to wait for.
process.exit(0);
