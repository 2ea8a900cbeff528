import { useEffect, useRef } from 'react';
import { createDebouncer } from '../common/debounce';
import { useAppServices } from '../app/useAppServices';

const DEBOUNCE_MS = 100;
const MAX_WAIT_MS = 500;

export type RunsChangedFilter = 'any' | 'none' | ((traceIds: readonly string[]) => boolean);

export interface LiveRefreshOptions {
  /** Also refresh when prices change (every cost shown may have changed). */
  prices?: boolean;
  /**
   * Debounce: refresh once changes pause this long, but at least every `maxWaitMs` while they keep
   * coming. Heavier queries (fleet statistics) use longer waits than the runs list.
   */
  waitMs?: number;
  maxWaitMs?: number;
}

/**
 * Calls `refresh` (debounced) when the engine reports changed runs that match `runs` (or changed
 * prices, with `prices`), and whenever the live stream (re)opens, since events may have been missed
 * while it was down.
 */
export function useLiveRefresh(refresh: () => void, runs: RunsChangedFilter, options: LiveRefreshOptions = {}): void {
  const { live } = useAppServices();
  const prices = options.prices ?? false;
  const waitMs = options.waitMs ?? DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const latest = useRef({ refresh, runs, prices });
  useEffect(() => {
    latest.current = { refresh, runs, prices };
  });

  useEffect(() => {
    const debouncer = createDebouncer(
      () => {
        latest.current.refresh();
      },
      waitMs,
      maxWaitMs,
    );
    const offRunsChanged = live.on('runs-changed', ({ traceIds }) => {
      const filter = latest.current.runs;
      const matches = filter === 'any' || (filter !== 'none' && filter(traceIds));
      if (matches) debouncer.schedule();
    });
    const offPricesChanged = live.on('prices-changed', () => {
      if (latest.current.prices) debouncer.schedule();
    });
    const offOpen = live.onOpen(() => {
      debouncer.schedule();
    });
    return () => {
      offRunsChanged();
      offPricesChanged();
      offOpen();
      debouncer.cancel();
    };
  }, [live, waitMs, maxWaitMs]);
}
