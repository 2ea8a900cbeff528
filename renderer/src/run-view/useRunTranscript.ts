import { useCallback } from 'react';
import type { RunTranscript } from '../../../shared/domain/transcript';
import { type ApiQuery, useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

/** The run read as one conversation (computed by the engine); refetched while new spans arrive for it. */
export function useRunTranscript(traceId: string): ApiQuery<RunTranscript> {
  const query = useApiQuery('getRunTranscript', { traceId }, { keepPreviousData: true });
  const concernsThisRun = useCallback((traceIds: readonly string[]) => traceIds.includes(traceId), [traceId]);
  useLiveRefresh(query.refresh, concernsThisRun);
  return query;
}
