import type { EngineInfo } from '../../../shared/domain/engine-info';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

const NO_INPUT = {};

/** What the engine tells about itself; refreshed whenever the live stream (re)connects. */
export function useEngineInfo(): EngineInfo | null {
  const { state, refresh } = useApiQuery('engineInfo', NO_INPUT, { keepPreviousData: true });
  useLiveRefresh(refresh, 'none');
  return state.status === 'ready' ? state.data : null;
}
