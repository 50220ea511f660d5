/** The bulk workload against the mock: Miro's budget on a clock `timeScale` times faster than real time. */
export interface BulkConfig {
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
}

/**
 * Several client processes spending one user's budget, on the real clock: the window and the
 * latency are Miro's divided by `timeScale` (Redis keeps the shared budget's time).
 */
export interface DistributedConfig {
  readonly repetitions: number;
  readonly processes: number;
  /** Notes in all; each process creates its share on its own board, then reads that board back. */
  readonly notes: number;
  readonly pageLimit: number;
  readonly concurrencyPerProcess: number;
  /** In Miro time, like the bulk section's; divided by timeScale for the real clock. */
  readonly latencyMs: number;
  readonly limit: number;
  readonly windowMs: number;
  readonly timeScale: number;
}

/** How cost grows: the bulk workload at several sizes, and generation for every published spec version. */
export interface ScalingConfig {
  readonly bulkNotes: readonly number[];
  /** Runs per size (a size equal to the bulk section's reuses that section's runs of ours). */
  readonly bulkRepetitions: number;
  readonly generateRepetitions: number;
}

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
  readonly bulk: BulkConfig;
  readonly distributed: DistributedConfig;
  readonly scaling: ScalingConfig;
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
  distributed: {
    repetitions: 3,
    processes: 4,
    notes: 2000,
    pageLimit: 50,
    // 16 in flight in all, as in the bulk section.
    concurrencyPerProcess: 4,
    latencyMs: 150,
    limit: 100_000,
    windowMs: 60_000,
    timeScale: 12,
  },
  scaling: { bulkNotes: [500, 2000, 8000], bulkRepetitions: 1, generateRepetitions: 3 },
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
  distributed: {
    repetitions: 1,
    processes: 4,
    notes: 100,
    pageLimit: 50,
    concurrencyPerProcess: 4,
    latencyMs: 150,
    // 10,400 credits against 5,000 per 1 s window: three windows.
    limit: 5_000,
    windowMs: 60_000,
    timeScale: 60,
  },
  scaling: { bulkNotes: [50, 100, 200], bulkRepetitions: 1, generateRepetitions: 1 },
  generate: { repetitions: 1 },
};
