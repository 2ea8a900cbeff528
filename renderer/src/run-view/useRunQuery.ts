import { useCallback } from 'react';
import type { ApiInput, ApiMethodName, ApiResult } from '../../../shared/api/methods';
import { type ApiQuery, useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/** An API query about one run, refetched while the engine reports new spans for it (and price changes, with `prices`). */
export function useRunQuery<M extends ApiMethodName>(
  method: M,
  input: ApiInput<M> & { traceId: string },
  options: { keepPreviousData: boolean; prices?: boolean },
): ApiQuery<ApiResult<M>> {
  const query = useApiQuery(method, input, { keepPreviousData: options.keepPreviousData });
  const { traceId } = input;
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun, { prices: options.prices ?? false });
  return query;
}
