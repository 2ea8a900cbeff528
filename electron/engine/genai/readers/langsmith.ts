import { normalizeFinishReason } from '../provider';
import { type ConventionReader, type DetailFields } from './reader';

/**
 * LangSmith's OTel export: `langsmith.span.kind`, `langsmith.metadata.*`. Its `langsmith.trace.session_id`
 * is the project, not a conversation: threads come from the metadata keys.
 */
export const langsmith: ConventionReader = {
  name: 'langsmith',
  applies: ({ a }) => a.hasPrefix('langsmith.') && (a.has('langsmith.span.kind') || a.hasPrefix('langsmith.metadata.')),
  summary: ({ a }) => ({
    requestModel: a.str('langsmith.metadata.ls_model_name'),
    provider: a.str('langsmith.metadata.ls_provider'),
    sessionId: a.firstStr(
      'langsmith.metadata.session_id',
      'langsmith.metadata.thread_id',
      'langsmith.metadata.conversation_id',
    ),
    finishReason: normalizeFinishReason(a.str('gen_ai.response.finish_reasons')),
  }),
  detail: ({ a }) => {
    const out: DetailFields = {};
    if (a.has('gen_ai.prompt')) out.input = a.json('gen_ai.prompt');
    if (a.has('gen_ai.completion')) out.output = a.json('gen_ai.completion');
    return out;
  },
};
