import { type FleetStats, percentiles, type TimeBucket } from '../../../shared/domain/fleet-stats';
import type { RunSummary } from '../../../shared/domain/run';
import { nanosToEpochMs } from '../../../shared/format/time';

/** The run-level part of FleetStats: everything but the per-step and per-model tables. */
export type RunStats = Omit<FleetStats, 'filter' | 'byStepName' | 'byModel' | 'stepRuns'>;

/** Bucket sizes, as the engine picks them: the smallest giving at most about 60 buckets. */
const NICE_BUCKETS_MS = [60_000, 300_000, 900_000, 3_600_000, 6 * 3_600_000, 86_400_000, 7 * 86_400_000];
const MAX_BUCKETS = 60;

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

/** Runs per time bucket (by start time), from the first run's bucket to the last one's. */
export function timeBuckets(runs: readonly RunSummary[]): { bucketMs: number; buckets: TimeBucket[] } {
  if (runs.length === 0) return { bucketMs: NICE_BUCKETS_MS[0]!, buckets: [] };
  const starts = runs.map((r) => nanosToEpochMs(r.startNs));
  const min = Math.min(...starts);
  const max = Math.max(...starts);
  const bucketMs =
    NICE_BUCKETS_MS.find((b) => (max - min) / b <= MAX_BUCKETS) ?? NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1]!;
  const first = Math.floor(min / bucketMs) * bucketMs;
  const count = Math.floor((max - first) / bucketMs) + 1;
  const buckets: TimeBucket[] = Array.from({ length: count }, (_, i) => ({
    startMs: first + i * bucketMs,
    runs: 0,
    errors: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  }));
  runs.forEach((r, i) => {
    const b = buckets[Math.floor((starts[i]! - first) / bucketMs)]!;
    b.runs++;
    if (r.status === 'error') b.errors++;
    b.costUsd += r.costUsd ?? 0;
    b.inputTokens += r.inputTokens;
    b.outputTokens += r.outputTokens;
  });
  return { bucketMs, buckets };
}

/** Cost per run for the histogram: runs whose cost is fully known (the same runs as the percentiles). */
export function knownRunCosts(runs: readonly RunSummary[]): number[] {
  return runs.filter((r) => r.costComplete).map((r) => r.costUsd ?? 0);
}
