/**
 * The timeout of attempts that start in the same millisecond with the same `timeoutMs`: one
 * `AbortController` and one timer for all of them, instead of one each. A controller and a timer
 * per attempt cost about a third of what the timeout adds to a request (the rest is fetch
 * following the signal); attempts a few hundred microseconds long share them several at a time.
 *
 * When the timer fires, every attempt still pending on it has run for `timeoutMs` (give or take
 * the millisecond they share) and is aborted, which also frees its connection; attempts already
 * finished are not touched. The slot of the current millisecond keeps its timer after its last
 * attempt ends, for the next attempts of that millisecond, without holding the process open
 * (`unref`, where timers have it; elsewhere the timer is cleared at once); a later slot clears it.
 */
export interface SharedTimeout {
  readonly signal: AbortSignal;
  /** True once the timer fired: the attempts aborted through `signal` timed out. */
  readonly timedOut: boolean;
}

interface Slot extends SharedTimeout {
  readonly startedAt: number;
  readonly timeoutMs: number;
  readonly timer: ReturnType<typeof setTimeout>;
  pending: number;
  timedOut: boolean;
}

let current: Slot | undefined;

function unrefable(timer: unknown): timer is { unref(): void } {
  return typeof (timer as { unref?: unknown } | null)?.unref === 'function';
}

/** The shared timeout for an attempt starting now; pair it with `leaveTimeout` when the attempt ends. */
export function joinTimeout(timeoutMs: number): SharedTimeout {
  const now = Date.now();
  const slot = current;
  if (slot && slot.startedAt === now && slot.timeoutMs === timeoutMs && !slot.timedOut) {
    slot.pending++;
    return slot;
  }
  if (slot && slot.pending === 0) clearTimeout(slot.timer);
  const controller = new AbortController();
  const fresh: Slot = {
    startedAt: now,
    timeoutMs,
    signal: controller.signal,
    pending: 1,
    timedOut: false,
    timer: setTimeout(() => {
      fresh.timedOut = true;
      controller.abort();
    }, timeoutMs),
  };
  if (unrefable(fresh.timer)) fresh.timer.unref();
  current = fresh;
  return fresh;
}

export function leaveTimeout(timeout: SharedTimeout): void {
  const slot = timeout as Slot;
  if (--slot.pending > 0) return;
  if (slot === current && unrefable(slot.timer)) return;
  clearTimeout(slot.timer);
  if (slot === current) current = undefined;
}
