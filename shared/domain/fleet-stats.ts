import type { RunSummary } from './run';
import type { RunFilter } from './run-filter';
import type { StepKind } from './step';

/**
 * Which runs fleet statistics cover: the runs page's filter, plus a step name. Model and step name
 * also narrow the per-step tables to those steps.
 */
export interface FleetFilter extends RunFilter {
  stepName?: string;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface StepNameStats extends Percentiles {
  name: string;
  kind: StepKind;
  count: number;
  errors: number;
}

export interface ModelStats extends Percentiles {
  model: string;
  provider: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD over the calls with a known cost. */
  costUsd: number;
  unpricedCalls: number;
}

export interface TimeBucket {
  startMs: number;
  runs: number;
  errors: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

export interface FleetStats {
  filter: FleetFilter;
  runs: number;
  errorRuns: number;
  /** errorRuns / runs; null with no runs. */
  errorRate: number | null;
  /** Run duration percentiles (ms); null with no runs. */
  runLatencyMs: Percentiles | null;
  cost: {
    totalUsd: number;
    /** Cost per run over the runs whose cost is fully known. */
    perRun: Percentiles | null;
    /** Runs with at least one model call that could not be priced (left out of perRun). */
    runsWithUnknownCost: number;
  };
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number; reasoning: number };
  llmCalls: number;
  toolCalls: number;
  /** Latency per step name and per model (ms), busiest first. */
  byStepName: StepNameStats[];
  byModel: ModelStats[];
  mostExpensiveRuns: RunSummary[];
  slowestRuns: RunSummary[];
  bucketMs: number;
  buckets: TimeBucket[];
  /** How many runs (the newest) the per-step and per-model tables cover; less than `runs` on large data. */
  stepRuns: number;
}

/**
 * Nearest-rank percentile of ascending values: the smallest value with at least p% of the values at
 * or below it (so every figure is a value that was actually observed).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function percentiles(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
