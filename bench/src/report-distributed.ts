import type { ReportRows } from './report-rows.js';
import type { DistributedResults } from './results.js';
import { fmt } from './table.js';

export function renderDistributed(out: ReportRows, d: DistributedResults): void {
  const c = d.contenders;
  out.note(
    `distributed: ${d.processes} processes, one user and app, tokens in one Redis store; together ${d.notes} sticky notes (each process its share on its own board, ${d.concurrencyPerProcess} in flight), ` +
      `then each reads its board back with for await (limit ${d.pageLimit}); real time, with Miro's window and latency divided by ${d.timeScale} ` +
      `(${d.limit} credits per ${fmt(d.realWindowMs / 1000, 2)} s, latency ${fmt(d.realLatencyMs, 1)} ms); ${d.creditsNeeded} credits needed; median of ${d.repetitions} runs.`,
  );
  out.row('distributed: theoretical minimum, s', '', '', fmt(d.theoreticalMinMs / 1000, 2), undefined);
  out.row(
    'distributed: shared Redis budget, wall s (ratio = efficiency)',
    fmt(c.sharedRedis.wallMs / 1000, 2),
    '',
    '',
    c.sharedRedis.efficiency,
    'distributed.efficiency',
  );
  out.row(
    'distributed: shared Redis budget, 429s',
    String(c.sharedRedis.rateLimited429),
    '',
    '',
    undefined,
    'distributed.rateLimited429.sharedRedis',
  );
  out.row(
    'distributed: shared Redis budget, failed operations',
    String(c.sharedRedis.failedOperations),
    '',
    '',
    undefined,
    'distributed.failedOperations.sharedRedis',
  );
  for (const [key, label] of [
    ['perProcess', 'budget per process'],
    ['noBudget', 'no budget'],
  ] as const) {
    const f = c[key];
    out.row(
      `distributed: ${label}: wall s / 429s / failed`,
      `${fmt(f.wallMs / 1000, 2)} / ${f.rateLimited429} / ${f.failedOperations}`,
      '',
      `read ${f.itemsRead} of ${d.notes}`,
      f.efficiency,
    );
  }
  out.row(
    'distributed: window start lag (sum), ms',
    fmt(c.sharedRedis.windowStartLagMs, 0),
    '',
    `per process ${fmt(c.perProcess.windowStartLagMs, 0)}`,
    undefined,
  );
  out.row(
    'distributed: token refreshes (shared / per process / none)',
    `${c.sharedRedis.tokenRefreshes} / ${c.perProcess.tokenRefreshes} / ${c.noBudget.tokenRefreshes}`,
    '',
    'expected 1 each',
    undefined,
  );
}
