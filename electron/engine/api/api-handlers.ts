import { ApiError } from '../../../shared/api/errors';
import type { ApiHandlers } from '../../../shared/api/methods';
import type { EngineInfo } from '../../../shared/domain/engine-info';
import type { RunQueries } from '../store/run-queries';

export interface HandlerDeps {
  queries: RunQueries;
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
  } satisfies ApiHandlers;
}
