import { useCallback } from 'react';
import type { StepView } from '../../../shared/domain/step';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/** One step read in full (messages, tools, raw span); refetched when its run receives spans or logs. */
export function useStepView(traceId: string, spanId: string): ApiQuery<StepView> {
  const query = useApiQuery('getStep', { traceId, spanId }, { keepPreviousData: false });
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun);
  return query;
}
