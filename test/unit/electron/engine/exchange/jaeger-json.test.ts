import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeJaegerTrace, isJaegerJson, jaegerTraces } from '../../../../../electron/engine/exchange/jaeger-json';
import { parseJsonKeepingBigInts } from '../../../../../electron/engine/otlp/json-big-integers';
import type { DecodedSpan } from '../../../../../electron/engine/otlp/model';

// Hand-written in the Jaeger UI download / query API shape: see test/fixtures/exchange/README.md.
const FIXTURE = new URL('../../../../fixtures/exchange/jaeger-trace.json', import.meta.url);
const root = parseJsonKeepingBigInts(readFileSync(FIXTURE, 'utf8'));
const TRACE = '00000000000000004bf92f3577b34da6';

function decoded() {
  const traces = jaegerTraces(root);
  expect(traces).toHaveLength(1);
  const d = decodeJaegerTrace(traces[0]);
  const spans = new Map<string, { span: DecodedSpan; service: unknown; scope: string }>();
  for (const g of d.groups)
    for (const s of g.items)
      spans.set(s.name, {
        span: s,
        service: g.resource.attributes['service.name'],
        scope: `${g.scope.name}@${g.scope.version}`,
      });
  return { d, spans };
}

describe('Jaeger JSON', () => {
  it('is recognized as {data: [traces]}, a bare trace or an array of traces', () => {
    expect(isJaegerJson(root)).toBe(true);
    const trace = jaegerTraces(root)[0];
    expect(isJaegerJson(trace)).toBe(true);
    expect(isJaegerJson([trace])).toBe(true);
    expect(isJaegerJson({ resourceSpans: [] })).toBe(false);
    expect(isJaegerJson({ data: [{ foo: 1 }] })).toBe(false);
  });

  it('pads ids Jaeger writes without leading zeros, and turns µs into exact ns', () => {
    const { spans } = decoded();
    const root = spans.get('POST /agent/run')!.span;
    expect(root).toMatchObject({
      traceId: TRACE,
      spanId: 'a3ce929d0e0e4736',
      parentSpanId: '',
      startNs: 1731622400123456000n,
      endNs: 1731622402623456000n,
      flags: 1,
    });
    expect(spans.get('execute_tool lookup_order')!.span.spanId).toBe('051f3a2b4c5d6e7f');
  });

  it('maps span.kind, otel.status_code, error + otel.status_description, w3c.tracestate and consumes those tags', () => {
    const { spans } = decoded();
    const root = spans.get('POST /agent/run')!.span;
    expect(root).toMatchObject({ kind: 2, statusCode: 1, statusMessage: '', traceState: 'vendor=abc' });
    expect(root.attributes).toEqual({ 'http.method': 'POST', 'http.status_code': 200 });
    const chat = spans.get('chat gpt-4o-mini')!.span;
    expect(chat).toMatchObject({ kind: 3, statusCode: 2, statusMessage: 'rate limited, retried' });
    expect(chat.attributes).not.toHaveProperty('error');
    expect(chat.attributes).not.toHaveProperty('span.kind');
    expect(spans.get('execute_tool lookup_order')!.span.kind).toBe(1);
  });

  it('a span.kind it does not know, even one named like an Object.prototype member, is unspecified (0)', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'sideways']) {
      const trace = structuredClone(jaegerTraces(root)[0]) as {
        spans: Array<{ tags: Array<{ key: string; value: unknown }> }>;
      };
      for (const span of trace.spans) for (const tag of span.tags) if (tag.key === 'span.kind') tag.value = name;
      for (const g of decodeJaegerTrace(trace).groups) for (const s of g.items) expect(s.kind, name).toBe(0);
    }
  });

  it('keeps tag types: string, bool, int64 (exact above 2^53), float64, binary', () => {
    const { spans } = decoded();
    expect(spans.get('chat gpt-4o-mini')!.span.attributes).toMatchObject({
      'gen_ai.request.temperature': 0.2,
      'gen_ai.usage.input_tokens': 812,
    });
    expect(spans.get('execute_tool lookup_order')!.span.attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'tool.cached': false,
      'tool.payload': { $bytes: 'AAEC/w==' },
      'order.id.big': { $int: '9007199254740993' },
    });
  });

  it('logs become events named by their event field', () => {
    const { spans } = decoded();
    expect(spans.get('chat gpt-4o-mini')!.span.events).toEqual([
      {
        timeNs: 1731622400223999000n,
        name: 'gen_ai.user.message',
        attributes: { 'gen_ai.prompt': 'Where is my order #1042?' },
        droppedAttributesCount: 0,
      },
    ]);
  });

  it('CHILD_OF in the same trace is the parent; FOLLOWS_FROM and other traces become links', () => {
    const { spans } = decoded();
    const tool = spans.get('execute_tool lookup_order')!.span;
    expect(tool.parentSpanId).toBe('a3ce929d0e0e4736');
    expect(tool.links).toEqual([
      {
        traceId: TRACE,
        spanId: 'e457b5a2e4d86bd1',
        traceState: '',
        attributes: { 'opentracing.ref_type': 'follows_from' },
        droppedAttributesCount: 0,
        flags: 0,
      },
    ]);
    const orders = spans.get('GET /orders/{id}')!.span;
    expect(orders.parentSpanId).toBe('051f3a2b4c5d6e7f');
    expect(orders.links).toEqual([
      expect.objectContaining({
        traceId: '1111222233334444aaaabbbbccccdddd',
        spanId: '1234567890abcdef',
        attributes: { 'opentracing.ref_type': 'child_of' },
      }),
    ]);
  });

  it('a FOLLOWS_FROM-only span hangs under that span (as Jaeger draws it) and keeps the link', () => {
    const d = decodeJaegerTrace({
      traceID: 'ab',
      spans: [
        {
          traceID: 'ab',
          spanID: 'cd',
          operationName: 'async',
          references: [{ refType: 'FOLLOWS_FROM', traceID: 'ab', spanID: 'ef' }],
          startTime: 1,
          duration: 1,
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 's' } },
    });
    expect(d.groups[0]!.items[0]).toMatchObject({
      parentSpanId: '00000000000000ef',
      links: [{ spanId: '00000000000000ef' }],
    });
  });

  it('processes become resources (service.name + tags); otel.scope.* the scope', () => {
    const { spans } = decoded();
    expect(spans.get('POST /agent/run')).toMatchObject({ service: 'support-agent', scope: 'agent-sdk@1.4.0' });
    expect(spans.get('execute_tool lookup_order')).toMatchObject({ scope: 'agent-tools@' });
    expect(spans.get('GET /orders/{id}')).toMatchObject({ service: 'order-service', scope: '@' });
    const { d } = decoded();
    expect(d.groups[0]!.resource.attributes).toEqual({
      'service.name': 'support-agent',
      hostname: 'agent-7f9c',
      'jaeger.version': 'Go-2.30.0',
      'telemetry.sdk.language': 'python',
    });
  });

  it('refuses what is not a trace with a clear message', () => {
    expect(() => decodeJaegerTrace({ spans: 'no' })).toThrow(/not a Jaeger trace/);
    expect(() =>
      decodeJaegerTrace({ traceID: '1', spans: [{ spanID: '2', startTime: 'yesterday' }], processes: {} }),
    ).toThrow(/startTime must be a non-negative integer/);
  });
});
