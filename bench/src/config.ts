/** How much of everything a run does: the full bench, or `--quick` (a smoke run for CI, same code paths). */
export interface BenchConfig {
  readonly quick: boolean;
  readonly coldStart: { readonly repetitions: number };
  /** Per repetition (one client process): untimed rounds, then timed rounds of `block` requests per contender and scenario. */
  readonly cpu: {
    readonly repetitions: number;
    readonly block: number;
    readonly warmupRounds: number;
    readonly rounds: number;
  };
  readonly bulk: {
    readonly repetitions: number;
    readonly notes: number;
    readonly pageLimit: number;
    readonly concurrency: number;
    /** Mock latency per response in Miro time; the mock waits latencyMs / timeScale of real time, so every duration scales alike. */
    readonly latencyMs: number;
    /** Miro's budget (credits per window, window length) in the mock's time. */
    readonly limit: number;
    readonly windowMs: number;
    /** The mock's clock runs this many times faster than real time. */
    readonly timeScale: number;
  };
  readonly generate: { readonly repetitions: number };
}

export const FULL: BenchConfig = {
  quick: false,
  coldStart: { repetitions: 15 },
  cpu: { repetitions: 3, block: 50, warmupRounds: 10, rounds: 20 },
  bulk: {
    repetitions: 3,
    notes: 2000,
    pageLimit: 50,
    concurrency: 16,
    latencyMs: 150,
    // Miro's real budget, 100,000 credits per 60 s, run 12x faster: one window is 5 s of real time.
    limit: 100_000,
    windowMs: 60_000,
    timeScale: 12,
  },
  generate: { repetitions: 5 },
};

export const QUICK: BenchConfig = {
  quick: true,
  coldStart: { repetitions: 3 },
  cpu: { repetitions: 1, block: 10, warmupRounds: 1, rounds: 2 },
  bulk: {
    repetitions: 1,
    notes: 100,
    pageLimit: 50,
    concurrency: 16,
    latencyMs: 150,
    // 100 notes cost 10,200 credits: a budget of 5,000 still makes the run span three windows.
    limit: 5_000,
    windowMs: 60_000,
    timeScale: 120,
  },
  generate: { repetitions: 1 },
};
