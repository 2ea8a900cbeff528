import { useCallback, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ApiInput } from '../../../shared/api/methods';
import type { RunSummary } from '../../../shared/domain/run';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { useSearchLagRefresh } from '../api/useSearchLagRefresh';
import { useRangeNow } from '../filters/useRangeNow';
import { DEFAULT_SORT, type RunsView, toRunFilter, viewToQuery } from '../routing/view-query';

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
  /** The runs shown still answer the previous filters or sort (the new answer is on its way). */
  updating: boolean;
  loadMore: () => void;
  retry: () => void;
}

const NO_RUNS: readonly RunSummary[] = [];

/**
 * The runs a view selects (filters and sort), refetched when the engine reports changes (runs or
 * prices); grows page by page on demand. A new view starts again from the first page.
 */
export function useRuns(view: RunsView): RunsList {
  const viewKey = viewToQuery(view);
  const [paging, setPaging] = useState({ viewKey, limit: PAGE_SIZE });
  const limit = paging.viewKey === viewKey ? paging.limit : PAGE_SIZE;

  const now = useRangeNow(view.filter.range);
  const input = useMemo((): ApiInput<'listRuns'> => {
    const filter = toRunFilter(view.filter, now);
    const isDefaultSort = view.sort.by === DEFAULT_SORT.by && view.sort.dir === DEFAULT_SORT.dir;
    return {
      limit,
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
      ...(isDefaultSort ? {} : { sort: view.sort }),
    };
  }, [view, now, limit]);

  const { state, refresh, retry, isStale } = useApiQuery('listRuns', input, { keepPreviousData: true, tag: viewKey });
  /** The runs shown answer other filters or another order (not just a page more or a slid time window). */
  const otherView = state.status === 'ready' && state.tag !== viewKey;
  useLiveRefresh(useSearchLagRefresh(refresh, view.filter.text), 'any', { prices: true });

  const runs = state.status === 'ready' ? state.data : NO_RUNS;
  const hasMore = state.status === 'ready' && !isStale && runs.length >= limit && limit < MAX_LIMIT;
  const loadMore = useCallback(() => {
    if (hasMore) setPaging({ viewKey, limit: Math.min(MAX_LIMIT, limit + PAGE_SIZE) });
  }, [hasMore, viewKey, limit]);

  switch (state.status) {
    case 'loading':
      return { state: 'loading', runs, error: null, hasMore: false, updating: false, loadMore, retry };
    case 'error':
      return { state: 'error', runs, error: state.error, hasMore: false, updating: false, loadMore, retry };
    case 'ready':
      return {
        // Nothing matched the previous view: say "loading" rather than "no runs" until this one answers.
        state: runs.length > 0 ? 'ready' : otherView ? 'loading' : 'empty',
        runs,
        error: state.refreshError,
        hasMore,
        updating: otherView,
        loadMore,
        retry,
      };
  }
}
