import type { Message } from '../../../../shared/domain/step';
import { isRecord } from '../attribute-reader';
import { parseArguments, toMessage, toMessages, toToolCall } from '../messages/to-message';
import { normalizeFinishReason } from '../provider';
import { type ConventionReader, type DetailFields, defined, parametersUnder } from './reader';

/** Vercel AI SDK `ai.*` attributes, v4 to v7 names (v7's `@ai-sdk/otel` also writes `gen_ai.*`). */
export const vercelAi: ConventionReader = {
  name: 'vercel-ai',
  applies: ({ a, span }) => span.scopeName === 'ai' || a.has('ai.operationId') || a.has('ai.model.id'),
  summary: ({ a }) => {
    const provider = a.str('ai.model.provider');
    return {
      operation: a.str('ai.operationId'),
      provider: provider === null ? null : provider.split('.')[0]!,
      requestModel: a.str('ai.model.id'),
      responseModel: a.str('ai.response.model'),
      inputTokens: a.firstNum('ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens'),
      outputTokens: a.firstNum('ai.usage.outputTokens', 'ai.usage.completionTokens'),
      cacheReadTokens: a.firstNum('ai.usage.inputTokenDetails.cacheReadTokens', 'ai.usage.cachedInputTokens'),
      cacheWriteTokens: a.num('ai.usage.inputTokenDetails.cacheWriteTokens'),
      reasoningTokens: a.firstNum('ai.usage.outputTokenDetails.reasoningTokens', 'ai.usage.reasoningTokens'),
      finishReason: normalizeFinishReason(a.str('ai.response.finishReason') ?? a.str('ai.finishReason')),
      toolName: a.str('ai.toolCall.name'),
      toolCallId: a.str('ai.toolCall.id'),
      sessionId: a.firstStr('ai.telemetry.metadata.sessionId', 'ai.settings.context.sessionId'),
      userId: a.firstStr('ai.telemetry.metadata.userId', 'ai.settings.context.userId'),
      agentName: a.str('ai.telemetry.functionId'),
      timeToFirstTokenMs: a.num('ai.response.msToFirstChunk') ?? a.num('ai.stream.msToFirstChunk'),
    };
  },
  detail: (c) => {
    const { a } = c;
    const out: DetailFields = {};
    const promptMessages = a.json('ai.prompt.messages');
    const prompt = a.json('ai.prompt');
    if (Array.isArray(promptMessages)) out.inputMessages = toMessages(promptMessages, 'user');
    else if (isRecord(prompt)) {
      const list: Message[] = [];
      if (typeof prompt.system === 'string') list.push(toMessage({ role: 'system', content: prompt.system }, 'system'));
      if (typeof prompt.prompt === 'string') list.push(toMessage(prompt.prompt, 'user'));
      if (Array.isArray(prompt.messages)) list.push(...toMessages(prompt.messages, 'user'));
      if (list.length > 0) out.inputMessages = list;
    }
    const text = a.str('ai.response.text') ?? a.str('ai.result.text');
    const calls = a.json('ai.response.toolCalls') ?? a.json('ai.result.toolCalls');
    const object = a.json('ai.response.object') ?? a.json('ai.result.object');
    if (text !== null || Array.isArray(calls) || object !== undefined) {
      const m = toMessage(
        { role: 'assistant', content: text ?? (object === undefined ? '' : JSON.stringify(object)) },
        'assistant',
      );
      if (Array.isArray(calls))
        for (const call of calls) {
          const tc = toToolCall(call);
          if (tc) m.tool_calls.push(tc);
        }
      const finish = a.str('ai.response.finishReason');
      if (finish !== null) m.finish_reason = finish;
      out.outputMessages = [m];
    }
    const tools = a.json('ai.prompt.tools');
    if (Array.isArray(tools))
      out.toolsOffered = tools.map((t: unknown) => (typeof t === 'string' ? parseArguments(t) : t));
    if (a.has('ai.toolCall.args') || a.has('ai.toolCall.input'))
      out.toolArguments = a.json('ai.toolCall.args') ?? a.json('ai.toolCall.input');
    if (a.has('ai.toolCall.result') || a.has('ai.toolCall.output'))
      out.toolResult = a.json('ai.toolCall.result') ?? a.json('ai.toolCall.output');
    if (prompt !== undefined) out.input = prompt;
    if (text !== null) out.output = text;
    const params = parametersUnder(c, 'ai.settings.');
    if (a.has('ai.prompt.toolChoice')) params.toolChoice = a.json('ai.prompt.toolChoice');
    if (Object.keys(params).length > 0) out.requestParameters = params;
    const langfusePrompt = a.object('ai.telemetry.metadata.langfusePrompt');
    if (langfusePrompt)
      out.promptTemplate = defined({
        name: typeof langfusePrompt.name === 'string' ? langfusePrompt.name : undefined,
        version: langfusePrompt.version === undefined ? undefined : String(langfusePrompt.version as string),
      });
    return out;
  },
};
