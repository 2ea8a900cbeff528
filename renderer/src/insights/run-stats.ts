import { type FleetStats, percentiles } from '../../../shared/domain/fleet-stats';
import { timeBuckets } from '../../../shared/domain/time-buckets';
import type { RunSummary } from '../../../shared/domain/run';

/** The run-level part of FleetStats: everything but the per-step and per-model tables. */
export type RunStats = Omit<FleetStats, 'filter' | 'byStepName' | 'byModel' | 'stepRuns'>;

/** Bucket sizes, as the engine picks them: the smallest giving at most about 60 buckets. */

/**
 * Fleet statistics computed from a list of runs, with the engine's definitions (see fleetStats):
 * for filters the engine's statistics cannot apply yet (session, minimum cost or duration, search),
 * the insights page computes them from the matching runs instead.
 */
export function summarizeRuns(runs: readonly RunSummary[], top = 10): RunStats {
  const errorRuns = runs.filter((r) => r.status === 'error').length;
  const completeCosts = runs.filter((r) => r.costComplete).map((r) => r.costUsd ?? 0);
  const tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  let totalUsd = 0;
  let llmCalls = 0;
  let toolCalls = 0;
  for (const r of runs) {
    tokens.input += r.inputTokens;
    tokens.output += r.outputTokens;
    tokens.cacheRead += r.cacheReadTokens;
    tokens.cacheWrite += r.cacheWriteTokens;
    tokens.reasoning += r.reasoningTokens;
    totalUsd += r.costUsd ?? 0;
    llmCalls += r.llmCalls;
    toolCalls += r.toolCalls;
  }
  return {
    runs: runs.length,
    errorRuns,
    errorRate: runs.length === 0 ? null : errorRuns / runs.length,
    runLatencyMs: percentiles(runs.map((r) => r.durationMs)),
    cost: { totalUsd, perRun: percentiles(completeCosts), runsWithUnknownCost: runs.length - completeCosts.length },
    tokens,
    llmCalls,
    toolCalls,
    mostExpensiveRuns: runs
      .filter((r) => r.costUsd !== null)
      .sort((a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0))
      .slice(0, top),
    slowestRuns: [...runs].sort((a, b) => b.durationMs - a.durationMs).slice(0, top),
    ...timeBuckets(runs),
  };
}

/** Cost per run for the histogram: runs whose cost is fully known (the same runs as the percentiles). */
export function knownRunCosts(runs: readonly RunSummary[]): number[] {
  return runs.filter((r) => r.costComplete).map((r) => r.costUsd ?? 0);
}
