import type { Clock } from '@miro/api';

/** `@miro/api`'s clock reading the time a test controls; waits are real. */
export function clockAt(now: () => number): Clock {
  return { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}
