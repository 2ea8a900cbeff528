import { ApiError } from '../../../shared/api/errors';
import type { ApiHandlers } from '../../../shared/api/methods';
import type { EngineInfo } from '../../../shared/domain/engine-info';
import { parsePriceImport } from '../../../shared/domain/price-import';
import type { PriceBook } from '../pricing/price-book';
import type { FleetQueries } from '../store/fleet-queries';
import type { RunQueries } from '../store/run-queries';

export interface HandlerDeps {
  queries: RunQueries;
  fleet: FleetQueries;
  prices: PriceBook;
  /** Stored runs were re-costed (tell live clients to refresh). */
  onPricesChanged?: (recosted: { steps: number; runs: number }) => void;
  info: () => EngineInfo;
}

/** Every method of the API contract; `satisfies` makes a missing handler a compile error. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  return {
    engineInfo: () => deps.info(),
    listRuns: ({ limit, after }) => deps.queries.listRuns(limit, after),
    getRun: ({ traceId }) => {
      const run = deps.queries.getRunSerialized(traceId);
      if (!run) throw new ApiError('not_found', `no run with trace id ${traceId}`);
      return run;
    },
    getRunSteps: ({ traceId }) => {
      const steps = deps.queries.getRunSteps(traceId);
      if (!steps) throw new ApiError('not_found', `no run with trace id ${traceId}`);
      return steps;
    },
    fleetStats: ({ top, ...filter }) => deps.fleet.stats(filter, top),
    listPrices: () => ({ builtin: [...deps.prices.builtinPrices()], user: deps.prices.userPrices() }),
    findPrice: ({ provider, model }) => ({ price: deps.prices.find(provider, model) }),
    savePrices: ({ prices, replaceAll }) => {
      const parsed = parsePriceImport(prices);
      if (parsed.errors.length > 0) throw new ApiError('bad_request', parsed.errors.join('; '));
      const recosted = deps.prices.saveUserPrices(parsed.prices, replaceAll);
      deps.onPricesChanged?.(recosted);
      return { saved: parsed.prices.length, recosted };
    },
    deletePrice: ({ id }) => {
      const { deleted, ...recosted } = deps.prices.deleteUserPrice(id);
      if (!deleted) throw new ApiError('not_found', `no user price with id ${id}`);
      deps.onPricesChanged?.(recosted);
      return { deleted, recosted };
    },
  } satisfies ApiHandlers;
}
