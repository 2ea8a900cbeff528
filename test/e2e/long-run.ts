/**
 * A long agent run for the run page's navigation spec: one agent over `turns` model calls, each
 * followed by a `search_docs` tool call. Two tool calls fail; one tool result carries a word found
 * nowhere else ("quetzal"), so only the engine's full-text search can find it. Ids derive from `seed`.
 */
import type { DemoRun } from './genai-otlp';

export const RARE_WORD = 'quetzal';
export const RARE_WORD_TURN = 41;
export const FAILING_TURNS = [23, 57] as const;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function longAgentRun(seed: number, turns = 80): DemoRun {
  const traceId = hex(0x10a6000 + seed, 32);
  const id = (n: number) => hex(seed * 10_000 + n, 16);
  const spans: DemoRun['spans'] = [
    {
      spanId: id(0),
      parentSpanId: '',
      name: 'invoke_agent research',
      kind: 1,
      startMs: 0,
      durationMs: turns * 100 + 50,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'research' },
      error: 'search_docs failed twice',
    },
  ];
  for (let t = 1; t <= turns; t++) {
    const start = (t - 1) * 100 + 10;
    spans.push({
      spanId: id(2 * t - 1),
      parentSpanId: id(0),
      name: 'chat gpt-4o-mini',
      kind: 3,
      startMs: start,
      durationMs: 60,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 200 + t,
        'gen_ai.usage.output_tokens': 20,
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `Step ${t}` }] }]),
        'gen_ai.output.messages': JSON.stringify([
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: `call_${t}`, name: 'search_docs', arguments: { topic: `topic ${t}` } }],
          },
        ]),
      },
    });
    const failing = (FAILING_TURNS as readonly number[]).includes(t);
    spans.push({
      spanId: id(2 * t),
      parentSpanId: id(0),
      name: 'execute_tool search_docs',
      kind: 1,
      startMs: start + 65,
      durationMs: 30,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'search_docs',
        'gen_ai.tool.call.id': `call_${t}`,
        'gen_ai.tool.call.arguments': JSON.stringify({ topic: `topic ${t}` }),
        ...(failing
          ? {}
          : {
              'gen_ai.tool.call.result': JSON.stringify({
                doc: t === RARE_WORD_TURN ? `The ${RARE_WORD} nests in cloud forests.` : `Notes on topic ${t}.`,
              }),
            }),
      },
      ...(failing ? { error: 'upstream 503 from the docs index' } : {}),
    });
  }
  return { traceId, name: 'invoke_agent research', spans };
}

/** The span id of turn `t`'s model call or tool call. */
export function longRunSpanId(run: DemoRun, t: number, which: 'llm' | 'tool'): string {
  return run.spans[which === 'llm' ? 2 * t - 1 : 2 * t]!.spanId;
}
