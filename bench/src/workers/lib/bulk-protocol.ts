/** What the parent tells the bulk mock server (argv[2], JSON). */
export interface BulkMockInput {
  /** Real milliseconds. */
  readonly latencyMs: number;
  readonly limit: number;
  readonly windowMs: number;
  readonly timeScale: number;
  /** Boards to make for the work (one per client process in the distributed section). */
  readonly boards: number;
}

/** The mock server's first IPC message. */
export interface BulkMockReady {
  readonly url: string;
  /** The app the tokens belong to (the mock's demo client), for a token refresh. */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly boardIds: readonly string[];
  /** Real epoch ms at which the mock's scaled clock started. */
  readonly epoch: number;
}

/** The mock server's answer to `{ type: 'stats' }`. */
export interface BulkMockStats {
  readonly rateLimited: number;
  /** API requests of the work (the boards' setup excluded), 429s included. */
  readonly apiRequests: number;
  /** Items on each board, in the order of `boardIds`. */
  readonly itemsOnBoards: readonly number[];
  /** Successful refresh-token exchanges. */
  readonly refreshes: number;
}

export type BulkClientContender = 'ours' | 'oursNoBudget' | 'official' | 'oursScaledWindow';

/** What the parent tells a bulk client (argv[2], JSON). */
export interface BulkClientInput {
  readonly url: string;
  readonly accessToken: string;
  readonly boardId: string;
  readonly epoch: number;
  readonly contender: BulkClientContender;
  readonly notes: number;
  readonly pageLimit: number;
  readonly concurrency: number;
  readonly limit: number;
  readonly windowMs: number;
  readonly timeScale: number;
}

/** A bulk client's one line of output. */
export interface BulkClientOutput {
  readonly wallMs: number;
  /** From the start to the last create's end; the rest of wallMs is the read-back. */
  readonly createPhaseMs: number;
  readonly created: number;
  readonly itemsRead: number;
  readonly failedOperations: number;
  /** Failures by HTTP status (or error name). */
  readonly failures: Record<string, number>;
  /** Process CPU (user + system) over the work, microseconds. */
  readonly cpuUs: number;
  /** Peak resident set size of the client process, KiB. */
  readonly maxRssKb: number;
  /** JavaScript heap still in use after the work and a full GC, KiB: what the client keeps, as against what it touched. */
  readonly liveHeapKb: number;
  /**
   * Ours only (seen through its `fetch`): for each budget window after the first, how long after
   * the previous window's end (its first request plus one window) the first request of the
   * window went out, in real ms. What the budget loses at window boundaries.
   */
  readonly windowStartLagsMs?: readonly number[];
}
