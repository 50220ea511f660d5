import { describe, expect, it } from 'vitest';
import { judgeGoals } from './goals.js';
import type { BulkResults } from './results.js';

describe('judgeGoals', () => {
  it('misses the bulk goal on a failed operation even when the time is right', () => {
    const bulk = {
      efficiency: 0.95,
      failedOperations: { ours: 1, oursNoBudget: 0, official: 0, oursScaledWindow: 0 },
    } as unknown as BulkResults;
    const goals = judgeGoals({ bulk });
    expect(goals.find((g) => g.figure === 'bulk.efficiency')?.met).toBe(true);
    expect(goals.find((g) => g.figure === 'bulk.failedOperations.ours')?.met).toBe(false);
  });

  it('judges within-10% as efficiency of at least 1/1.1', () => {
    const at = (efficiency: number) =>
      judgeGoals({ bulk: { efficiency, failedOperations: { ours: 0 } } as unknown as BulkResults }).find(
        (g) => g.figure === 'bulk.efficiency',
      )?.met;
    expect(at(0.91)).toBe(true);
    expect(at(0.9)).toBe(false);
  });
});
