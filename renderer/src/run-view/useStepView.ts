import type { StepView } from '../../../shared/domain/step';
import type { ApiQuery } from '../api/useApiQuery';
import { useRunQuery } from './useRunQuery';

/** One step read in full (messages, tools, raw span); refetched when its run receives spans or logs. */
export function useStepView(traceId: string, spanId: string): ApiQuery<StepView> {
  return useRunQuery('getStep', { traceId, spanId }, { keepPreviousData: false });
}
