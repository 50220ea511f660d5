// What the bulk and distributed clients share: the note they create, running work in lanes, and
// counting failures by kind. The drivers never retry: a failure is counted and the work goes on.
import { MiroApiError } from '@miro/api';

export function note(n: number) {
  return {
    data: { content: `Bulk note ${n}`, shape: 'square' as const },
    position: { x: (n % 50) * 250, y: Math.floor(n / 50) * 250 },
  };
}

/** Runs `work(0..count-1)` with at most `concurrency` in flight, in order of index. */
export async function runLanes(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Failures by HTTP status (or error name). */
export class FailureTally {
  readonly byKind: Record<string, number> = {};

  add(error: unknown): void {
    const kind = failureKind(error);
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
  }

  get total(): number {
    return Object.values(this.byKind).reduce((a, b) => a + b, 0);
  }
}

function failureKind(error: unknown): string {
  if (error instanceof MiroApiError) return String(error.status);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') return String(status);
  return error instanceof Error ? error.name : 'unknown';
}

/** Process CPU (user + system, every thread) in microseconds. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
