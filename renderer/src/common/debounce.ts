export interface Debouncer {
  schedule(): void;
  cancel(): void;
}

/**
 * Runs `fn` once calls to `schedule()` pause for `waitMs`, but no later than `maxWaitMs` after the
 * first unserved call, so a steady stream of triggers still gets served.
 */
export function createDebouncer(fn: () => void, waitMs: number, maxWaitMs: number): Debouncer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstScheduledAt: number | null = null;

  const fire = () => {
    timer = null;
    firstScheduledAt = null;
    fn();
  };

  return {
    schedule() {
      const now = Date.now();
      firstScheduledAt ??= now;
      if (timer !== null) clearTimeout(timer);
      const delay = Math.max(0, Math.min(waitMs, firstScheduledAt + maxWaitMs - now));
      timer = setTimeout(fire, delay);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      firstScheduledAt = null;
    },
  };
}
