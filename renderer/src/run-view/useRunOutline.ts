import { useCallback } from 'react';
import type { RunOutline } from '../../../shared/domain/step';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/**
 * One run for the timeline: its totals and every step's outline (no messages, so a 100,000-span run
 * opens fast). Refetched while the engine reports new spans for it, and when prices change.
 */
export function useRunOutline(traceId: string): ApiQuery<RunOutline> {
  const query = useApiQuery('getRunOutline', { traceId }, { keepPreviousData: true });
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun, { prices: true });
  return query;
}
