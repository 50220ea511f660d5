import type { Difference, DifferenceKind, Location } from './compare.js';

/**
 * Where our types differ from openapi-typescript's on purpose. Each entry names the operations
 * (or `*`), the place (`where` and the property path `at`, exact or a pattern), the kind of
 * difference, and why we differ. An entry that matches no difference fails the type oracle, so
 * the list stays true. Add new deliberate choices here (numbers accepted for numeric-string
 * query parameters, open response enums, always-returned response fields made non-optional in
 * an overlay, items as a discriminated union), each with its reason.
 */
export interface DeliberateDifference {
  readonly operations: '*' | readonly string[];
  readonly where: Location;
  readonly at: string | RegExp;
  readonly kind: DifferenceKind;
  readonly reason: string;
}

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [];

export function matches(entry: DeliberateDifference, difference: Difference): boolean {
  return (
    (entry.operations === '*' || entry.operations.includes(difference.operationId)) &&
    entry.where === difference.where &&
    entry.kind === difference.kind &&
    (typeof entry.at === 'string' ? entry.at === difference.at : entry.at.test(difference.at))
  );
}
