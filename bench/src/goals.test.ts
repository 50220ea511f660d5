import { describe, expect, it } from 'vitest';
import { judgeGoals } from './goals.js';
import type { BulkResults, DistributedResults } from './results.js';

describe('judgeGoals', () => {
  it('misses the bulk goal on a failed operation even when the time is right', () => {
    const bulk = {
      efficiency: 0.98,
      failedOperations: { ours: 1, oursNoBudget: 0, official: 0, oursScaledWindow: 0 },
    } as unknown as BulkResults;
    const goals = judgeGoals({ bulk });
    expect(goals.find((g) => g.figure === 'bulk.efficiency')?.met).toBe(true);
    expect(goals.find((g) => g.figure === 'bulk.failedOperations.ours')?.met).toBe(false);
  });

  it('wants a bulk efficiency of at least 0.97', () => {
    const at = (efficiency: number) =>
      judgeGoals({ bulk: { efficiency, failedOperations: { ours: 0 } } as unknown as BulkResults }).find(
        (g) => g.figure === 'bulk.efficiency',
      )?.met;
    expect(at(0.97)).toBe(true);
    expect(at(0.969)).toBe(false);
  });

  it('judges the shared Redis budget of the distributed section: efficiency 0.9, no 429, no failure', () => {
    const distributed = (efficiency: number, rateLimited: number, failed: number) =>
      ({
        processes: 4,
        efficiency,
        rateLimited429: { sharedRedis: rateLimited, perProcess: 50, noBudget: 900 },
        failedOperations: { sharedRedis: failed, perProcess: 3, noBudget: 200 },
      }) as unknown as DistributedResults;
    const met = (d: DistributedResults) =>
      Object.fromEntries(judgeGoals({ distributed: d }).map((g) => [g.figure, g.met]));
    expect(met(distributed(0.95, 0, 0))).toEqual({
      'distributed.efficiency': true,
      'distributed.rateLimited429.sharedRedis': true,
      'distributed.failedOperations.sharedRedis': true,
    });
    expect(met(distributed(0.89, 1, 2))).toEqual({
      'distributed.efficiency': false,
      'distributed.rateLimited429.sharedRedis': false,
      'distributed.failedOperations.sharedRedis': false,
    });
  });
});
