import { type ConventionReader, type DetailFields, defined, parametersUnder } from './reader';

/** OpenLLMetry / Traceloop keys outside `gen_ai.*`: `llm.*` usage and params, `traceloop.*` entities. */
export const openLlmetry: ConventionReader = {
  name: 'openllmetry',
  applies: ({ a }) =>
    a.hasPrefix('traceloop.') ||
    (a.hasPrefix('llm.') && (a.has('llm.request.type') || a.has('llm.usage.total_tokens'))),
  summary: ({ a, kind }) => {
    const entity = a.str('traceloop.entity.name');
    return {
      operation: a.str('llm.request.type'),
      reasoningTokens: a.num('llm.usage.reasoning_tokens'),
      toolName: kind === 'tool' ? entity : null,
      agentName: kind === 'agent' ? entity : null,
      sessionId: a.str('traceloop.association.properties.session_id'),
      userId: a.str('traceloop.association.properties.user_id'),
    };
  },
  detail: (c) => {
    const { a } = c;
    const out: DetailFields = {};
    const input = a.json('traceloop.entity.input');
    const output = a.json('traceloop.entity.output');
    if (input !== undefined) out.input = input;
    if (output !== undefined) out.output = output;
    if (c.kind === 'tool') {
      if (input !== undefined) out.toolArguments = input;
      if (output !== undefined) out.toolResult = output;
    }
    const params: Record<string, unknown> = {};
    for (const k of ['llm.top_k', 'llm.frequency_penalty', 'llm.presence_penalty', 'llm.chat.stop_sequences'])
      if (a.has(k)) params[k.slice(k.lastIndexOf('.') + 1)] = a.json(k);
    Object.assign(params, parametersUnder(c, 'traceloop.association.properties.', ['session_id', 'user_id']));
    if (Object.keys(params).length > 0) out.requestParameters = params;
    const key = a.str('traceloop.prompt.key');
    if (key !== null || a.has('traceloop.prompt.template'))
      out.promptTemplate = defined({
        name: key ?? undefined,
        version: a.firstStr('traceloop.prompt.version_name', 'traceloop.prompt.version') ?? undefined,
        template: a.str('traceloop.prompt.template') ?? undefined,
        variables: a.json('traceloop.prompt.template_variables'),
      });
    return out;
  },
};
