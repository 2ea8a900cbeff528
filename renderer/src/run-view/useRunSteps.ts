import { useCallback } from 'react';
import type { RunSteps } from '../../../shared/domain/step';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/** One run read as steps; refetched while the engine reports new spans for it, and when prices change. */
export function useRunSteps(traceId: string): ApiQuery<RunSteps> {
  const query = useApiQuery('getRunSteps', { traceId }, { keepPreviousData: true });
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun, { prices: true });
  return query;
}
