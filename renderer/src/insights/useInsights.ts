import { useCallback, useMemo } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ApiInput } from '../../../shared/api/methods';
import type { ModelStats, StepNameStats } from '../../../shared/domain/fleet-stats';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { useSearchLagRefresh } from '../api/useSearchLagRefresh';
import { useRangeNow } from '../filters/useRangeNow';
import { type ViewFilter, filterToQuery, toRunFilter } from '../routing/view-query';
import { type RunStats, knownRunCosts, summarizeRuns } from './run-stats';

/** The listRuns ceiling: the cost histogram (and client-side statistics) cover at most this many runs. */
export const SAMPLE_LIMIT = 5000;
const TOP = 10;

/** Filters the engine's fleet statistics do not take (yet): with one of them set, run figures are computed here. */
export const CLIENT_SIDE_FIELDS = ['sessionId', 'minCostUsd', 'minDurationMs', 'text'] as const;
type ClientSideField = (typeof CLIENT_SIDE_FIELDS)[number];

export interface InsightsData {
  stats: RunStats;
  byStepName: StepNameStats[];
  byModel: ModelStats[];
  /** Cost of each run whose cost is fully known (newest SAMPLE_LIMIT runs at most). */
  runCosts: number[];
  /** The run list behind the histogram was cut at SAMPLE_LIMIT. */
  sampled: boolean;
  /** Filters that narrow the run figures but not the per-step and per-model latency. */
  notInStepTables: ClientSideField[];
}

export interface Insights {
  state: 'loading' | 'error' | 'ready';
  data: InsightsData | null;
  error: ApiError | null;
  /** The figures shown answer the previous filters; the new ones are on their way. */
  updating: boolean;
  retry: () => void;
}

/**
 * Fleet statistics for the insights page: the engine's fleetStats for what it can filter, plus
 * the matching runs themselves (up to 5,000) for the cost histogram and for filters fleetStats
 * does not take. Refreshed (at most about once a second) as runs arrive or prices change.
 */
export function useInsights(filter: ViewFilter): Insights {
  const now = useRangeNow(filter.range);
  const runFilter = useMemo(() => toRunFilter(filter, now), [filter, now]);
  const clientSide = CLIENT_SIDE_FIELDS.filter((f) => filter[f] !== null);

  const fleetInput = useMemo((): ApiInput<'fleetStats'> => {
    const { fromMs, toMs, service, model, origin, status } = runFilter;
    return { fromMs, toMs, service, model, origin, status, top: TOP };
  }, [runFilter]);
  const runsInput = useMemo(
    (): ApiInput<'listRuns'> => ({
      limit: SAMPLE_LIMIT,
      ...(Object.keys(runFilter).length > 0 ? { filter: runFilter } : {}),
    }),
    [runFilter],
  );

  const filterKey = filterToQuery(filter);
  // What fleetStats is asked: the filter without the fields it does not take (changing those alone does not refetch it).
  const fleetKey = filterToQuery({ ...filter, sessionId: null, minCostUsd: null, minDurationMs: null, text: null });
  const fleet = useApiQuery('fleetStats', fleetInput, { keepPreviousData: true, tag: fleetKey });
  const runs = useApiQuery('listRuns', runsInput, { keepPreviousData: true, tag: filterKey });
  const { refresh: refreshFleet, retry: retryFleet } = fleet;
  const { refresh: refreshRuns, retry: retryRuns } = runs;
  const refreshBoth = useCallback(() => {
    refreshFleet();
    refreshRuns();
  }, [refreshFleet, refreshRuns]);
  useLiveRefresh(useSearchLagRefresh(refreshBoth, filter.text), 'any', {
    prices: true,
    waitMs: 400,
    maxWaitMs: 1500,
  });
  const retry = useCallback(() => {
    retryFleet();
    retryRuns();
  }, [retryFleet, retryRuns]);

  const fleetData = fleet.state.status === 'ready' ? fleet.state.data : null;
  const runsData = runs.state.status === 'ready' ? runs.state.data : null;
  const clientSideKey = clientSide.join(',');
  const data = useMemo((): InsightsData | null => {
    if (fleetData === null || runsData === null) return null;
    const fields = clientSideKey === '' ? [] : (clientSideKey.split(',') as ClientSideField[]);
    return {
      stats: fields.length === 0 ? fleetData : summarizeRuns(runsData, TOP),
      byStepName: fleetData.byStepName,
      byModel: fleetData.byModel,
      runCosts: knownRunCosts(runsData),
      sampled: runsData.length >= SAMPLE_LIMIT,
      notInStepTables: fields,
    };
  }, [fleetData, runsData, clientSideKey]);

  const error =
    fleet.state.status === 'error' ? fleet.state.error : runs.state.status === 'error' ? runs.state.error : null;
  if (error !== null) return { state: 'error', data: null, error, updating: false, retry };
  if (data === null) return { state: 'loading', data: null, error: null, updating: false, retry };
  const refreshError =
    (fleet.state.status === 'ready' ? fleet.state.refreshError : null) ??
    (runs.state.status === 'ready' ? runs.state.refreshError : null);
  const updating =
    (fleet.state.status === 'ready' && fleet.state.tag !== fleetKey) ||
    (runs.state.status === 'ready' && runs.state.tag !== filterKey);
  return { state: 'ready', data, error: refreshError, updating, retry };
}
