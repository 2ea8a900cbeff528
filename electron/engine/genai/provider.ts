import {
  inferProvider,
  normalizeModelName,
  normalizeProvider as normalizeProviderId,
} from '../../../shared/domain/model-name';
import { ownEntry } from '../../../shared/domain/own-entry';

/**
 * The memos below: the same few providers, models and finish reasons recur on every span, and
 * working one out again (trimming, lower-casing, a dozen regular expressions) took a quarter of the
 * normalizer's time on the ingest bench's spans (1.21–1.34 µs a span before, 0.89–1.04 after). Only
 * short texts are remembered, at most MEMO_LIMIT of them before a memo starts over: hostile variety
 * costs time, never memory.
 */
const MEMO_LIMIT = 1024;
const MEMO_TEXT_MAX = 256;

function memorable(text: string | null): boolean {
  return text === null || text.length <= MEMO_TEXT_MAX;
}

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

/**
 * The provider a model name implies, as prices read it: a routing prefix (`openai/gpt-4o`,
 * `models/gemini-2.0-flash`, a Bedrock ARN or `us.anthropic.…` id) first, else the model's family.
 */
function providerOfModelName(model: string): string | null {
  const name = normalizeModelName(model);
  return name.provider ?? inferProvider(name.model);
}

/** Remembered providers by the provider a span named, then by its model. */
const stepProviders = new Map<string | null, Map<string, string | null>>();
let stepProvidersSize = 0;

/**
 * The provider of a model call: the one its attributes name (normalized; a framework's name does
 * not count), else the one its model name implies.
 */
export function stepProvider(named: string | null, model: string): string | null {
  let byModel = stepProviders.get(named);
  const known = byModel?.get(model);
  if (known !== undefined) return known;
  const provider = normalizeProvider(named) ?? providerOfModelName(model);
  if (!memorable(named) || !memorable(model)) return provider;
  if (stepProvidersSize >= MEMO_LIMIT) {
    stepProviders.clear();
    stepProvidersSize = 0;
    byModel = undefined;
  }
  if (byModel === undefined) {
    byModel = new Map();
    stepProviders.set(named, byModel);
  }
  byModel.set(model, provider);
  stepProvidersSize++;
  return provider;
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

/** Remembered finish reasons by the text sent. */
const finishReasons = new Map<string, string | null>();

/** Normalizes the many spellings to stop, length, tool_call, content_filter, error (others kept). */
export function normalizeFinishReason(raw: unknown): string | null {
  let v: unknown = raw;
  if (Array.isArray(v)) v = v[0];
  if (typeof v !== 'string') return null;
  const known = finishReasons.get(v);
  if (known !== undefined) return known;
  const reason = finishReasonOf(v);
  if (memorable(v)) {
    if (finishReasons.size >= MEMO_LIMIT) finishReasons.clear();
    finishReasons.set(v, reason);
  }
  return reason;
}

function finishReasonOf(v: string): string | null {
  if (v.trim() === '') return null;
  // LangSmith joins several with commas.
  const first = v.split(',')[0]!.trim().toLowerCase();
  return ownEntry(FINISH_REASONS, first) ?? first;
}

/** How many answers the memos hold now (never more than 2 × MEMO_LIMIT): for tests and diagnostics. */
export function rememberedAnswers(): number {
  return stepProvidersSize + finishReasons.size;
}
