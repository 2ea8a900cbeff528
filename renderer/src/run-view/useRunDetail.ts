import { useCallback } from 'react';
import type { RunDetail } from '../../../shared/domain/run';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/** One run with its spans; refetched while the engine reports new spans for it. */
export function useRunDetail(traceId: string): ApiQuery<RunDetail> {
  const query = useApiQuery('getRun', { traceId });
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun);
  return query;
}
