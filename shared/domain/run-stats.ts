import { type FleetStats, percentiles } from './fleet-stats';
import type { RunSummary } from './run';
import { timeBuckets } from './time-buckets';

/** The run-level part of FleetStats: everything but the per-step and per-model tables. */
export type RunStats = Omit<FleetStats, 'filter' | 'byStepName' | 'byModel' | 'stepRuns'>;

/**
 * The run-level fleet statistics of a list of runs: fleetStats computes them over the runs a filter
 * matches, and the Insights page over runs it already has.
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
    cost: {
      totalUsd: Math.round(totalUsd * 1e8) / 1e8,
      perRun: percentiles(completeCosts),
      runsWithUnknownCost: runs.length - completeCosts.length,
    },
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
