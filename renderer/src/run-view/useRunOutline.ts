import type { RunOutline } from '../../../shared/domain/step';
import type { ApiQuery } from '../api/useApiQuery';
import { useRunQuery } from './useRunQuery';

/**
 * One run for the timeline: its totals and every step's outline (no messages, so a 100,000-span run
 * opens fast). Refetched while the engine reports new spans for it, and when prices change.
 */
export function useRunOutline(traceId: string): ApiQuery<RunOutline> {
  return useRunQuery('getRunOutline', { traceId }, { keepPreviousData: true, prices: true });
}
