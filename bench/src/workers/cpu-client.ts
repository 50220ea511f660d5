// One repetition of the CPU benchmark, in one client process: every contender and scenario runs
// in blocks of requests, one request at a time, the order rotating each round, so that machine
// drift and JIT warm-up fall on everyone alike. Reports the process's CPU time (user + system,
// all threads: GC included) per request, in microseconds: the median over the timed rounds, so
// that a major GC or a neighbour's burst landing on one block does not decide the figure.
import { MiroApi } from '@miro/api';
import { MiroLowlevelApi } from '@mirohq/miro-api';
import { median } from '../stats.js';
import { ACCESS_TOKEN, BOARD_ID, STICKY_NOTE_BODY } from './lib/fixtures.js';

type Scenario = 'smallGet' | 'page50' | 'postJson';
type Call = () => Promise<unknown>;
export type CpuContender = 'rawFetch' | 'ours' | 'oursBudgetOn' | 'oursTimeoutOff' | 'official';

export interface CpuClientInput {
  readonly url: string;
  /** Requests per block. */
  readonly block: number;
  /** Untimed rounds first: undici and V8 take thousands of requests to settle. */
  readonly warmupRounds: number;
  readonly rounds: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as CpuClientInput;

function rawFetchCalls(url: string): Record<Scenario, Call> {
  const headers = { authorization: `Bearer ${ACCESS_TOKEN}`, accept: 'application/json' };
  const json = async (response: Response): Promise<unknown> => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
  return {
    smallGet: () => fetch(`${url}/v2/boards/${encodeURIComponent(BOARD_ID)}`, { headers }).then(json),
    page50: () => fetch(`${url}/v2/boards/${encodeURIComponent(BOARD_ID)}/items?limit=50`, { headers }).then(json),
    postJson: () =>
      fetch(`${url}/v2/boards/${encodeURIComponent(BOARD_ID)}/sticky_notes`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(STICKY_NOTE_BODY),
      }).then(json),
  };
}

function ourCalls(url: string, variant: { budgetOn: boolean; timeout: boolean }): Record<Scenario, Call> {
  // Budget off: the default would wait once 100,000 credits are spent in a minute. With it on, the
  // server reports a budget that never runs out, so the budget code runs but never waits.
  // Timeout off (timeoutMs: 0) isolates the cost of the per-request AbortSignal that raw fetch does not pay.
  const api = new MiroApi({
    accessToken: ACCESS_TOKEN,
    baseUrl: url,
    ...(variant.budgetOn ? {} : { budget: false }),
    ...(variant.timeout ? {} : { timeoutMs: 0 }),
  });
  return {
    smallGet: () => api.getSpecificBoard(BOARD_ID),
    page50: () => api.getItems(BOARD_ID, { limit: '50' }),
    postJson: () => api.createStickyNoteItem(BOARD_ID, STICKY_NOTE_BODY),
  };
}

function officialCalls(url: string): Record<Scenario, Call> {
  const api = new MiroLowlevelApi(ACCESS_TOKEN, url);
  return {
    smallGet: () => api.getSpecificBoard(BOARD_ID),
    page50: () => api.getItems(BOARD_ID, { limit: '50' }),
    postJson: () => api.createStickyNoteItem(BOARD_ID, STICKY_NOTE_BODY),
  };
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const SCENARIOS: readonly Scenario[] = ['smallGet', 'page50', 'postJson'];
const calls: Record<CpuContender, Record<Scenario, Call>> = {
  rawFetch: rawFetchCalls(input.url),
  ours: ourCalls(input.url, { budgetOn: false, timeout: true }),
  oursBudgetOn: ourCalls(input.url, { budgetOn: true, timeout: true }),
  oursTimeoutOff: ourCalls(input.url, { budgetOn: false, timeout: false }),
  official: officialCalls(input.url),
};
const pairs = SCENARIOS.flatMap((scenario) =>
  (Object.keys(calls) as CpuContender[]).map((contender) => ({ scenario, contender })),
);
const perRound = new Map<string, number[]>();

/** Seeded shuffle (mulberry32), so each round has a fresh order and runs repeat exactly. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function round(index: number, timed: boolean): Promise<void> {
  for (const { scenario, contender } of shuffled(pairs, index + 1)) {
    const call = calls[contender][scenario];
    const before = cpuMicros();
    for (let i = 0; i < input.block; i++) await call();
    const key = `${contender}.${scenario}`;
    if (timed) {
      const perRequest = (cpuMicros() - before) / input.block;
      const rounds = perRound.get(key);
      if (rounds) rounds.push(perRequest);
      else perRound.set(key, [perRequest]);
    }
  }
}

for (let r = 0; r < input.warmupRounds; r++) await round(r, false);
for (let r = 0; r < input.rounds; r++) await round(r, true);
const requests = input.block * input.rounds;
const result: Record<string, Record<string, number> | number> = {};
for (const contender of Object.keys(calls) as CpuContender[]) {
  result[contender] = Object.fromEntries(SCENARIOS.map((s) => [s, median(perRound.get(`${contender}.${s}`) ?? [])]));
}
const before = cpuMicros();
for (let i = 0; i < requests; i++) await Promise.resolve();
result['emptyLoopUs'] = (cpuMicros() - before) / requests;
process.stdout.write(`${JSON.stringify(result)}\n`);
