import { useCallback, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { RunSummary } from '../../../shared/domain/run';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

const PAGE_SIZE = 200;
/** The API's own ceiling for `listRuns.limit`. */
const MAX_LIMIT = 5000;

export type RunsListState = 'loading' | 'empty' | 'ready' | 'error';

export interface RunsList {
  state: RunsListState;
  runs: readonly RunSummary[];
  /** Why loading failed (state `error`), or why the last background refresh failed. */
  error: ApiError | null;
  /** Whether older runs exist beyond those loaded. */
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
}

const NO_RUNS: readonly RunSummary[] = [];

/** The newest runs, refetched when the engine reports changes (runs or prices); grows page by page on demand. */
export function useRuns(): RunsList {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { state, refresh, retry } = useApiQuery('listRuns', { limit }, { keepPreviousData: true });
  useLiveRefresh(refresh, 'any', { prices: true });

  const runs = state.status === 'ready' ? state.data : NO_RUNS;
  const hasMore = state.status === 'ready' && runs.length >= limit && limit < MAX_LIMIT;
  const loadMore = useCallback(() => {
    if (hasMore) setLimit((current) => Math.min(MAX_LIMIT, current + PAGE_SIZE));
  }, [hasMore]);

  switch (state.status) {
    case 'loading':
      return { state: 'loading', runs, error: null, hasMore: false, loadMore, retry };
    case 'error':
      return { state: 'error', runs, error: state.error, hasMore: false, loadMore, retry };
    case 'ready':
      return {
        state: runs.length === 0 ? 'empty' : 'ready',
        runs,
        error: state.refreshError,
        hasMore,
        loadMore,
        retry,
      };
  }
}
