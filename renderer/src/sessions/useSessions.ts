import { useCallback, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ApiInput } from '../../../shared/api/methods';
import type { SessionSummary } from '../../../shared/domain/run-filter';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { useSearchLagRefresh } from '../api/useSearchLagRefresh';
import { useRangeNow } from '../filters/useRangeNow';
import { type ViewFilter, filterToQuery, toRunFilter } from '../routing/view-query';

const PAGE_SIZE = 200;
const MAX_LIMIT = 5000;

export interface SessionsList {
  state: 'loading' | 'empty' | 'ready' | 'error';
  sessions: readonly SessionSummary[];
  error: ApiError | null;
  hasMore: boolean;
  updating: boolean;
  loadMore: () => void;
  retry: () => void;
}

const NONE: readonly SessionSummary[] = [];

/** Sessions (runs grouped by session id) under a filter, most recent first; follows new runs. */
export function useSessions(filter: ViewFilter): SessionsList {
  const filterKey = filterToQuery(filter);
  const [paging, setPaging] = useState({ filterKey, limit: PAGE_SIZE });
  const limit = paging.filterKey === filterKey ? paging.limit : PAGE_SIZE;
  const now = useRangeNow(filter.range);
  const input = useMemo((): ApiInput<'listSessions'> => {
    const runFilter = toRunFilter({ ...filter, sessionId: null }, now);
    return { limit, ...(Object.keys(runFilter).length > 0 ? { filter: runFilter } : {}) };
  }, [filter, now, limit]);

  const { state, refresh, retry, isStale } = useApiQuery('listSessions', input, {
    keepPreviousData: true,
    tag: filterKey,
  });
  const otherFilter = state.status === 'ready' && state.tag !== filterKey;
  useLiveRefresh(useSearchLagRefresh(refresh, filter.text), 'any', { prices: true, waitMs: 250, maxWaitMs: 1000 });

  const sessions = state.status === 'ready' ? state.data : NONE;
  const hasMore = state.status === 'ready' && !isStale && sessions.length >= limit && limit < MAX_LIMIT;
  const loadMore = useCallback(() => {
    if (hasMore) setPaging({ filterKey, limit: Math.min(MAX_LIMIT, limit + PAGE_SIZE) });
  }, [hasMore, filterKey, limit]);

  switch (state.status) {
    case 'loading':
      return { state: 'loading', sessions, error: null, hasMore: false, updating: false, loadMore, retry };
    case 'error':
      return { state: 'error', sessions, error: state.error, hasMore: false, updating: false, loadMore, retry };
    case 'ready':
      return {
        state: sessions.length > 0 ? 'ready' : otherFilter ? 'loading' : 'empty',
        sessions,
        error: state.refreshError,
        hasMore,
        updating: otherFilter,
        loadMore,
        retry,
      };
  }
}
