import { type Attributes, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';

/** Attribute values of every type the JS SDK can send. */
export const ALL_TYPES_ATTRIBUTES: Attributes = {
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
};

/** A fixed start so exact nanoseconds can be asserted: 2024-11-14T22:13:20.123456789Z. */
export const START: [number, number] = [1_731_622_400, 123_456_789];
export const START_NS = '1731622400123456789';

export interface SentTrace {
  traceId: string;
  rootSpanId: string;
  childSpanId: string;
  linkedTraceId: string;
  linkedSpanId: string;
  service: string;
}

/**
 * Produces a small trace through the real SDK and the given exporter: a root span with attributes
 * of every type, an event, a child CLIENT span with an error status and a link, exact ns times.
 */
export async function sendSdkTrace(exporter: SpanExporter, service: string): Promise<SentTrace> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'test', 'host.cores': 2 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('loupe-test-scope', '1.2.3', {
    schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
  });
  const linkedTraceId = randomBytes(16).toString('hex');
  const linkedSpanId = randomBytes(8).toString('hex');
  const root = tracer.startSpan('agent.run', {
    kind: SpanKind.SERVER,
    startTime: START,
    attributes: ALL_TYPES_ATTRIBUTES,
  });
  root.addEvent('user.message', { 'message.role': 'user', 'message.length': 12 }, [START[0], START[1] + 1000]);
  const child = tracer.startSpan(
    'llm.call',
    {
      kind: SpanKind.CLIENT,
      startTime: [START[0], START[1] + 2000],
      attributes: { 'gen_ai.request.model': 'gpt-4o-mini' },
      links: [
        {
          context: { traceId: linkedTraceId, spanId: linkedSpanId, traceFlags: 1 },
          attributes: { 'link.reason': 'retry-of' },
        },
      ],
    },
    trace.setSpan(context.active(), root),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
  child.end([START[0] + 1, 0]);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end([START[0] + 2, 5]);
  await provider.forceFlush();
  await provider.shutdown();
  return {
    traceId: root.spanContext().traceId,
    rootSpanId: root.spanContext().spanId,
    childSpanId: child.spanContext().spanId,
    linkedTraceId,
    linkedSpanId,
    service,
  };
}
