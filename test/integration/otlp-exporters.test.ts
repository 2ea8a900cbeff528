import { execFileSync } from 'node:child_process';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../shared/domain/run';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { START_NS, type SentTrace, sendSdkTrace } from '../helpers/sdk-traces';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t.stop();
});

const exporters: Array<{ name: string; make: (t: TestEngine) => SpanExporter }> = [
  { name: 'http/json', make: (t) => new HttpJsonExporter({ url: `${t.otlpHttpUrl}/v1/traces` }) },
  {
    name: 'http/json gzip',
    make: (t) => new HttpJsonExporter({ url: `${t.otlpHttpUrl}/v1/traces`, compression: CompressionAlgorithm.GZIP }),
  },
  { name: 'http/protobuf', make: (t) => new ProtoExporter({ url: `${t.otlpHttpUrl}/v1/traces` }) },
  {
    name: 'http/protobuf gzip',
    make: (t) => new ProtoExporter({ url: `${t.otlpHttpUrl}/v1/traces`, compression: CompressionAlgorithm.GZIP }),
  },
  { name: 'grpc', make: (t) => new GrpcExporter({ url: t.otlpGrpcUrl }) },
  { name: 'grpc gzip', make: (t) => new GrpcExporter({ url: t.otlpGrpcUrl, compression: CompressionAlgorithm.GZIP }) },
];

async function getRun(traceId: string): Promise<RunDetail> {
  const { status, body } = await t.api('getRun', { traceId });
  expect(status).toBe(200);
  return body as RunDetail;
}

function expectFieldsIntact(detail: RunDetail, sent: SentTrace): void {
  const { run, spans } = detail;
  expect(run).toMatchObject({
    traceId: sent.traceId,
    name: 'agent.run',
    service: sent.service,
    startNs: START_NS,
    endNs: '1731622402000000005',
    durationMs: 1876.543216,
    status: 'error',
    spanCount: 2,
    errorCount: 1,
    origin: 'live',
    hasRoot: true,
  });
  expect(run.startTime).toBe('2024-11-14T22:13:20.123Z');
  const root = spans.find((s) => s.spanId === sent.rootSpanId)!;
  const child = spans.find((s) => s.spanId === sent.childSpanId)!;
  expect(root).toMatchObject({
    parentSpanId: '',
    name: 'agent.run',
    kind: 2,
    startNs: START_NS,
    endNs: '1731622402000000005',
    statusCode: 1,
    flags: expect.any(Number) as number,
  });
  expect(root.attributes).toEqual({
    'test.string': 'héllo <b>wörld</b> — 你好',
    'test.empty_string': '',
    'test.bool_true': true,
    'test.bool_false': false,
    'test.int': 42,
    'test.negative_int': -7,
    'test.zero': 0,
    'test.double': 3.14159,
    'test.negative_double': -0.5,
    'test.string_array': ['a', 'b', ''],
    'test.bool_array': [true, false],
    'test.int_array': [1, 2, 3],
    'test.double_array': [1.5, 2.25],
  });
  expect(root.events).toEqual([
    {
      timeNs: '1731622400123457789',
      name: 'user.message',
      attributes: { 'message.role': 'user', 'message.length': 12 },
      droppedAttributesCount: 0,
    },
  ]);
  expect(detail.resources[root.resourceIndex]!.attributes).toMatchObject({
    'service.name': sent.service,
    'deployment.environment': 'test',
    'host.cores': 2,
  });
  expect(detail.scopes[root.scopeIndex]).toMatchObject({
    name: 'loupe-test-scope',
    version: '1.2.3',
    schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
  });
  expect(child).toMatchObject({
    parentSpanId: sent.rootSpanId,
    name: 'llm.call',
    kind: 3,
    startNs: '1731622400123458789',
    endNs: '1731622401000000000',
    statusCode: 2,
    statusMessage: 'rate limited',
    attributes: { 'gen_ai.request.model': 'gpt-4o-mini' },
  });
  expect(child.links).toHaveLength(1);
  expect(child.links[0]).toMatchObject({
    traceId: sent.linkedTraceId,
    spanId: sent.linkedSpanId,
    attributes: { 'link.reason': 'retry-of' },
  });
}

describe('real OpenTelemetry JS exporters', () => {
  for (const { name, make } of exporters) {
    it(`${name}: every field arrives intact and the run is listed`, async () => {
      const sent = await sendSdkTrace(make(t), `svc-${name}`);
      expectFieldsIntact(await getRun(sent.traceId), sent);
      const list = (await t.api('listRuns', { limit: 50 })).body as RunSummary[];
      expect(list.map((r) => r.traceId)).toContain(sent.traceId);
    });
  }

  it('the loupe CLI reads the same runs from the data dir', () => {
    const out = execFileSync(
      process.execPath,
      ['bin/loupe.mjs', 'runs', '--json', '--data-dir', t.dataDir, '--limit', '100'],
      {
        encoding: 'utf8',
      },
    );
    const runs = JSON.parse(out) as RunSummary[];
    expect(new Set(runs.map((r) => r.service))).toEqual(new Set(exporters.map((e) => `svc-${e.name}`)));
    for (const r of runs)
      expect(r).toMatchObject({ name: 'agent.run', spanCount: 2, status: 'error', startNs: START_NS });
  });
});

describe('OTLP logs', () => {
  it('log records arrive before their span and are joined to it by trace/span id', async () => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'svc-logs' }),
      processors: [new SimpleLogRecordProcessor(new OTLPLogExporter({ url: `${t.otlpHttpUrl}/v1/logs` }))],
    });
    const traceId = 'a1'.repeat(16);
    const spanId = 'b2'.repeat(8);
    const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: 1 });
    provider.getLogger('genai-events').emit({
      eventName: 'gen_ai.user.message',
      body: { content: 'What is the weather in Paris?' },
      attributes: { 'gen_ai.system': 'openai' },
      severityNumber: SeverityNumber.INFO,
      context: ctx,
    });
    await provider.forceFlush();
    await provider.shutdown();
    // The span arrives afterwards, as JSON.
    const res = await fetch(`${t.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc-logs' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId,
                    name: 'chat gpt-4o',
                    kind: 3,
                    startTimeUnixNano: '1731622400000000000',
                    endTimeUnixNano: '1731622401000000000',
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const detail = await getRun(traceId);
    expect(detail.run.name).toBe('chat gpt-4o');
    expect(detail.logs).toHaveLength(1);
    expect(detail.logs[0]).toMatchObject({
      traceId,
      spanId,
      eventName: 'gen_ai.user.message',
      severityNumber: SeverityNumber.INFO,
      body: { $kv: { content: 'What is the weather in Paris?' } },
      attributes: { 'gen_ai.system': 'openai' },
    });
  });
});
