import type { BenchConfig } from '../config.js';
import { BENCH_DIR, workerPath } from '../paths.js';
import { lastJsonLine, run } from '../processes.js';
import type { ColdStartFigures, ColdStartResults } from '../results.js';
import { median, ratio, rotate } from '../stats.js';

const CONTENDERS = [
  { key: 'bare', specifier: '' },
  { key: 'ours', specifier: '@miro/api' },
  { key: 'official', specifier: '@mirohq/miro-api' },
] as const;
type Key = (typeof CONTENDERS)[number]['key'];

interface Sample {
  readonly wallMs: number;
  readonly importMs: number;
  readonly maxRssKb: number;
}

async function sample(specifier: string): Promise<Sample> {
  const args = [workerPath('cold-start'), ...(specifier ? [specifier] : [])];
  const result = await run(process.execPath, args, { cwd: BENCH_DIR, timeoutMs: 60_000 });
  const child = lastJsonLine<{ importMs: number; maxRssKb: number }>(
    result,
    `cold start of ${specifier || 'bare node'}`,
  );
  return { wallMs: result.wallMs, importMs: child.importMs, maxRssKb: child.maxRssKb };
}

/** Fresh processes importing each client entry, interleaved: bare, ours, official, then rotated. */
export async function coldStart(config: BenchConfig): Promise<ColdStartResults> {
  const samples: Record<Key, Sample[]> = { bare: [], ours: [], official: [] };
  // One untimed round so that every file is in the page cache for everyone.
  for (const c of CONTENDERS) await sample(c.specifier);
  for (let rep = 0; rep < config.coldStart.repetitions; rep++) {
    for (const c of rotate(CONTENDERS, rep)) samples[c.key].push(await sample(c.specifier));
  }
  const figures = (key: Key): ColdStartFigures => ({
    wallMs: median(samples[key].map((s) => s.wallMs)),
    importMs: median(samples[key].map((s) => s.importMs)),
    maxRssKb: median(samples[key].map((s) => s.maxRssKb)),
  });
  const bare = figures('bare');
  const ours = figures('ours');
  const official = figures('official');
  const importOverheadMs = { ours: ours.wallMs - bare.wallMs, official: official.wallMs - bare.wallMs };
  const rssOverheadKb = { ours: ours.maxRssKb - bare.maxRssKb, official: official.maxRssKb - bare.maxRssKb };
  return {
    repetitions: config.coldStart.repetitions,
    contenders: { bare, ours, official },
    importOverheadMs,
    importOverheadRatio: ratio(Math.max(0, importOverheadMs.ours), importOverheadMs.official),
    rssOverheadKb,
    rssRatio: ratio(Math.max(0, rssOverheadKb.ours), rssOverheadKb.official),
    rssTotalRatio: ratio(ours.maxRssKb, official.maxRssKb),
  };
}
