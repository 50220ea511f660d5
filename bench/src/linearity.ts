/**
 * Whether a cost grows linearly with the work. Points within this fraction of the fitted line (or
 * of each other, for a cost per unit) count as linear: about the run-to-run noise of timings on
 * a shared 2-vCPU machine, so "not linear" means more than noise.
 */
export const LINEAR_TOLERANCE = 0.15;

export interface LinearFit {
  /** Least squares y = intercept + slope * x (the intercept is the fixed cost, e.g. process start). */
  readonly slope: number;
  readonly intercept: number;
  /** The largest |y - fitted y| / y over the points. */
  readonly maxRelativeResidual: number;
  /** Every point within LINEAR_TOLERANCE of the line. */
  readonly linear: boolean;
}

/** Fits a line through the points; null with fewer than two distinct x. */
export function fitLine(points: readonly (readonly [x: number, y: number])[]): LinearFit | null {
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  if (n < 2 || sxx === 0) return null;
  const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const maxRelativeResidual = Math.max(
    ...points.map(([x, y]) => Math.abs(y - (intercept + slope * x)) / Math.max(Math.abs(y), Number.EPSILON)),
  );
  return { slope, intercept, maxRelativeResidual, linear: maxRelativeResidual <= LINEAR_TOLERANCE };
}

export interface PerUnitCost {
  /** The cost per unit of work at each size, in order. */
  readonly values: readonly number[];
  /** max / min - 1. */
  readonly spread: number;
  /** Total cost is linear in the work when its cost per unit stays within LINEAR_TOLERANCE. */
  readonly linear: boolean;
}

/** A cost per unit of work (CPU per request, wall time per credit) compared across sizes. */
export function perUnitCost(values: readonly number[]): PerUnitCost | null {
  if (values.length < 2 || values.some((v) => !(v > 0))) return null;
  const spread = Math.max(...values) / Math.min(...values) - 1;
  return { values, spread, linear: spread <= LINEAR_TOLERANCE };
}
