/** The shape of `bench-results.json`. Ratios are ours / theirs unless the name says otherwise. */
import type { DistributedContender } from './workers/lib/distributed-protocol.js';
import type { DistributedConfig } from './config.js';
import type { ScalingResults } from './scaling-results.js';

export type { DistributedContender };

export interface Meta {
  readonly quick: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
}

export interface ColdStartFigures {
  /** Median wall time of the whole process (spawn to exit), as seen by the parent. */
  readonly wallMs: number;
  /** Median time of the dynamic `import()` itself, measured inside the child. */
  readonly importMs: number;
  /** Median peak resident set size (`process.resourceUsage().maxRSS`), in KiB. */
  readonly maxRssKb: number;
}

export interface ColdStartResults {
  readonly repetitions: number;
  readonly contenders: {
    readonly bare: ColdStartFigures;
    readonly ours: ColdStartFigures;
    readonly official: ColdStartFigures;
  };
  /** Process wall time above bare node. */
  readonly importOverheadMs: { readonly ours: number; readonly official: number };
  /** ours / official, of the import overhead above bare node. Goal: <= 1/3. */
  readonly importOverheadRatio: number | null;
  /** Peak RSS above bare node, KiB. */
  readonly rssOverheadKb: { readonly ours: number; readonly official: number };
  /** ours / official, of peak RSS above bare node. */
  readonly rssRatio: number | null;
  /** ours / official, of the whole peak RSS (bare node included). */
  readonly rssTotalRatio: number | null;
}

export interface BundleFigures {
  readonly platform: 'node' | 'browser';
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

export interface BundleResults {
  readonly contenders: {
    readonly ours: BundleFigures;
    readonly oursBrowser: BundleFigures;
    readonly official: BundleFigures;
  };
  /** ours (platform node) / official (platform node), gzipped. Goal: <= 1/10. */
  readonly gzipRatio: number | null;
  /** ours for the browser / official for node, gzipped (the official client does not build for browsers). */
  readonly gzipRatioBrowser: number | null;
}

export type Scenario = 'smallGet' | 'page50' | 'postJson';
export const SCENARIOS: readonly Scenario[] = ['smallGet', 'page50', 'postJson'];
export type ScenarioFigures = Record<Scenario, number>;

export interface CpuResults {
  readonly repetitions: number;
  readonly requestsPerScenario: number;
  /** Median CPU microseconds (user + system, whole client process) per request. */
  readonly contenders: {
    readonly rawFetch: ScenarioFigures;
    readonly ours: ScenarioFigures;
    readonly oursBudgetOn: ScenarioFigures;
    /** ours (budget off) with `timeoutMs: 0`: no AbortSignal handed to fetch. */
    readonly oursTimeoutOff: ScenarioFigures;
    readonly official: ScenarioFigures;
  };
  /** CPU microseconds per iteration of an empty `await` loop (not subtracted: it is noise-sized). */
  readonly emptyLoopUs: number;
  /** ours (budget off) / raw fetch. Goal: <= 1.1. */
  readonly vsRawFetch: Record<Scenario, number | null>;
  /** ours (budget off) / official. */
  readonly vsOfficial: Record<Scenario, number | null>;
  /** ours with the default budget on (never waiting) / raw fetch. */
  readonly budgetOnVsRawFetch: Record<Scenario, number | null>;
  /** ours without the default 30 s timeout / raw fetch: what the client costs apart from the AbortSignal. */
  readonly timeoutOffVsRawFetch: Record<Scenario, number | null>;
  /** vsRawFetch of each repetition, to judge the noise of the median. */
  readonly vsRawFetchPerRepetition: readonly Record<Scenario, number | null>[];
}

export type BulkContender = 'ours' | 'oursNoBudget' | 'official' | 'oursScaledWindow';

export interface BulkFigures {
  /** Median wall time of create + read-back. */
  readonly wallMs: number;
  /** theoretical minimum / median wall time. */
  readonly efficiency: number | null;
  /** Median count of 429 responses the mock sent. */
  readonly rateLimited429: number;
  /** Median count of operations (creates, page reads) that failed for good. */
  readonly failedOperations: number;
  /** Median number of items read back. */
  readonly itemsRead: number;
  /** Median wall time of the create phase and of the read-back phase. */
  readonly createPhaseMs: number;
  readonly readPhaseMs: number;
  /** Median client process CPU (user + system) per API request the mock answered, 429s included. */
  readonly cpuUsPerRequest: number;
  /** Median of the client process's whole CPU over the work, and of the API requests the mock answered. */
  readonly cpuMs: number;
  readonly apiRequests: number;
  /** Median peak RSS of the client process, KiB. */
  readonly maxRssKb: number;
  /** Median JavaScript heap in use after the work and a full GC, KiB. */
  readonly liveHeapKb: number;
  /**
   * Ours only: median over runs of the summed lateness of each budget window's first request
   * after the previous window's end (real ms); what the budget loses at window boundaries.
   */
  readonly windowStartLagMs?: number;
  readonly description: string;
  /** Every run, in order. */
  readonly runs: readonly {
    readonly wallMs: number;
    readonly rateLimited429: number;
    readonly failedOperations: number;
    readonly itemsRead: number;
    readonly apiRequests: number;
    readonly windowStartLagsMs?: readonly number[];
  }[];
}

export interface BulkResults {
  readonly repetitions: number;
  readonly notes: number;
  readonly pageLimit: number;
  readonly concurrency: number;
  /** Mock latency in Miro time, and the real wait it becomes (latencyMs / timeScale). */
  readonly latencyMs: number;
  readonly realLatencyMs: number;
  /** Miro's budget as the mock enforces it, in the mock's (scaled) time. */
  readonly budget: { readonly limit: number; readonly windowMs: number };
  /** The mock's clock (and ours, where given) runs this many times faster than real time. */
  readonly timeScale: number;
  readonly creditsNeeded: number;
  /** creditsNeeded / (limit per window), in real milliseconds. */
  readonly theoreticalMinMs: number;
  readonly contenders: Record<BulkContender, BulkFigures>;
  /** Of ours with the budget on. Goal: >= 1/1.1. */
  readonly efficiency: number | null;
  readonly failedOperations: Record<BulkContender, number>;
  readonly rateLimited429: Record<BulkContender, number>;
}

export interface DistributedFigures {
  /** Median wall time from the start signal to the last process's end. */
  readonly wallMs: number;
  /** theoretical minimum / median wall time. */
  readonly efficiency: number | null;
  /** Median count of 429 responses the mock sent (to every process together). */
  readonly rateLimited429: number;
  /** Median count of operations (creates, page reads) that failed for good, over every process. */
  readonly failedOperations: number;
  readonly created: number;
  readonly itemsRead: number;
  /** Median count of refresh-token exchanges the mock saw (the stored access token starts expired). */
  readonly tokenRefreshes: number;
  /** Median over runs of the summed window start lags, over every process (see BulkFigures). */
  readonly windowStartLagMs: number;
  readonly description: string;
  readonly runs: readonly DistributedRun[];
}

/** One run of the distributed section, every process together. */
export interface DistributedRun {
  readonly wallMs: number;
  /** 429s the mock sent. */
  readonly rateLimited: number;
  readonly failedOperations: number;
  readonly created: number;
  readonly itemsRead: number;
  /** Refresh-token exchanges the mock saw. */
  readonly refreshes: number;
  readonly failures: Record<string, number>;
  readonly windowStartLagsMs: readonly number[];
}

/** The run's settings (latency, limit and window are Miro's), then what it measured. */
export interface DistributedResults extends DistributedConfig {
  /** The latency and the window as run: Miro's divided by timeScale, on the real clock. */
  readonly realLatencyMs: number;
  readonly realWindowMs: number;
  /** Real time with shortened windows (not the bulk section's scaled clock). */
  readonly clock: 'real';
  readonly creditsNeeded: number;
  /** creditsNeeded / limit x realWindowMs. */
  readonly theoreticalMinMs: number;
  readonly contenders: Record<DistributedContender, DistributedFigures>;
  /** Of sharedRedis. Goal: >= 0.9. */
  readonly efficiency: number | null;
  readonly failedOperations: Record<DistributedContender, number>;
  readonly rateLimited429: Record<DistributedContender, number>;
}

export interface GenerateResults {
  readonly repetitions: number;
  readonly contenders: {
    readonly ours: { readonly wallMs: number };
    readonly openapiTypescript: { readonly wallMs: number };
  };
  /** Median of the stage timings miro-generate reports (`--timings`), ms, in-process (process start-up excluded). */
  readonly oursStagesMs: Record<string, number>;
  /** ours / openapi-typescript, wall time of a fresh process. Goal: <= 1. */
  readonly ratioVsOpenapiTypescript: number | null;
}

export interface Goal {
  readonly name: string;
  readonly figure: string;
  readonly target: string;
  readonly value: number | null;
  readonly met: boolean | null;
}

export interface BenchResults {
  readonly meta: Meta;
  readonly coldStart: ColdStartResults;
  readonly bundle: BundleResults;
  readonly cpuPerRequest: CpuResults;
  readonly bulk: BulkResults;
  readonly distributed: DistributedResults;
  readonly scaling: ScalingResults;
  readonly generate: GenerateResults;
  readonly goals: readonly Goal[];
}
