import type { StepKind } from '../../../shared/domain/step';
import type { AttributeReader } from './attribute-reader';
import { ownEntry } from '../../../shared/domain/own-entry';

/** Span-kind detection, first match wins (reference/genai-conventions.md §1). */

const OPENINFERENCE: Record<string, StepKind> = {
  LLM: 'llm',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  RETRIEVER: 'retriever',
  EMBEDDING: 'embedding',
  RERANKER: 'reranker',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'other',
  PROMPT: 'other',
  UNKNOWN: 'other',
};

const LANGFUSE: Record<string, StepKind> = {
  generation: 'llm',
  embedding: 'embedding',
  agent: 'agent',
  tool: 'tool',
  chain: 'chain',
  retriever: 'retriever',
  guardrail: 'guardrail',
  evaluator: 'other',
};

const GEN_AI_OPERATION: Record<string, StepKind> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  completion: 'llm',
  generate: 'llm',
  embeddings: 'embedding',
  embedding: 'embedding',
  retrieval: 'retriever',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  invoke_workflow: 'chain',
  plan: 'chain',
  rerank: 'reranker',
  'guardrail.run': 'guardrail',
  guard: 'guardrail',
  execute_task: 'chain',
  invoke_swarm: 'agent',
  invoke_graph: 'agent',
};

const MLFLOW: Record<string, StepKind> = {
  LLM: 'llm',
  CHAT_MODEL: 'llm',
  TOOL: 'tool',
  AGENT: 'agent',
  RETRIEVER: 'retriever',
  EMBEDDING: 'embedding',
  RERANKER: 'reranker',
  CHAIN: 'chain',
  PARSER: 'chain',
};

const LANGSMITH: Record<string, StepKind> = {
  llm: 'llm',
  tool: 'tool',
  retriever: 'retriever',
  embedding: 'embedding',
  chain: 'chain',
  prompt: 'chain',
  parser: 'chain',
};

const TRACELOOP_KIND: Record<string, StepKind> = { workflow: 'chain', task: 'chain', agent: 'agent', tool: 'tool' };
const TRACELOOP_REQUEST: Record<string, StepKind> = {
  chat: 'llm',
  completion: 'llm',
  embedding: 'embedding',
  rerank: 'reranker',
};

const MODEL_KEYS = [
  'gen_ai.request.model',
  'gen_ai.response.model',
  'llm.model_name',
  'ai.model.id',
  'langfuse.observation.model.name',
  'mlflow.llm.model',
];
const USAGE_OR_MESSAGE_PREFIXES = [
  'gen_ai.usage.',
  'llm.token_count.',
  'ai.usage.',
  'gen_ai.input.messages',
  'gen_ai.prompt.',
  'llm.input_messages.',
];

/** Vercel legacy operation ids (`operation.name` may carry a functionId suffix). */
function vercelKind(operation: string): StepKind | null {
  const op = operation.split(' ')[0]!;
  if (op.endsWith('.doGenerate') || op.endsWith('.doStream')) return 'llm';
  if (op === 'ai.embed.doEmbed' || op === 'ai.embedMany.doEmbed') return 'embedding';
  if (op === 'ai.embed' || op === 'ai.embedMany') return 'chain';
  if (op === 'ai.toolCall') return 'tool';
  if (op === 'ai.rerank') return 'reranker';
  if (/^ai\.(generateText|streamText|generateObject|streamObject)$/.test(op)) return 'agent';
  return null;
}

export function detectStepKind(a: AttributeReader, spanName: string, scopeName: string): StepKind {
  const oi = a.str('openinference.span.kind');
  if (oi !== null) {
    const k = ownEntry(OPENINFERENCE, oi.toUpperCase());
    if (k) return k;
  }
  const lf = a.str('langfuse.observation.type');
  if (lf !== null) {
    const k = ownEntry(LANGFUSE, lf.toLowerCase());
    if (k) return k;
  }

  const langsmith = a.str('langsmith.span.kind');
  const op = a.str('gen_ai.operation.name');
  if (op !== null && langsmith === null) {
    const k = ownEntry(GEN_AI_OPERATION, op.toLowerCase());
    if (k) return k;
  }
  const mlflow = a.str('mlflow.spanType');
  if (mlflow !== null) return ownEntry(MLFLOW, mlflow.toUpperCase()) ?? 'other';
  if (langsmith !== null) {
    const k = ownEntry(LANGSMITH, langsmith.toLowerCase());
    if (k) return k;
  }
  const tl = a.str('traceloop.span.kind');
  if (tl !== null) {
    const k = ownEntry(TRACELOOP_KIND, tl.toLowerCase());
    if (k) return k;
  }
  const requestType = a.str('llm.request.type');
  if (requestType !== null) {
    const k = ownEntry(TRACELOOP_REQUEST, requestType.toLowerCase());
    if (k) return k;
  }
  if (op !== null) {
    const k = ownEntry(GEN_AI_OPERATION, op.toLowerCase());
    if (k) return k;
  }

  const vercelOp = a.str('ai.operationId') ?? (scopeName === 'ai' ? (a.str('operation.name') ?? spanName) : null);
  if (vercelOp !== null) {
    const k = vercelKind(vercelOp);
    if (k) return k;
  }

  // Framework fallbacks by span name.
  if (spanName === 'running tool' || spanName.startsWith('Function: ')) return 'tool';
  if (spanName === 'agent run' || spanName.startsWith('Agent run: ')) return 'agent';
  if (spanName === 'call_llm') return 'llm';
  const adkRequest = a.str('gcp.vertex.agent.llm_request');
  if (adkRequest !== null && adkRequest !== '{}') return 'llm';
  const genkit = a.str('genkit:metadata:subtype');
  if (genkit === 'model') return 'llm';
  if (genkit === 'tool') return 'tool';
  if (genkit === 'embedder') return 'embedding';
  if (genkit === 'retriever') return 'retriever';

  // Attribute presence.
  if (a.has('gen_ai.tool.name') || a.has('gen_ai.tool.call.id') || a.has('tool.name')) return 'tool';
  if (a.hasPrefix('gen_ai.retrieval.') || a.hasPrefix('retrieval.documents.')) return 'retriever';
  if (a.hasPrefix('embedding.')) return 'embedding';
  if (a.hasPrefix('reranker.')) return 'reranker';
  if (MODEL_KEYS.some((k) => a.has(k)) && USAGE_OR_MESSAGE_PREFIXES.some((p) => a.hasPrefix(p))) return 'llm';
  return 'other';
}
