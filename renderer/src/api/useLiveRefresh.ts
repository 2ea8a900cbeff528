import { useEffect, useRef } from 'react';
import { createDebouncer } from '../common/debounce';
import { useAppServices } from '../app/useAppServices';

const DEBOUNCE_MS = 100;
const MAX_WAIT_MS = 500;

export type RunsChangedFilter = 'any' | 'none' | ((traceIds: readonly string[]) => boolean);

/**
 * Calls `refresh` (debounced) when the engine reports changed runs that match `runs`, and whenever
 * the live stream (re)opens, since events may have been missed while it was down.
 */
export function useLiveRefresh(refresh: () => void, runs: RunsChangedFilter): void {
  const { live } = useAppServices();
  const latest = useRef({ refresh, runs });
  useEffect(() => {
    latest.current = { refresh, runs };
  });

  useEffect(() => {
    const debouncer = createDebouncer(
      () => {
        latest.current.refresh();
      },
      DEBOUNCE_MS,
      MAX_WAIT_MS,
    );
    const offRunsChanged = live.on('runs-changed', ({ traceIds }) => {
      const filter = latest.current.runs;
      const matches = filter === 'any' || (filter !== 'none' && filter(traceIds));
      if (matches) debouncer.schedule();
    });
    const offOpen = live.onOpen(() => {
      debouncer.schedule();
    });
    return () => {
      offRunsChanged();
      offOpen();
      debouncer.cancel();
    };
  }, [live]);
}
