export type DistributedContender = 'sharedRedis' | 'perProcess' | 'noBudget';

/** What the parent tells each client process of the distributed section (argv[2], JSON). */
export interface DistributedClientInput {
  readonly contender: DistributedContender;
  /** The mock: API, token endpoint and the app the tokens belong to. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's id for the one user every process acts for; its tokens are in the shared store. */
  readonly userId: string;
  readonly redisUrl: string;
  /** Random per run: `<prefix>tokens:` and `<prefix>budget:`. */
  readonly keyPrefix: string;
  readonly boardId: string;
  /** This process's notes: `firstNote` .. `firstNote + notes - 1`. */
  readonly firstNote: number;
  readonly notes: number;
  readonly pageLimit: number;
  readonly concurrency: number;
  /** The budget as every process is told it (real ms). */
  readonly limit: number;
  readonly windowMs: number;
}

/** A client process's answer to `{ type: 'go' }`. */
export interface DistributedClientOutput {
  /** Epoch ms (sub-millisecond), comparable across processes on this machine. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly created: number;
  readonly itemsRead: number;
  readonly failedOperations: number;
  readonly failures: Record<string, number>;
  /** When this process first sent a request answered with each `X-RateLimit-Reset` (epoch ms). */
  readonly windowFirstSends: Record<string, number>;
}
