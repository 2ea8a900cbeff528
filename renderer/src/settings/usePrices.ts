import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import type { ApiResult } from '../../../shared/api/methods';

const NO_INPUT = {};

/** The built-in and user price tables; refetched whenever prices change (here or in another window). */
export function usePrices(): ApiQuery<ApiResult<'listPrices'>> {
  const query = useApiQuery('listPrices', NO_INPUT, { keepPreviousData: true });
  useLiveRefresh(query.refresh, 'none', { prices: true });
  return query;
}
