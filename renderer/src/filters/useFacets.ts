import type { RunFacets } from '../../../shared/domain/run-filter';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';

const NO_INPUT = {};
const NO_FACETS: RunFacets = { services: [], models: [], origins: [] };

/** Services, models and origins present in the store, for the filter menus; follows new data. */
export function useFacets(): RunFacets {
  const { state, refresh } = useApiQuery('runFacets', NO_INPUT, { keepPreviousData: true });
  useLiveRefresh(refresh, 'any', { waitMs: 1000, maxWaitMs: 5000 });
  return state.status === 'ready' ? state.data : NO_FACETS;
}
