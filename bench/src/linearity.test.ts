import { describe, expect, it } from 'vitest';
import { fitLine, perUnitCost } from './linearity.js';

describe('fitLine', () => {
  it('finds the fixed cost and the cost per unit of a straight line', () => {
    const fit = fitLine([
      [100, 600],
      [200, 1100],
      [400, 2100],
    ]);
    expect(fit?.slope).toBeCloseTo(5);
    expect(fit?.intercept).toBeCloseTo(100);
    expect(fit?.maxRelativeResidual).toBeCloseTo(0);
    expect(fit?.linear).toBe(true);
  });

  it('calls a quadratic cost not linear', () => {
    const fit = fitLine([1, 2, 4, 8].map((x) => [x, x * x] as const));
    expect(fit?.linear).toBe(false);
  });

  it('gives no fit without two distinct sizes', () => {
    expect(fitLine([[3, 1]])).toBeNull();
    expect(
      fitLine([
        [3, 1],
        [3, 2],
      ]),
    ).toBeNull();
  });
});

describe('perUnitCost', () => {
  it('is linear while the cost per unit stays within the tolerance', () => {
    expect(perUnitCost([100, 110, 105])?.linear).toBe(true);
    expect(perUnitCost([100, 130])?.linear).toBe(false);
    expect(perUnitCost([100, 130])?.spread).toBeCloseTo(0.3);
    expect(perUnitCost([100])).toBeNull();
  });
});
