import { isRecord, toNumber } from '../attribute-reader';
import { toMessages } from '../messages/to-message';
import { type ConventionReader, type DetailFields } from './reader';

/** MLflow tracing: every attribute is JSON-encoded (decoded by the attribute reader). */
export const mlflow: ConventionReader = {
  name: 'mlflow',
  // `mlflow.spanType` is in the namespace too: one bit test answers for most spans.
  applies: ({ a }) => a.hasPrefix('mlflow.'),
  summary: ({ a }) => {
    const usage = a.object('mlflow.chat.tokenUsage');
    const cost = a.object('mlflow.llm.cost');
    return {
      provider: a.str('mlflow.llm.provider'),
      requestModel: a.str('mlflow.llm.model'),
      inputTokens: usage ? toNumber(usage.input_tokens) : null,
      outputTokens: usage ? toNumber(usage.output_tokens) : null,
      cacheReadTokens: usage ? toNumber(usage.cache_read_input_tokens) : null,
      cacheWriteTokens: usage ? toNumber(usage.cache_creation_input_tokens) : null,
      reportedCostUsd: cost ? toNumber(cost.total_cost) : null,
      sessionId: a.str('session.id'),
      userId: a.str('user.id'),
    };
  },
  detail: ({ a, kind }) => {
    const out: DetailFields = {};
    const inputs = a.json('mlflow.spanInputs');
    const outputs = a.json('mlflow.spanOutputs');
    if (inputs !== undefined) out.input = inputs;
    if (outputs !== undefined) out.output = outputs;
    if (kind === 'llm' && isRecord(inputs) && Array.isArray(inputs.messages))
      out.inputMessages = toMessages(inputs.messages, 'user');
    if (kind === 'llm' && isRecord(outputs) && Array.isArray(outputs.choices))
      out.outputMessages = outputs.choices
        .map((c: unknown) => (isRecord(c) ? c.message : c))
        .flatMap((m) => toMessages(m, 'assistant'));
    if (kind === 'tool') {
      if (inputs !== undefined) out.toolArguments = inputs;
      if (outputs !== undefined) out.toolResult = outputs;
    }
    const tools = a.json('mlflow.chat.tools');
    if (Array.isArray(tools)) out.toolsOffered = tools;
    return out;
  },
};
