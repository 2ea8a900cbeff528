import type { StepKind } from '../../../shared/domain/step';

/** Short badge text per step kind (badges have a fixed width: at most 6 characters). */
export const STEP_KIND_LABELS: Record<StepKind, string> = {
  llm: 'LLM',
  tool: 'tool',
  agent: 'agent',
  chain: 'chain',
  retriever: 'search',
  embedding: 'embed',
  reranker: 'rerank',
  guardrail: 'guard',
  other: 'span',
};

export const STEP_KIND_TITLES: Record<StepKind, string> = {
  llm: 'Model call',
  tool: 'Tool call',
  agent: 'Agent',
  chain: 'Chain / workflow step',
  retriever: 'Retriever',
  embedding: 'Embedding call',
  reranker: 'Reranker',
  guardrail: 'Guardrail',
  other: 'Other span',
};
