import type { RunTranscript } from '../../../shared/domain/transcript';
import type { ApiQuery } from '../api/useApiQuery';
import { useRunQuery } from './useRunQuery';

/** The run read as one conversation (computed by the engine); refetched while new spans arrive for it. */
export function useRunTranscript(traceId: string): ApiQuery<RunTranscript> {
  return useRunQuery('getRunTranscript', { traceId }, { keepPreviousData: true });
}
