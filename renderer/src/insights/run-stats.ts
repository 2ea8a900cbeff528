import type { RunSummary } from '../../../shared/domain/run';

export { type RunStats, summarizeRuns } from '../../../shared/domain/run-stats';

/** Cost per run for the histogram: runs whose cost is fully known (the same runs as the percentiles). */
export function knownRunCosts(runs: readonly RunSummary[]): number[] {
  return runs.filter((r) => r.costComplete).map((r) => r.costUsd ?? 0);
}
