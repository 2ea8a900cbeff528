import { isRecord, toNumber } from '../attribute-reader';
import { toMessages } from '../messages/to-message';
import { type ConventionReader, type DetailFields, defined } from './reader';

function pick(o: Record<string, unknown> | null, keys: readonly string[]): number | null {
  if (!o) return null;
  for (const k of keys) {
    const n = toNumber(o[k]);
    if (n !== null) return n;
  }
  return null;
}

/** Milliseconds from the span's start to a time given as ISO text (Langfuse's completion start), or null. */
function msAfterStart(time: string | null, startNs: bigint): number | null {
  if (time === null) return null;
  const at = Date.parse(time);
  if (!Number.isFinite(at)) return null;
  const ms = at - Number(startNs / 1_000_000n);
  return ms >= 0 ? ms : null;
}

/** Langfuse's own OTel keys: `langfuse.observation.*`, `langfuse.trace.*`, session and user aliases. */
export const langfuse: ConventionReader = {
  name: 'langfuse',
  applies: ({ a }) => a.hasPrefix('langfuse.'),
  summary: ({ a, span }) => {
    const usage = a.object('langfuse.observation.usage_details');
    const cacheRead = pick(usage, ['input_cached_tokens', 'cache_read_input_tokens', 'input_cache_read']);
    const cacheWrite = pick(usage, ['input_cache_creation', 'cache_creation_input_tokens', 'input_cache_creation_5m']);
    const input = pick(usage, ['input', 'input_tokens', 'prompt_tokens']);
    const cost = a.object('langfuse.observation.cost_details');
    let reported: number | null = pick(cost, ['total']);
    if (reported === null && cost) {
      const values = Object.values(cost)
        .map(toNumber)
        .filter((n): n is number => n !== null);
      if (values.length > 0) reported = values.reduce((s, n) => s + n, 0);
    }
    return {
      requestModel: a.str('langfuse.observation.model.name'),
      // Langfuse stores input exclusive of the cache; Loupe's input tokens include it.
      inputTokens: input === null ? null : input + (cacheRead ?? 0) + (cacheWrite ?? 0),
      outputTokens: pick(usage, ['output', 'output_tokens', 'completion_tokens']),
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      reasoningTokens: pick(usage, ['output_reasoning_tokens', 'output_reasoning']),
      reportedCostUsd: reported,
      sessionId: a.firstStr('session.id', 'langfuse.session.id'),
      userId: a.firstStr('user.id', 'langfuse.user.id'),
      timeToFirstTokenMs: msAfterStart(a.str('langfuse.observation.completion_start_time'), span.startNs),
    };
  },
  detail: ({ a, kind }) => {
    const out: DetailFields = {};
    const input = a.json('langfuse.observation.input');
    const output = a.json('langfuse.observation.output');
    if (input !== undefined) out.input = input;
    if (output !== undefined) out.output = output;
    if (kind === 'llm') {
      if (Array.isArray(input)) out.inputMessages = toMessages(input, 'user');
      else if (isRecord(input) && Array.isArray(input.messages)) out.inputMessages = toMessages(input.messages, 'user');
      if (output !== undefined && output !== null) out.outputMessages = toMessages(output, 'assistant');
    }
    if (kind === 'tool') {
      if (input !== undefined) out.toolArguments = input;
      if (output !== undefined) out.toolResult = output;
    }
    const params = a.object('langfuse.observation.model.parameters');
    if (params) out.requestParameters = params;
    const name = a.str('langfuse.observation.prompt.name');
    if (name !== null)
      out.promptTemplate = defined({ name, version: a.str('langfuse.observation.prompt.version') ?? undefined });
    return out;
  },
};
