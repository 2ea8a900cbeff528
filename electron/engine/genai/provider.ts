import { normalizeProvider as normalizeProviderId } from '../../../shared/domain/model-name';

/** Values that name a framework rather than a model provider: infer the provider from the model. */
const FRAMEWORKS = new Set(['strands-agents', 'gcp.vertex.agent', 'langchain', 'crewai', 'mock-provider']);

/**
 * The provider id prices use (`openai`, `aws.bedrock`, `mistral_ai`…; see pricing/model-name.ts),
 * or null when the value names a framework (the provider is then inferred from the model name).
 */
export function normalizeProvider(raw: string | null): string | null {
  if (raw === null || FRAMEWORKS.has(raw.trim().toLowerCase())) return null;
  return normalizeProviderId(raw);
}

const FINISH_REASONS: Record<string, string> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  complete: 'stop',
  completed: 'stop',
  finish_reason_stop: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  tool_call: 'tool_call',
  tool_calls: 'tool_call',
  'tool-calls': 'tool_call',
  tool_use: 'tool_call',
  function_call: 'tool_call',
  content_filter: 'content_filter',
  'content-filter': 'content_filter',
  safety: 'content_filter',
  refusal: 'content_filter',
  error: 'error',
};

/** Normalizes the many spellings to stop, length, tool_call, content_filter, error (others kept). */
export function normalizeFinishReason(raw: unknown): string | null {
  let v: unknown = raw;
  if (Array.isArray(v)) v = v[0];
  if (typeof v !== 'string' || v.trim() === '') return null;
  // LangSmith joins several with commas.
  const first = v.split(',')[0]!.trim().toLowerCase();
  return FINISH_REASONS[first] ?? first;
}
