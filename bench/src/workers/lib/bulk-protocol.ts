/** What the parent tells the bulk mock server (argv[2], JSON). */
export interface BulkMockInput {
  /** Real milliseconds. */
  readonly latencyMs: number;
  readonly limit: number;
  readonly windowMs: number;
  readonly timeScale: number;
}

/** The mock server's first IPC message. */
export interface BulkMockReady {
  readonly url: string;
  readonly accessToken: string;
  readonly boardId: string;
  /** Real epoch ms at which the mock's scaled clock started. */
  readonly epoch: number;
}

/** The mock server's answer to `{ type: 'stats' }`. */
export interface BulkMockStats {
  readonly rateLimited: number;
  readonly apiRequests: number;
  readonly creditsCharged: number;
  readonly itemsOnBoard: number;
}

export type BulkClientContender = 'ours' | 'oursNoBudget' | 'official' | 'oursScaledWindow';

/** What the parent tells a bulk client (argv[2], JSON). */
export interface BulkClientInput extends BulkMockReady {
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
}
