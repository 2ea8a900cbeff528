import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/domain/run';
import { knownRunCosts, summarizeRuns } from '../../../../../renderer/src/insights/run-stats';
import { timeBuckets } from '../../../../../shared/domain/time-buckets';

const T0 = Date.UTC(2026, 10, 3, 12, 0);

function run(i: number, over: Partial<RunSummary> & { startMs?: number } = {}): RunSummary {
  const startMs = over.startMs ?? T0 + i * 1000;
  const ns = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
  const durationMs = over.durationMs ?? 100 * (i + 1);
  return {
    traceId: i.toString(16).padStart(32, '0'),
    name: `run ${String(i)}`,
    service: 'svc',
    startTime: new Date(startMs).toISOString(),
    startNs: ns(startMs),
    endNs: ns(startMs + durationMs),
    durationMs,
    status: 'ok',
    spanCount: 3,
    errorCount: 0,
    origin: 'live',
    hasRoot: true,
    llmCalls: 1,
    toolCalls: 0,
    inputTokens: 100,
    outputTokens: 10,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageUnknownCalls: 0,
    costUsd: 0.01 * (i + 1),
    costComplete: true,
    unpricedCalls: 0,
    sessionId: null,
    userId: null,
    source: null,
    ...over,
  };
}

describe('summarizeRuns', () => {
  it('counts, rates and percentiles as the engine defines them', () => {
    const runs = [
      run(0),
      run(1, { status: 'error', errorCount: 1 }),
      run(2),
      run(3, { costUsd: 0.5, costComplete: false, unpricedCalls: 1 }),
    ];
    const s = summarizeRuns(runs);
    expect(s.runs).toBe(4);
    expect(s.errorRuns).toBe(1);
    expect(s.errorRate).toBe(0.25);
    expect(s.runLatencyMs).toEqual({ p50: 200, p95: 400, p99: 400 });
    expect(s.cost.totalUsd).toBeCloseTo(0.56);
    expect(s.cost.runsWithUnknownCost).toBe(1);
    // Per-run percentiles only over runs whose cost is fully known.
    expect(s.cost.perRun).toEqual({ p50: 0.02, p95: 0.03, p99: 0.03 });
    expect(s.tokens.input).toBe(400);
    expect(s.llmCalls).toBe(4);
  });

  it('ranks the most expensive and the slowest runs', () => {
    const runs = [run(0), run(1, { costUsd: null, costComplete: false }), run(2, { durationMs: 5 }), run(3)];
    const s = summarizeRuns(runs, 2);
    expect(s.mostExpensiveRuns.map((r) => r.name)).toEqual(['run 3', 'run 2']);
    expect(s.slowestRuns.map((r) => r.name)).toEqual(['run 3', 'run 1']);
  });

  it('gives empty figures for no runs', () => {
    const s = summarizeRuns([]);
    expect(s.runs).toBe(0);
    expect(s.errorRate).toBeNull();
    expect(s.runLatencyMs).toBeNull();
    expect(s.cost.perRun).toBeNull();
    expect(s.buckets).toEqual([]);
  });
});

describe('timeBuckets', () => {
  it('uses one-minute buckets for runs within an hour, from the first run’s minute', () => {
    const runs = [
      run(0, { startMs: T0 + 5_000 }),
      run(1, { startMs: T0 + 30_000, status: 'error' }),
      run(2, { startMs: T0 + 3 * 60_000 + 1 }),
    ];
    const { bucketMs, buckets } = timeBuckets(runs);
    expect(bucketMs).toBe(60_000);
    expect(buckets.map((b) => b.startMs)).toEqual([T0, T0 + 60_000, T0 + 120_000, T0 + 180_000]);
    expect(buckets.map((b) => b.runs)).toEqual([2, 0, 0, 1]);
    expect(buckets.map((b) => b.errors)).toEqual([1, 0, 0, 0]);
    expect(buckets[0]!.inputTokens).toBe(200);
  });

  it('picks bigger buckets for longer spans, never more than about 60', () => {
    const runs = [run(0, { startMs: T0 }), run(1, { startMs: T0 + 3 * 86_400_000 })];
    const { bucketMs, buckets } = timeBuckets(runs);
    expect(bucketMs).toBe(6 * 3_600_000);
    expect(buckets.length).toBeLessThanOrEqual(61);
    expect(buckets.reduce((n, b) => n + b.runs, 0)).toBe(2);
  });
});

describe('knownRunCosts', () => {
  it('keeps the runs whose cost is fully known, a run without model calls as $0', () => {
    const runs = [run(0), run(1, { costComplete: false }), run(2, { llmCalls: 0, costUsd: 0 })];
    expect(knownRunCosts(runs)).toEqual([0.01, 0]);
  });
});
