import type { LinearFit, PerUnitCost } from './linearity.js';

/** The bulk workload (ours, budget on) at one size. */
export interface ScalingBulkSize {
  readonly notes: number;
  readonly creditsNeeded: number;
  /** More credits than one window holds: only then does the budget set the pace. */
  readonly creditLimited: boolean;
  readonly theoreticalMinMs: number;
  /** Medians over `runs`. */
  readonly wallMs: number;
  readonly efficiency: number | null;
  readonly rateLimited429: number;
  readonly failedOperations: number;
  readonly cpuUsPerRequest: number;
  /** The client's whole CPU over the work, and the API requests it made (429s included). */
  readonly cpuMs: number;
  readonly apiRequests: number;
  readonly clientMaxRssKb: number;
  /** The client's JavaScript heap after the work and a full GC: flat when nothing is kept per note. */
  readonly clientLiveHeapKb: number;
  readonly runs: number;
  /** 'bulk' when the size is the bulk section's and its runs of ours were reused. */
  readonly measuredIn: 'bulk' | 'scaling';
}

/** One published spec version: generating @miro/api from it, and a client process built from it. */
export interface ScalingSpecVersion {
  readonly version: string;
  readonly operations: number;
  readonly schemas: number;
  /** Median wall time of `miro-generate --target api` in a fresh process. */
  readonly generateMs: number;
  /** Median of the generator's own total (`--timings`), process start-up excluded. */
  readonly generateInProcessMs: number;
  /** Median peak RSS of the generator process (worker threads included), KiB. */
  readonly generatorMaxRssKb: number;
  /** Median peak RSS of a process that imports the client generated from this version and makes one call, KiB. */
  readonly clientMaxRssKb: number;
  /** Median time of that process's `import()` of the client. */
  readonly clientImportMs: number;
}

export interface ScalingResults {
  readonly bulk: {
    readonly sizes: readonly ScalingBulkSize[];
    /**
     * Wall time per credit at each credit-limited size (theoretical minimum / efficiency); linear
     * when it stays within the tolerance, i.e. the efficiency holds as the work grows.
     */
    readonly wallPerCredit: PerUnitCost | null;
    /**
     * The client's whole CPU against its requests: slope = CPU per request once warm, intercept =
     * what does not grow with the work (JIT warm-up, connections); linear when every size is on the line.
     */
    readonly cpuVsRequests: LinearFit | null;
    /** Peak RSS of the client process against notes. */
    readonly clientRssVsNotes: LinearFit | null;
    /** Live heap after a full GC against notes (a slope near 0: nothing kept per note). */
    readonly clientLiveHeapVsNotes: LinearFit | null;
  };
  readonly specs: {
    readonly versions: readonly ScalingSpecVersion[];
    readonly repetitions: number;
    readonly generateMsVsOperations: LinearFit | null;
    readonly generateMsVsSchemas: LinearFit | null;
    readonly generatorRssVsOperations: LinearFit | null;
    readonly clientRssVsOperations: LinearFit | null;
  };
}
