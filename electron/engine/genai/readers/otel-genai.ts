import type { Message } from '../../../../shared/domain/step';
import { eventMessages } from '../messages/event-messages';
import { toMessage, toMessages } from '../messages/to-message';
import { normalizeFinishReason } from '../provider';
import { isRecord } from '../attribute-reader';
import { type ConventionReader, type DetailFields, type ReadContext, parametersUnder } from './reader';

/**
 * OpenTelemetry GenAI semantic conventions, every era: `gen_ai.*` span attributes (1.26 → genai
 * repo), the event era (span events and OTLP log records), and the keys OpenLLMetry, Strands and
 * Pydantic AI put in the `gen_ai.` namespace.
 */
export const otelGenAi: ConventionReader = {
  name: 'otel-genai',
  applies: ({ a, span }) =>
    a.hasPrefix('gen_ai.') || span.logs.length > 0 || span.events.some((e) => e.name.startsWith('gen_ai.')),
  summary: ({ a }) => ({
    operation: a.str('gen_ai.operation.name'),
    provider: a.firstStr('gen_ai.provider.name', 'gen_ai.system'),
    requestModel: a.str('gen_ai.request.model'),
    responseModel: a.str('gen_ai.response.model'),
    inputTokens: a.firstNum('gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'),
    outputTokens: a.firstNum('gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    cacheReadTokens: a.firstNum(
      'gen_ai.usage.cache_read.input_tokens',
      'gen_ai.usage.cache_read_input_tokens',
      'gen_ai.usage.details.cache_read_tokens',
    ),
    cacheWriteTokens: a.firstNum(
      'gen_ai.usage.cache_creation.input_tokens',
      'gen_ai.usage.cache_write.input_tokens',
      'gen_ai.usage.cache_creation_input_tokens',
      'gen_ai.usage.cache_write_input_tokens',
      'gen_ai.usage.details.cache_write_tokens',
    ),
    reasoningTokens: a.firstNum(
      'gen_ai.usage.reasoning.output_tokens',
      'gen_ai.usage.reasoning_tokens',
      'gen_ai.usage.details.reasoning_tokens',
      'gen_ai.usage.details.thinking_tokens',
    ),
    reportedCostUsd: a.num('gen_ai.usage.cost'),
    // The Anthropic SDK's own instrumentation writes the stop reason under its namespace; the
    // flattened era (OpenLLMetry) on the first completion.
    finishReason: normalizeFinishReason(
      a.json('gen_ai.response.finish_reasons') ??
        a.str('anthropic.message.stop_reason') ??
        a.str('gen_ai.completion.0.finish_reason'),
    ),
    toolName: a.str('gen_ai.tool.name'),
    toolCallId: a.str('gen_ai.tool.call.id'),
    sessionId: a.str('gen_ai.conversation.id'),
    agentName: a.str('gen_ai.agent.name'),
    timeToFirstTokenMs:
      a.num('gen_ai.response.time_to_first_chunk') !== null
        ? a.num('gen_ai.response.time_to_first_chunk')! * 1000
        : a.num('gen_ai.server.time_to_first_token'),
  }),
  detail: (c) => {
    const { a, span } = c;
    const out: DetailFields = {};
    const events = eventMessages(span, a.json('events'));
    const input: Message[] = [];
    const system = a.json('gen_ai.system_instructions') ?? a.json('gen_ai.agent.system_prompt');
    if (system !== undefined) {
      out.systemInstructions = toMessage({ role: 'system', parts: system }, 'system').parts;
    } else if (events.system.length > 0) out.systemInstructions = events.system;
    const inputAttr = a.json('gen_ai.input.messages');
    if (inputAttr !== undefined) input.push(...toMessages(inputAttr, 'user'));
    else input.push(...events.input, ...flattenedOpenAi(c, 'gen_ai.prompt.', 'user'));
    if (input.length === 0) input.push(...blobMessages(a.json('gen_ai.prompt'), 'user'));
    if (input.length > 0) out.inputMessages = input;
    const outputAttr = a.json('gen_ai.output.messages');
    const output =
      outputAttr !== undefined
        ? toMessages(outputAttr, 'assistant')
        : [...events.output, ...flattenedOpenAi(c, 'gen_ai.completion.', 'assistant')];
    if (output.length === 0) output.push(...blobMessages(a.json('gen_ai.completion'), 'assistant'));
    if (output.length > 0) out.outputMessages = output;
    if (a.has('gen_ai.input.messages_ref') || a.has('gen_ai.output.messages_ref')) out.contentNotCaptured = true;
    const tools = a.json('gen_ai.tool.definitions') ?? a.json('gen_ai.agent.tools');
    if (Array.isArray(tools)) out.toolsOffered = tools;
    else if (a.hasPrefix('llm.request.functions.')) {
      const fns = a.unflattenList('llm.request.functions.');
      if (Array.isArray(fns)) out.toolsOffered = fns;
    }
    if (a.has('gen_ai.tool.call.arguments')) out.toolArguments = a.json('gen_ai.tool.call.arguments');
    if (a.has('gen_ai.tool.call.result')) out.toolResult = a.json('gen_ai.tool.call.result');
    // The Anthropic SDK's own tracing keeps the tool result as content blocks under its namespace.
    else if (a.has('anthropic.tool_result.content'))
      out.toolResult = contentText(a.json('anthropic.tool_result.content'));
    const params = parametersUnder(c, 'gen_ai.request.');
    if (a.has('gen_ai.output.type')) params.output_type = a.json('gen_ai.output.type');
    if (a.has('gen_ai.is_streaming')) params.stream = a.json('gen_ai.is_streaming');
    if (Object.keys(params).length > 0) out.requestParameters = params;
    const promptName = a.str('gen_ai.prompt.name');
    if (promptName !== null) out.promptTemplate = { name: promptName };
    return out;
  },
};

/**
 * OpenLLMetry's legacy flattened messages: `gen_ai.prompt.N.{role,content,tool_calls.M.*}`
 * (non-numeric segments such as `gen_ai.prompt.prompt_filter_results` are not messages).
 */
function flattenedOpenAi(c: ReadContext, prefix: string, role: string): Message[] {
  if (!c.a.hasPrefix(prefix)) return [];
  return c.a.unflattenList(prefix).map((m) => toMessage(m, role));
}

/** LangSmith's whole-run blobs reuse `gen_ai.prompt` / `gen_ai.completion` without an index. */
function blobMessages(v: unknown, role: string): Message[] {
  if (Array.isArray(v)) return toMessages(v.flat(), role);
  if (isRecord(v)) {
    const list = v.messages ?? v.generations ?? v.choices;
    if (Array.isArray(list)) return toMessages(list.flat(2), role);
  }
  return [];
}

/** Content blocks that are all text (`[{type: 'text', text}]`) read as their text. */
function contentText(v: unknown): unknown {
  if (!Array.isArray(v) || v.length === 0) return v;
  const texts = v.map((b) => (isRecord(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : null));
  return texts.every((t) => t !== null) ? texts.join('') : v;
}
