import type { Message } from '../../../../shared/domain/step';
import { isRecord, structured } from '../attribute-reader';
import { parseArguments, toMessage, toMessages } from '../messages/to-message';
import { normalizeFinishReason } from '../provider';
import { type ConventionReader, type DetailFields, type ReadContext, defined, withoutKeys } from './reader';

/** OpenInference (Arize Phoenix): `llm.*`, `tool.*`, `input.value` / `output.value`, flattened messages. */
export const openInference: ConventionReader = {
  name: 'openinference',
  applies: ({ a }) =>
    a.has('openinference.span.kind') ||
    (a.hasPrefix('llm.') && (a.has('llm.model_name') || a.has('llm.token_count.prompt'))),
  summary: ({ a }) => {
    const params = a.has('llm.invocation_parameters') ? a.object('llm.invocation_parameters') : null;
    const paramModel = params && typeof params.model === 'string' ? params.model : null;
    // LangChain puts the provider only in its run metadata (`ls_provider`).
    const metadata = a.has('metadata') ? a.object('metadata') : null;
    const lsProvider = metadata && typeof metadata.ls_provider === 'string' ? metadata.ls_provider : null;
    return {
      provider: a.firstStr('llm.provider', 'llm.system') ?? lsProvider,
      requestModel:
        a.firstStr('llm.request.model_name', 'llm.model_name', 'embedding.model_name', 'reranker.model_name') ??
        paramModel,
      responseModel: a.firstStr('llm.response.model_name', 'llm.model_name'),
      inputTokens: a.num('llm.token_count.prompt'),
      outputTokens: a.num('llm.token_count.completion'),
      cacheReadTokens: a.num('llm.token_count.prompt_details.cache_read'),
      cacheWriteTokens: a.num('llm.token_count.prompt_details.cache_write'),
      reasoningTokens: a.num('llm.token_count.completion_details.reasoning'),
      reportedCostUsd: a.num('llm.cost.total'),
      finishReason: normalizeFinishReason(a.str('llm.finish_reason')),
      toolName: a.str('tool.name'),
      toolCallId: a.str('tool.id') ?? a.str('tool_call.id'),
      sessionId: a.str('session.id'),
      userId: a.str('user.id'),
      agentName: a.str('agent.name'),
    };
  },
  detail: (c) => {
    const { a } = c;
    const out: DetailFields = {};
    const input = messages(c, 'llm.input_messages.', 'user');
    if (input.length > 0) out.inputMessages = input;
    else if (a.hasPrefix('llm.prompts.'))
      out.inputMessages = a.unflattenList('llm.prompts.').map((p) => toMessage(promptText(p), 'user'));
    const output = messages(c, 'llm.output_messages.', 'assistant');
    if (output.length > 0) out.outputMessages = output;
    else if (a.hasPrefix('llm.choices.'))
      out.outputMessages = a.unflattenList('llm.choices.').map((p) => toMessage(promptText(p), 'assistant'));
    if (a.hasPrefix('llm.tools.')) {
      out.toolsOffered = a
        .unflattenList('llm.tools.')
        .map((t) => (isRecord(t) && isRecord(t.tool) ? structured(t.tool.json_schema as string) : t));
    }
    const inputValue = a.has('input.value') ? ioValue(a.str('input.value'), a.str('input.mime_type')) : undefined;
    const outputValue = a.has('output.value') ? ioValue(a.str('output.value'), a.str('output.mime_type')) : undefined;
    if (inputValue !== undefined) out.input = inputValue;
    if (outputValue !== undefined) out.output = outputValue;
    if (c.kind === 'tool') {
      // `tool.parameters` is a JSON schema by the spec, but several instrumentations put the arguments there.
      const parameters = a.json('tool.parameters');
      const args = inputValue !== undefined ? inputValue : isJsonSchema(parameters) ? undefined : parameters;
      if (args !== undefined) out.toolArguments = args;
      if (outputValue !== undefined) out.toolResult = unwrapLangChainMessage(outputValue);
    }
    // With no message attributes, an LLM span's input.value is often the raw request body.
    if (
      c.kind === 'llm' &&
      out.inputMessages === undefined &&
      isRecord(inputValue) &&
      Array.isArray(inputValue.messages)
    )
      out.inputMessages = toMessages(inputValue.messages, 'user');
    const params = a.object('llm.invocation_parameters');
    if (params) {
      out.requestParameters = withoutKeys(params, ['model', 'messages', 'tools']);
    }
    const template = a.str('llm.prompt_template.template');
    const version = a.str('llm.prompt_template.version');
    if (template !== null || version !== null || a.has('prompt.id'))
      out.promptTemplate = defined({
        name: a.str('prompt.id') ?? undefined,
        template: template ?? undefined,
        version: version ?? undefined,
        variables: a.json('llm.prompt_template.variables'),
      });
    return out;
  },
};

/** `llm.input_messages.N.message.{role,content,contents.K.message_content.*,tool_calls.K.tool_call.*}`. */
function messages(c: ReadContext, prefix: string, role: string): Message[] {
  if (!c.a.hasPrefix(prefix)) return [];
  return c.a.unflattenList(prefix).map((entry) => {
    const m = isRecord(entry) && isRecord(entry.message) ? entry.message : {};
    const calls = Array.isArray(m.tool_calls)
      ? m.tool_calls.map((t: unknown) => (isRecord(t) && isRecord(t.tool_call) ? t.tool_call : t))
      : undefined;
    const legacyCall =
      typeof m.function_call_name === 'string'
        ? [{ function: { name: m.function_call_name, arguments: parseArguments(m.function_call_arguments_json) } }]
        : undefined;
    return toMessage({ ...m, tool_calls: calls ?? legacyCall }, role);
  });
}

function promptText(p: unknown): unknown {
  if (!isRecord(p)) return p;
  const inner = isRecord(p.prompt) ? p.prompt : isRecord(p.completion) ? p.completion : p;
  return typeof inner.text === 'string' ? inner.text : inner;
}

function ioValue(value: string | null, mime: string | null): unknown {
  if (value === null) return undefined;
  if (mime === 'text/plain') return value;
  return parseArguments(value);
}

function isJsonSchema(v: unknown): boolean {
  return isRecord(v) && (v.type === 'object' || '$schema' in v || isRecord(v.properties));
}

/**
 * LangChain tools return a serialized ToolMessage (`{output: {lc: 1, kwargs: {content}}}`): the
 * result the model saw is its content.
 */
function unwrapLangChainMessage(v: unknown): unknown {
  const inner = isRecord(v) && isRecord(v.output) ? v.output : v;
  if (isRecord(inner) && inner.lc === 1 && isRecord(inner.kwargs) && 'content' in inner.kwargs) {
    const content = inner.kwargs.content;
    return typeof content === 'string' ? parseArguments(content) : content;
  }
  return v;
}
