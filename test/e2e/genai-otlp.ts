/**
 * GenAI runs as OTLP/JSON (`POST /v1/traces`), written by hand with OTel GenAI semantic-convention
 * attributes: an agent whose model calls use a priced model (gpt-4o-mini), call a tool, and end with
 * a call to a model no price table knows. Ids derive from `seed`, so each call yields new runs.
 */

type AttrValue = string | number | boolean;

interface DemoSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startMs: number;
  durationMs: number;
  attributes: Record<string, AttrValue>;
  error?: string;
}

export interface DemoRun {
  traceId: string;
  name: string;
  spans: DemoSpan[];
}

export const UNKNOWN_MODEL = 'acme-reasoner-7b';

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

const SYSTEM =
  'You are a support agent for an online store. Answer briefly, cite the order id, and call a tool whenever you need data.';

function chatAttrs(opts: {
  model: string;
  provider: string;
  input: number;
  output: number;
  cacheRead?: number;
  messages: unknown[];
  outputMessages: unknown[];
}): Record<string, AttrValue> {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': opts.provider,
    'gen_ai.request.model': opts.model,
    'gen_ai.response.model': opts.model,
    'gen_ai.request.temperature': 0.2,
    'gen_ai.request.max_tokens': 512,
    'gen_ai.usage.input_tokens': opts.input,
    'gen_ai.usage.output_tokens': opts.output,
    ...(opts.cacheRead !== undefined ? { 'gen_ai.usage.cache_read.input_tokens': opts.cacheRead } : {}),
    'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: SYSTEM }]),
    'gen_ai.input.messages': JSON.stringify(opts.messages),
    'gen_ai.output.messages': JSON.stringify(opts.outputMessages),
    'gen_ai.response.finish_reasons': JSON.stringify(['stop']),
  };
}

/** An agent run: two gpt-4o-mini calls around a tool call, then a call to an unpriced model. */
export function supportAgentRun(seed: number): DemoRun {
  const traceId = hex(0xabc000 + seed, 32);
  const id = (n: number) => hex(seed * 100 + n, 16);
  const question = {
    role: 'user',
    parts: [{ type: 'text', content: 'Where is my order #A-1042? It was due Monday.' }],
  };
  const toolCall = {
    type: 'tool_call',
    id: 'call_1',
    name: 'get_order',
    arguments: { order_id: 'A-1042', include: ['shipping', 'items'] },
  };
  const toolResult = { status: 'in_transit', carrier: 'DHL', eta: '2026-11-05', items: 2 };
  return {
    traceId,
    name: 'invoke_agent support',
    spans: [
      {
        spanId: id(1),
        parentSpanId: '',
        name: 'invoke_agent support',
        kind: 1,
        startMs: 0,
        durationMs: 4200,
        attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support' },
      },
      {
        spanId: id(2),
        parentSpanId: id(1),
        name: 'chat gpt-4o-mini',
        kind: 3,
        startMs: 40,
        durationMs: 1150,
        attributes: chatAttrs({
          model: 'gpt-4o-mini',
          provider: 'openai',
          input: 1240,
          output: 38,
          cacheRead: 1024,
          messages: [question],
          outputMessages: [{ role: 'assistant', parts: [toolCall], finish_reason: 'tool_call' }],
        }),
      },
      {
        spanId: id(3),
        parentSpanId: id(1),
        name: 'execute_tool get_order',
        kind: 1,
        startMs: 1210,
        durationMs: 380,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'get_order',
          'gen_ai.tool.call.id': 'call_1',
          'gen_ai.tool.call.arguments': JSON.stringify(toolCall.arguments),
          'gen_ai.tool.call.result': JSON.stringify(toolResult),
        },
      },
      {
        spanId: id(4),
        parentSpanId: id(1),
        name: 'chat gpt-4o-mini',
        kind: 3,
        startMs: 1620,
        durationMs: 1480,
        attributes: chatAttrs({
          model: 'gpt-4o-mini',
          provider: 'openai',
          input: 1420,
          output: 96,
          cacheRead: 1152,
          messages: [
            question,
            { role: 'assistant', parts: [toolCall] },
            { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: toolResult }] },
          ],
          outputMessages: [
            {
              role: 'assistant',
              parts: [
                {
                  type: 'text',
                  content:
                    'Your order A-1042 is on its way with DHL and should arrive on November 5. Sorry for the delay!',
                },
              ],
              finish_reason: 'stop',
            },
          ],
        }),
      },
      {
        spanId: id(5),
        parentSpanId: id(1),
        name: `chat ${UNKNOWN_MODEL}`,
        kind: 3,
        startMs: 3120,
        durationMs: 1010,
        attributes: chatAttrs({
          model: UNKNOWN_MODEL,
          provider: 'acme',
          input: 310,
          output: 42,
          messages: [{ role: 'user', parts: [{ type: 'text', content: 'Rate the tone of this answer from 1 to 5.' }] }],
          outputMessages: [
            {
              role: 'assistant',
              parts: [
                { type: 'reasoning', content: 'Polite, apologetic, gives a date. Slightly terse.' },
                { type: 'text', content: '4' },
              ],
              finish_reason: 'stop',
            },
          ],
        }),
      },
    ],
  };
}

/** A short run that fails: one priced model call, a tool error, and a model call recorded without its content. */
export function failingRun(seed: number): DemoRun {
  const traceId = hex(0xdef000 + seed, 32);
  const id = (n: number) => hex(seed * 100 + 50 + n, 16);
  return {
    traceId,
    name: 'invoke_agent refunds',
    spans: [
      {
        spanId: id(1),
        parentSpanId: '',
        name: 'invoke_agent refunds',
        kind: 1,
        startMs: 0,
        durationMs: 1900,
        attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'refunds' },
        error: 'refund_payment: card processor timed out',
      },
      {
        spanId: id(2),
        parentSpanId: id(1),
        name: 'chat gpt-4o-mini',
        kind: 3,
        startMs: 20,
        durationMs: 900,
        attributes: chatAttrs({
          model: 'gpt-4o-mini',
          provider: 'openai',
          input: 820,
          output: 31,
          messages: [{ role: 'user', parts: [{ type: 'text', content: 'Refund order A-1042 please.' }] }],
          outputMessages: [
            {
              role: 'assistant',
              parts: [{ type: 'tool_call', id: 'call_9', name: 'refund_payment', arguments: { order_id: 'A-1042' } }],
            },
          ],
        }),
      },
      {
        spanId: id(3),
        parentSpanId: id(1),
        name: 'execute_tool refund_payment',
        kind: 1,
        startMs: 940,
        durationMs: 950,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'refund_payment',
          'gen_ai.tool.call.arguments': JSON.stringify({ order_id: 'A-1042' }),
        },
        error: 'card processor timed out',
      },
      {
        spanId: id(4),
        parentSpanId: id(1),
        name: 'chat gpt-4o-mini',
        kind: 3,
        startMs: 1000,
        durationMs: 600,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 410,
          'gen_ai.usage.output_tokens': 12,
        },
      },
    ],
  };
}

function attr(key: string, value: AttrValue) {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  return Number.isInteger(value) ? { key, value: { intValue: String(value) } } : { key, value: { doubleValue: value } };
}

/** The runs as one OTLP/JSON ExportTraceServiceRequest, starting at `startMs` (epoch ms). */
export function otlpJson(runs: readonly DemoRun[], startMs: number, service = 'support-agent'): string {
  const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  const spans = runs.flatMap((run, i) =>
    run.spans.map((s) => ({
      traceId: run.traceId,
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      kind: s.kind,
      startTimeUnixNano: ns(startMs + i * 10_000 + s.startMs),
      endTimeUnixNano: ns(startMs + i * 10_000 + s.startMs + s.durationMs),
      attributes: Object.entries(s.attributes).map(([k, v]) => attr(k, v)),
      status: s.error !== undefined ? { code: 2, message: s.error } : { code: 1 },
      // A failed step carries the exception event SDKs record (type, message, stack).
      events:
        s.error === undefined
          ? []
          : [
              {
                timeUnixNano: ns(startMs + i * 10_000 + s.startMs + s.durationMs),
                name: 'exception',
                attributes: [
                  attr('exception.type', 'TimeoutError'),
                  attr('exception.message', s.error),
                  attr(
                    'exception.stacktrace',
                    `TimeoutError: ${s.error}\n    at refund (payments.py:42)\n    at run (agent.py:7)`,
                  ),
                ],
              },
            ],
    })),
  );
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attr('service.name', service)] },
        scopeSpans: [{ scope: { name: 'demo.genai', version: '1.0.0' }, spans }],
      },
    ],
  });
}

/** Sends the runs to a Loupe OTLP/HTTP endpoint and fails loudly when they are not accepted. */
export async function sendRuns(otlpHttpUrl: string, runs: readonly DemoRun[], startMs = Date.now() - 60_000) {
  const response = await fetch(`${otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: otlpJson(runs, startMs),
  });
  if (!response.ok) throw new Error(`OTLP export answered ${response.status}: ${await response.text()}`);
}
