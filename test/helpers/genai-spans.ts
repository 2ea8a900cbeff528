import { type HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

const resource: Resource = resourceFromAttributes({
  'service.name': 'support-agent',
  'service.version': '1.4.2',
  'telemetry.sdk.language': 'nodejs',
  'deployment.environment': 'dev',
});
const scope = { name: '@opentelemetry/instrumentation-genai', version: '0.9.0' };

const SYSTEM_PROMPT =
  'You are a support agent for an online store. Answer briefly, cite the order id, and call a tool whenever you need data. ' +
  'Never reveal internal notes. '.repeat(4);

function hex(n: bigint, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function hr(ns: bigint): HrTime {
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

/**
 * Realistic GenAI spans (an agent root, model calls with messages and usage, tool calls) with ids
 * derived from `seed`, so every call yields distinct spans. 8 spans per run. Runs differ in
 * duration and token usage (hence cost), as real runs do.
 */
export function makeGenAiSpans(
  count: number,
  seed: number,
  baseNs: bigint = 1_731_622_400_000_000_000n,
): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  let i = 0;
  let run = 0;
  while (spans.length < count) {
    const traceId = hex(BigInt(seed) * 1_000_000_007n + BigInt(run) + 1n, 32);
    const rootId = hex(BigInt(seed) * 100_000_000n + BigInt(i) + 1n, 16);
    const start = baseNs + BigInt(seed) * 1_000_000_000n + BigInt(run) * 10_000_000n;
    const mk = (
      name: string,
      kind: SpanKind,
      parent: string | null,
      offsetMs: number,
      durMs: number,
      attributes: ReadableSpan['attributes'],
    ): ReadableSpan => {
      i++;
      const spanId = parent === null ? rootId : hex(BigInt(seed) * 100_000_000n + BigInt(i) + 1n, 16);
      const s = start + BigInt(offsetMs) * 1_000_000n;
      const e = s + BigInt(durMs) * 1_000_000n;
      return {
        name,
        kind,
        spanContext: () => ({ traceId, spanId, traceFlags: 1 }),
        ...(parent !== null ? { parentSpanContext: { traceId, spanId: parent, traceFlags: 1 } } : {}),
        startTime: hr(s),
        endTime: hr(e),
        duration: hr(e - s),
        status: { code: SpanStatusCode.OK },
        attributes,
        links: [],
        events: [],
        ended: true,
        resource,
        instrumentationScope: scope,
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
      };
    };
    spans.push(
      mk('invoke_agent support', SpanKind.INTERNAL, null, 0, 4000 + ((run * 7919) % 997) * 3, {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support',
      }),
    );
    for (let turn = 0; turn < 4 && spans.length < count; turn++) {
      spans.push(
        mk('chat gpt-4o-mini', SpanKind.CLIENT, rootId, turn * 900, 700, {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.request.temperature': 0.2,
          'gen_ai.usage.input_tokens': 812 + turn * 40 + ((run * 31) % 101) * 7,
          'gen_ai.usage.output_tokens': 96 + turn + (run % 7) * 5,
          'gen_ai.response.finish_reasons': ['tool_calls'],
          'gen_ai.input.messages': JSON.stringify([
            { role: 'system', parts: [{ type: 'text', content: SYSTEM_PROMPT }] },
            {
              role: 'user',
              parts: [{ type: 'text', content: `Where is my order #${1000 + run}? It was due ${turn + 2} days ago.` }],
            },
          ]),
          'gen_ai.output.messages': JSON.stringify([
            {
              role: 'assistant',
              parts: [
                {
                  type: 'tool_call',
                  id: `call_${run}_${turn}`,
                  name: 'lookup_order',
                  arguments: { order_id: 1000 + run },
                },
              ],
              finish_reason: 'tool_calls',
            },
          ]),
        }),
      );
      if (turn < 3 && spans.length < count) {
        spans.push(
          mk('execute_tool lookup_order', SpanKind.INTERNAL, rootId, turn * 900 + 720, 150, {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': 'lookup_order',
            'gen_ai.tool.call.id': `call_${run}_${turn}`,
            'gen_ai.tool.call.arguments': JSON.stringify({ order_id: 1000 + run }),
            'gen_ai.tool.call.result': JSON.stringify({ status: 'in transit', carrier: 'DHL', eta_days: 2 }),
          }),
        );
      }
    }
    run++;
  }
  return spans.slice(0, count);
}

/** An ExportTraceServiceRequest in protobuf, as the OTel JS proto exporter would send it. */
export function serializeSpans(spans: ReadableSpan[]): Uint8Array<ArrayBuffer> {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serialization failed');
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}
