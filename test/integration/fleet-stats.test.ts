/**
 * `loupe stats --json` and the fleetStats API against a fixture whose figures are computed by hand
 * below (nearest-rank percentiles; gpt-4o-mini at the built-in $0.15 / $0.60 per million tokens).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetStats } from '../../shared/domain/fleet-stats';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { type JsonObject, BASE_NS, jsonSpan, jsonStringAttr, jsonTraceRequest } from '../helpers/otlp-wire';
import { LOUPE_BIN } from '../helpers/serve-process';

const MIN_NS = 60_000_000_000n;
const MS_NS = 1_000_000n;
const intAttr = (key: string, v: number): JsonObject => ({ key, value: { intValue: String(v) } });

/** A run: root span (agent), optionally one model call covering half of it. */
function run(i: number, opts: { durationMs: number; model?: string; tokens?: [number, number]; error?: boolean }) {
  const traceId = String(i).padStart(32, '0');
  const start = BASE_NS + BigInt(i) * MIN_NS;
  const spans = [
    jsonSpan({
      traceId,
      spanId: `${i}`.padStart(16, 'a'),
      name: 'support-agent',
      startNs: String(start),
      endNs: String(start + BigInt(opts.durationMs) * MS_NS),
      attributes: [jsonStringAttr('gen_ai.operation.name', 'invoke_agent')],
      ...(opts.error ? { status: { code: 2, message: 'tool failed' } } : {}),
    }),
  ];
  if (opts.model)
    spans.push(
      jsonSpan({
        traceId,
        spanId: `${i}`.padStart(16, 'b'),
        parentSpanId: `${i}`.padStart(16, 'a'),
        name: `chat ${opts.model}`,
        startNs: String(start),
        endNs: String(start + BigInt(opts.durationMs / 2) * MS_NS),
        attributes: [
          jsonStringAttr('gen_ai.operation.name', 'chat'),
          jsonStringAttr('gen_ai.provider.name', 'openai'),
          jsonStringAttr('gen_ai.request.model', opts.model),
          intAttr('gen_ai.usage.input_tokens', opts.tokens![0]),
          intAttr('gen_ai.usage.output_tokens', opts.tokens![1]),
        ],
      }),
    );
  return spans;
}

let e: TestEngine;
beforeAll(async () => {
  e = await startTestEngine();
  const post = async (spans: JsonObject[], service: string) => {
    const res = await fetch(`${e.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(jsonTraceRequest(spans, service)),
    });
    expect(res.status).toBe(200);
  };
  // A: 100 ms, 1,000 in / 100 out → 1000 × 0.15e-6 + 100 × 0.6e-6 = $0.00021
  await post(run(1, { durationMs: 100, model: 'gpt-4o-mini', tokens: [1000, 100] }), 'shop');
  // B: 200 ms, error, 2,000 in / 200 out → $0.00042
  await post(run(2, { durationMs: 200, model: 'gpt-4o-mini-2024-07-18', tokens: [2000, 200], error: true }), 'shop');
  // C: 300 ms, an unpriced model (cost unknown)
  await post(run(3, { durationMs: 300, model: 'house-model-7b', tokens: [500, 50] }), 'shop');
  // D: 400 ms, no model call ($0, complete), another service
  await post(run(4, { durationMs: 400 }), 'batch');
});
afterAll(() => e.stop());

function statsCli(...args: string[]): FleetStats {
  const r = spawnSync(process.execPath, [LOUPE_BIN, 'stats', '--json', '--data-dir', e.dataDir, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as FleetStats;
}

describe('fleet statistics', () => {
  it('loupe stats --json matches the figures computed by hand', () => {
    const s = statsCli();
    expect(s).toMatchObject({
      runs: 4,
      errorRuns: 1,
      errorRate: 0.25,
      // durations 100, 200, 300, 400: p50 = 2nd value, p95 and p99 = 4th
      runLatencyMs: { p50: 200, p95: 400, p99: 400 },
      // per-run cost over complete runs A, B, D: [0, 0.00021, 0.00042] → p50 0.00021, p95 0.00042
      cost: { totalUsd: 0.00063, perRun: { p50: 0.00021, p95: 0.00042, p99: 0.00042 }, runsWithUnknownCost: 1 },
      tokens: { input: 3500, output: 350, cacheRead: 0 },
      llmCalls: 3,
      toolCalls: 0,
    });
    const byModel = new Map(s.byModel.map((m) => [m.model, m]));
    expect(byModel.get('gpt-4o-mini')).toMatchObject({ calls: 1, p50: 50, costUsd: 0.00021, unpricedCalls: 0 });
    expect(byModel.get('gpt-4o-mini-2024-07-18')).toMatchObject({ calls: 1, p50: 100, costUsd: 0.00042 });
    expect(byModel.get('house-model-7b')).toMatchObject({ calls: 1, unpricedCalls: 1, costUsd: 0 });
    expect(s.byStepName.find((n) => n.name === 'support-agent')).toMatchObject({
      kind: 'agent',
      count: 4,
      errors: 1,
      p50: 200,
      p95: 400,
    });
    expect(s.mostExpensiveRuns.map((r) => r.traceId.slice(-1))).toEqual(['2', '1', '4']);
    expect(s.slowestRuns.map((r) => r.traceId.slice(-1))).toEqual(['4', '3', '2', '1']);
    expect(s.bucketMs).toBe(60_000);
    expect(s.buckets.map((b) => b.runs)).toEqual([1, 1, 1, 1]);
  });

  it('filters by service, model, status, step name and time range', async () => {
    expect(statsCli('--service', 'batch')).toMatchObject({ runs: 1, llmCalls: 0 });
    expect(statsCli('--model', 'house-model-7b')).toMatchObject({ runs: 1, cost: { runsWithUnknownCost: 1 } });
    expect(statsCli('--status', 'error')).toMatchObject({ runs: 1, errorRate: 1 });
    const since = new Date(Number((BASE_NS + 3n * MIN_NS) / MS_NS)).toISOString();
    expect(statsCli('--since', since)).toMatchObject({ runs: 2 });
    const api = await e.api('fleetStats', { stepName: 'chat house-model-7b' });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ runs: 1, byStepName: [{ name: 'chat house-model-7b', count: 1 }] });
  });

  it('rejects a bad filter with a usage error', () => {
    const r = spawnSync(process.execPath, [LOUPE_BIN, 'stats', '--since', 'yesterday-ish'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--since takes a duration');
  });
});
