import { renderDistributed } from './report-distributed.js';
import { HEADER, ReportRows } from './report-rows.js';
import { renderScaling } from './report-scaling.js';
import type { BenchResults, Goal } from './results.js';
import { fmt, renderTable } from './table.js';

type Sections = Partial<Omit<BenchResults, 'meta' | 'goals'>>;

const kib = (bytes: number): string => fmt(bytes / 1024, 1);
const mib = (kb: number): string => fmt(kb / 1024, 1);

/** The table `pnpm bench` prints: one row per figure; ratio is ours / the column the row names. */
export function renderReport(r: Sections, goals: readonly Goal[]): string {
  const out = new ReportRows(goals);
  const row = out.row.bind(out);
  const notes = out.notes;
  if (r.coldStart) {
    const c = r.coldStart;
    row(
      'cold start: process wall, ms',
      fmt(c.contenders.ours.wallMs),
      fmt(c.contenders.official.wallMs),
      `bare ${fmt(c.contenders.bare.wallMs)}`,
      undefined,
    );
    row(
      'cold start: import() inside, ms',
      fmt(c.contenders.ours.importMs),
      fmt(c.contenders.official.importMs),
      '',
      undefined,
    );
    row(
      'cold start: wall above bare node, ms',
      fmt(c.importOverheadMs.ours),
      fmt(c.importOverheadMs.official),
      '',
      c.importOverheadRatio,
      'coldStart.importOverheadRatio',
    );
    row(
      'cold start: peak RSS, MiB',
      mib(c.contenders.ours.maxRssKb),
      mib(c.contenders.official.maxRssKb),
      `bare ${mib(c.contenders.bare.maxRssKb)}`,
      c.rssTotalRatio,
    );
    row(
      'cold start: peak RSS above bare, MiB',
      mib(c.rssOverheadKb.ours),
      mib(c.rssOverheadKb.official),
      '',
      c.rssRatio,
    );
  }
  if (r.bundle) {
    const b = r.bundle.contenders;
    row(
      'bundle getSpecificBoard, min, KiB',
      kib(b.ours.minifiedBytes),
      kib(b.official.minifiedBytes),
      `browser ${kib(b.oursBrowser.minifiedBytes)}`,
      b.ours.minifiedBytes / b.official.minifiedBytes,
    );
    row(
      'bundle getSpecificBoard, gzip, KiB',
      kib(b.ours.gzipBytes),
      kib(b.official.gzipBytes),
      `browser ${kib(b.oursBrowser.gzipBytes)}`,
      r.bundle.gzipRatio,
      'bundle.gzipRatio',
    );
  }
  if (r.cpuPerRequest) {
    const c = r.cpuPerRequest;
    const perRep = c.vsRawFetchPerRepetition
      .map((x) => `${fmt(x.smallGet, 2)}/${fmt(x.page50, 2)}/${fmt(x.postJson, 2)}`)
      .join(', ');
    notes.push(
      `CPU: ${c.requestsPerScenario} timed requests per contender and scenario per repetition; ours vs fetch per repetition (smallGet/page50/postJson): ${perRep}.`,
    );
    for (const s of ['smallGet', 'page50', 'postJson'] as const) {
      row(
        `CPU/request ${s}, us (vs fetch)`,
        fmt(c.contenders.ours[s]),
        fmt(c.contenders.official[s]),
        `fetch ${fmt(c.contenders.rawFetch[s])}`,
        c.vsRawFetch[s],
        `cpuPerRequest.vsRawFetch.${s}`,
      );
    }
    for (const s of ['smallGet', 'page50', 'postJson'] as const) {
      row(`CPU/request ${s}, ours vs official`, '', '', '', c.vsOfficial[s]);
    }
    for (const s of ['smallGet', 'page50', 'postJson'] as const) {
      row(
        `CPU/request ${s}, ours budget on, us`,
        fmt(c.contenders.oursBudgetOn[s]),
        '',
        `fetch ${fmt(c.contenders.rawFetch[s])}`,
        c.budgetOnVsRawFetch[s],
      );
    }
    for (const s of ['smallGet', 'page50', 'postJson'] as const) {
      row(
        `CPU/request ${s}, ours timeout off, us`,
        fmt(c.contenders.oursTimeoutOff[s]),
        '',
        `fetch ${fmt(c.contenders.rawFetch[s])}`,
        c.timeoutOffVsRawFetch[s],
      );
    }
  }
  if (r.bulk) {
    const b = r.bulk;
    const c = b.contenders;
    notes.push(
      `bulk: ${b.notes} sticky notes then paged getItems (limit ${b.pageLimit}), ${b.concurrency} in flight for every contender; mock latency ${b.latencyMs} ms Miro time (${fmt(b.realLatencyMs, 1)} ms real); ` +
        `budget ${b.budget.limit} credits per ${b.budget.windowMs / 1000} s on a clock ${b.timeScale}x faster than real time (${b.budget.windowMs / b.timeScale / 1000} s windows); ` +
        `${b.creditsNeeded} credits needed; median of ${b.repetitions} runs.`,
    );
    row(`bulk: theoretical minimum, s`, '', '', fmt(b.theoreticalMinMs / 1000, 2), undefined);
    row(
      'bulk: wall, s (ratio = efficiency)',
      fmt(c.ours.wallMs / 1000, 2),
      fmt(c.official.wallMs / 1000, 2),
      '',
      b.efficiency,
      'bulk.efficiency',
    );
    row('bulk: 429s received', String(c.ours.rateLimited429), String(c.official.rateLimited429), '', undefined);
    row(
      'bulk: failed operations',
      String(c.ours.failedOperations),
      String(c.official.failedOperations),
      '',
      undefined,
      'bulk.failedOperations.ours',
    );
    row('bulk: items read back', String(c.ours.itemsRead), String(c.official.itemsRead), '', undefined);
    row(
      'bulk: create phase / read-back phase, s',
      `${fmt(c.ours.createPhaseMs / 1000, 2)} / ${fmt(c.ours.readPhaseMs / 1000, 2)}`,
      `${fmt(c.official.createPhaseMs / 1000, 2)} / ${fmt(c.official.readPhaseMs / 1000, 2)}`,
      '',
      undefined,
    );
    row(
      'bulk: ours, window start lag (sum), ms',
      fmt(c.ours.windowStartLagMs, 0),
      '',
      `scaled window ${fmt(c.oursScaledWindow.windowStartLagMs, 0)}`,
      undefined,
    );
    row(
      'bulk: client CPU per request, us',
      fmt(c.ours.cpuUsPerRequest, 0),
      fmt(c.official.cpuUsPerRequest, 0),
      '',
      undefined,
    );
    row(
      'bulk: ours budget off: wall s / 429s / failed',
      `${fmt(c.oursNoBudget.wallMs / 1000, 2)} / ${c.oursNoBudget.rateLimited429} / ${c.oursNoBudget.failedOperations}`,
      '',
      '',
      c.oursNoBudget.efficiency,
    );
    row(
      'bulk: ours scaled window: wall s / 429s / failed',
      `${fmt(c.oursScaledWindow.wallMs / 1000, 2)} / ${c.oursScaledWindow.rateLimited429} / ${c.oursScaledWindow.failedOperations}`,
      '',
      '',
      c.oursScaledWindow.efficiency,
    );
  }
  if (r.distributed) renderDistributed(out, r.distributed);
  if (r.scaling) renderScaling(out, r.scaling);
  if (r.generate) {
    const g = r.generate.contenders;
    row(
      'generate (fresh process), ms',
      fmt(g.ours.wallMs, 0),
      '',
      `openapi-ts ${fmt(g.openapiTypescript.wallMs, 0)}`,
      r.generate.ratioVsOpenapiTypescript,
      'generate.ratioVsOpenapiTypescript',
    );
    const stages = Object.entries(r.generate.oursStagesMs);
    if (stages.length)
      notes.push(
        `generate, ours in-process stages (ms, median): ${stages.map(([k, v]) => `${k} ${fmt(v, 0)}`).join(', ')}`,
      );
  }
  return [renderTable(HEADER, out.rows), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function renderGoals(goals: readonly Goal[]): string {
  const met = goals.filter((g) => g.met === true).length;
  const lines = goals.map(
    (g) =>
      `  ${g.met === null ? 'n/a   ' : g.met ? 'met   ' : 'MISSED'}  ${g.name}: ${fmt(g.value, 3)} (goal ${g.target}; ${g.figure})`,
  );
  return [`Goals: ${met} of ${goals.length} met`, ...lines].join('\n');
}
