/**
 * A small fleet of GenAI agent runs for the filters, sessions and insights spec: several services,
 * sessions (gen_ai.conversation.id), models, failures and costs, as OTLP/JSON. Built on the span
 * shapes of genai-otlp.ts; ids derive from `seed`.
 */
import { type DemoRun, otlpJson } from './genai-otlp';

export interface AgentRunSpec {
  seed: number;
  name: string;
  model: string;
  provider: string;
  sessionId?: string;
  prompt: string;
  answer: string;
  inputTokens: number;
  outputTokens: number;
  /** Model call latency (ms); the run lasts a little longer. */
  llmMs: number;
  /** A tool call between two model calls (with its latency), failing when `error` is set. */
  tool?: { name: string; ms: number; error?: string };
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function text(role: string, content: string) {
  return { role, parts: [{ type: 'text', content }] };
}

/** One agent run: an agent span over a model call (and optionally a tool call and a second model call). */
export function agentRun(spec: AgentRunSpec): DemoRun {
  const traceId = hex(0xf1ee7000 + spec.seed, 32);
  const id = (n: number) => hex(spec.seed * 100 + n, 16);
  const session: Record<string, string> =
    spec.sessionId === undefined ? {} : { 'gen_ai.conversation.id': spec.sessionId };
  const chat = (n: number, start: number, input: number, output: number, messages: unknown[], out: unknown[]) => ({
    spanId: id(n),
    parentSpanId: id(1),
    name: `chat ${spec.model}`,
    kind: 3,
    startMs: start,
    durationMs: spec.llmMs,
    attributes: {
      ...session,
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': spec.provider,
      'gen_ai.request.model': spec.model,
      'gen_ai.response.model': spec.model,
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
      'gen_ai.input.messages': JSON.stringify(messages),
      'gen_ai.output.messages': JSON.stringify(out),
    },
  });
  const spans: DemoRun['spans'] = [];
  const toolMs = spec.tool?.ms ?? 0;
  const total = spec.tool ? 2 * spec.llmMs + toolMs + 60 : spec.llmMs + 40;
  spans.push({
    spanId: id(1),
    parentSpanId: '',
    name: spec.name,
    kind: 1,
    startMs: 0,
    durationMs: total,
    attributes: { ...session, 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': spec.name },
    ...(spec.tool?.error !== undefined ? { error: spec.tool.error } : {}),
  });
  const question = text('user', spec.prompt);
  if (spec.tool) {
    const call = { type: 'tool_call', id: `call_${String(spec.seed)}`, name: spec.tool.name, arguments: { q: 1 } };
    spans.push(chat(2, 20, Math.round(spec.inputTokens / 2), 20, [question], [{ role: 'assistant', parts: [call] }]));
    spans.push({
      spanId: id(3),
      parentSpanId: id(1),
      name: `execute_tool ${spec.tool.name}`,
      kind: 1,
      startMs: 30 + spec.llmMs,
      durationMs: toolMs,
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': spec.tool.name },
      ...(spec.tool.error !== undefined ? { error: spec.tool.error } : {}),
    });
    spans.push(
      chat(
        4,
        50 + spec.llmMs + toolMs,
        spec.inputTokens - Math.round(spec.inputTokens / 2),
        spec.outputTokens - 20,
        [question],
        [text('assistant', spec.answer)],
      ),
    );
  } else {
    spans.push(chat(2, 20, spec.inputTokens, spec.outputTokens, [question], [text('assistant', spec.answer)]));
  }
  return { traceId, name: spec.name, spans };
}

/** Sends runs for one service (runs start 10 s apart from `startMs`); fails loudly when not accepted. */
export async function sendServiceRuns(otlpHttpUrl: string, service: string, runs: readonly DemoRun[], startMs: number) {
  const response = await fetch(`${otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: otlpJson(runs, startMs, service),
  });
  if (!response.ok) throw new Error(`OTLP export answered ${response.status}: ${await response.text()}`);
}

/** The word only one run's prompt contains (the search test looks for it). */
export const RARE_WORD = 'zanzibar';

/** Two services, two sessions, two failures, three models; one run is clearly the most expensive. */
export function fleet() {
  const support = [
    agentRun({
      seed: 1,
      name: 'support order-status',
      model: 'gpt-4o-mini',
      provider: 'openai',
      sessionId: 'sess-alpha',
      prompt: 'Where is my order A-1042? It was due Monday.',
      answer: 'It ships tomorrow with DHL.',
      inputTokens: 1200,
      outputTokens: 80,
      llmMs: 900,
      tool: { name: 'get_order', ms: 300 },
    }),
    agentRun({
      seed: 2,
      name: 'support address-change',
      model: 'gpt-4o',
      provider: 'openai',
      sessionId: 'sess-alpha',
      prompt: `Can you ship the parcel to my office in ${RARE_WORD[0]!.toUpperCase()}${RARE_WORD.slice(1)} instead?`,
      answer: 'Done: the delivery address is updated.',
      inputTokens: 2400,
      outputTokens: 160,
      llmMs: 1600,
      tool: { name: 'update_address', ms: 420 },
    }),
    agentRun({
      seed: 3,
      name: 'support refund',
      model: 'gpt-4o-mini',
      provider: 'openai',
      sessionId: 'sess-alpha',
      prompt: 'Refund the order please, it arrived broken.',
      answer: 'I could not process the refund.',
      inputTokens: 900,
      outputTokens: 40,
      llmMs: 600,
      tool: { name: 'refund_payment', ms: 950, error: 'card processor timed out' },
    }),
  ];
  const billing = [
    agentRun({
      seed: 4,
      name: 'billing invoice-lookup',
      model: 'claude-3-5-haiku',
      provider: 'anthropic',
      sessionId: 'sess-beta',
      prompt: 'Find invoice INV-7 for the March subscription.',
      answer: 'Invoice INV-7: $49, paid on March 3.',
      inputTokens: 1500,
      outputTokens: 120,
      llmMs: 1100,
    }),
    agentRun({
      seed: 5,
      name: 'billing annual-report',
      model: 'gpt-4o',
      provider: 'openai',
      sessionId: 'sess-beta',
      prompt: 'Summarize every invoice of the last year with totals per month.',
      answer: 'Here is the yearly summary, month by month.',
      inputTokens: 24_000,
      outputTokens: 2200,
      llmMs: 2600,
      tool: { name: 'list_invoices', ms: 700 },
    }),
    agentRun({
      seed: 6,
      name: 'billing dispute',
      model: 'claude-3-5-haiku',
      provider: 'anthropic',
      prompt: 'I want to dispute a charge on my card.',
      answer: 'The dispute could not be filed.',
      inputTokens: 700,
      outputTokens: 30,
      llmMs: 500,
      tool: { name: 'file_dispute', ms: 200, error: 'dispute service unavailable' },
    }),
  ];
  return { support, billing, all: [...support, ...billing] };
}

/** Background runs of a third service, spread over the last hours, so the charts have some shape. */
export function backgroundRuns(count: number): DemoRun[] {
  const models = [
    { model: 'gpt-4o-mini', provider: 'openai' },
    { model: 'claude-3-5-haiku', provider: 'anthropic' },
    { model: 'gpt-4.1-mini', provider: 'openai' },
  ];
  return Array.from({ length: count }, (_, i) => {
    const m = models[i % models.length]!;
    // Deterministic spread: latencies and sizes vary with i.
    const wobble = ((i * 37) % 11) / 10;
    return agentRun({
      seed: 100 + i,
      name: i % 4 === 0 ? 'research deep-dive' : 'research quick-answer',
      model: m.model,
      provider: m.provider,
      sessionId: `sess-research-${String(Math.floor(i / 4))}`,
      prompt: `Background question number ${String(i)} about the catalogue.`,
      answer: 'A short answer.',
      inputTokens: 400 + Math.round(wobble * 3000) + (i % 4 === 0 ? 6000 : 0),
      outputTokens: 60 + Math.round(wobble * 300),
      llmMs: 300 + Math.round(wobble * 1500),
      ...(i % 3 === 0 ? { tool: { name: 'search_catalogue', ms: 150 + Math.round(wobble * 400) } } : {}),
    });
  });
}
