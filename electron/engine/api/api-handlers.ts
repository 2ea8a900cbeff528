import { ApiError } from '../../../shared/api/errors';
import type { ApiHandlers } from '../../../shared/api/methods';
import type { EngineInfo } from '../../../shared/domain/engine-info';
import { parsePriceImport } from '../../../shared/domain/price-import';
import type { RedactionConfig } from '../../../shared/domain/redaction';
import type { ForwardingConfig, ForwardingStatus } from '../../../shared/domain/forwarding';
import type { PriceBook } from '../pricing/price-book';
import { redactionConfigProblemsTimed } from '../redaction/pattern-probe';
import { Redactor } from '../redaction/redactor';
import { RedactionConfigError, type RedactionSettings } from '../redaction/redaction-settings';
import type { FleetQueries } from '../store/fleet-queries';
import type { RunFilter } from '../../../shared/domain/run-filter';
import type { RunQueries } from '../store/run-queries';
import type { RunSearchQuery } from '../store/run-search-query';
import type { RunTranscriptQuery } from '../store/run-transcript-query';
import type { DeleteAllResult, RetentionCaps, StorageInfo } from '../../../shared/domain/storage';

export interface HandlerDeps {
  queries: RunQueries;
  fleet: FleetQueries;
  /** The run page's Transcript tab and search within a run. */
  runTranscript: RunTranscriptQuery;
  runSearch: RunSearchQuery;
  prices: PriceBook;
  /** Stored runs were re-costed (tell live clients to refresh). */
  onPricesChanged?: (recosted: { steps: number; runs: number }) => void;
  info: () => EngineInfo;
  /** Runs the bundled sample agent into this engine (lazy: loads the OpenAI SDK on first use). */
  sample?: { load: () => Promise<{ runs: number; spans: number }> };
  redaction: RedactionSettings;
  /** New redaction settings were saved (hand them to the decoders). */
  onRedactionChanged?: (config: RedactionConfig) => void;
  /** Forwarding: its status, and the Settings toggle (stored and applied). */
  forwarding?: {
    status: () => ForwardingStatus;
    set: (config: ForwardingConfig & { keepHeaders: string[] }) => ForwardingStatus;
  };
  /** Settings › Storage (engine.ts wires these to StorageAdmin and the retention policy). */
  storage: {
    info: () => StorageInfo;
    setRetention: (caps: RetentionCaps) => RetentionCaps;
    deleteRuns: (traceIds: readonly string[]) => string[];
    deleteAll: () => DeleteAllResult;
  };
}

/** Every method of the API contract; `satisfies` makes a missing handler a compile error. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  return {
    engineInfo: () => deps.info(),
    loadSampleRuns: async () => {
      if (!deps.sample) throw new ApiError('bad_request', 'sample runs are not available here');
      try {
        return await deps.sample.load();
      } catch (err) {
        throw new ApiError(
          'unavailable',
          `Could not load the sample runs: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
    listRuns: ({ limit, after, filter, sort, offset }) =>
      deps.queries.listRuns(limit, after, filter as RunFilter | undefined, sort, offset),
    runFacets: () => deps.queries.runFacets(),
    listSessions: ({ limit, filter }) => deps.queries.listSessions(limit, filter as RunFilter | undefined),
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
    getRunOutline: ({ traceId }) => {
      const outline = deps.queries.getRunOutline(traceId);
      if (!outline) throw new ApiError('not_found', `no run with trace id ${traceId}`);
      return outline;
    },
    getStep: ({ traceId, spanId }) => {
      const view = deps.queries.getStepView(traceId, spanId);
      if (!view) throw new ApiError('not_found', `no step ${spanId} in run ${traceId}`);
      return view;
    },
    fleetStats: ({ top, ...filter }) => deps.fleet.stats(filter, top),
    getRunTranscript: ({ traceId }) => {
      const transcript = deps.runTranscript.transcript(traceId);
      if (!transcript) throw new ApiError('not_found', `no run with trace id ${traceId}`);
      return transcript;
    },
    searchRun: ({ traceId, query, limit }) => deps.runSearch.search(traceId, query, limit),
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
    getRedaction: () => deps.redaction.view(),
    setRedaction: (config) => {
      try {
        deps.onRedactionChanged?.(deps.redaction.save(config));
      } catch (err) {
        if (err instanceof RedactionConfigError) throw new ApiError('bad_request', err.message);
        throw err;
      }
      return deps.redaction.view();
    },
    testRedaction: ({ text, key, userPatterns }) => {
      if (userPatterns === undefined) return deps.redaction.redactor().test(text, key);
      const config = { enabled: true, userPatterns };
      const problems = redactionConfigProblemsTimed(config);
      if (problems.length > 0) throw new ApiError('bad_request', problems.join('; '));
      return new Redactor(config).test(text, key);
    },
    getStorage: () => deps.storage.info(),
    setRetention: (caps) => ({ retention: deps.storage.setRetention(caps) }),
    deleteRuns: ({ traceIds }) => ({ deleted: deps.storage.deleteRuns(traceIds) }),
    deleteAllData: () => deps.storage.deleteAll(),
    getForwarding: () => {
      if (!deps.forwarding) throw new ApiError('bad_request', 'forwarding is not available here');
      return deps.forwarding.status();
    },
    setForwarding: (config) => {
      if (!deps.forwarding) throw new ApiError('bad_request', 'forwarding is not available here');
      return deps.forwarding.set(config);
    },
  } satisfies ApiHandlers;
}
