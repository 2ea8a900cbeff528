import type { EngineInfo } from '../../../shared/domain/engine-info';
import { type ApiQuery, useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

const NO_INPUT = {};

/** What the engine tells about itself, as a query; refreshed whenever the live stream (re)connects. */
export function useEngineInfoQuery(): ApiQuery<EngineInfo> {
  const query = useApiQuery('engineInfo', NO_INPUT, { keepPreviousData: true });
  useLiveRefresh(query.refresh, 'none');
  return query;
}

/** What the engine tells about itself, once known. */
export function useEngineInfo(): EngineInfo | null {
  const { state } = useEngineInfoQuery();
  return state.status === 'ready' ? state.data : null;
}
