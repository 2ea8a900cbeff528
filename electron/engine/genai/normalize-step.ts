import { tokenCount } from '../../../shared/domain/price';
import type { Message, StepDetail, StepSummary } from '../../../shared/domain/step';
import { AttributeReader } from './attribute-reader';
import { normalizeFinishReason, stepProvider } from './provider';
import { googleAdk } from './readers/google-adk';
import { langfuse } from './readers/langfuse';
import { langsmith } from './readers/langsmith';
import { mlflow } from './readers/mlflow';
import { openInference } from './readers/openinference';
import { openLlmetry } from './readers/openllmetry';
import { otelGenAi } from './readers/otel-genai';
import { pydanticLogfire } from './readers/pydantic-logfire';
import type { ConventionReader, DetailFields, ReadContext, SummaryFields } from './readers/reader';
import { vercelAi } from './readers/vercel-ai';
import type { SpanInput } from './span-input';
import { detectStepKind } from './step-kind';

/**
 * The readers in priority order: for every field the first reader with a value wins. Explicit,
 * vendor-specific conventions come before the generic `gen_ai.*` keys several of them also write.
 */
export const CONVENTION_READERS: readonly ConventionReader[] = [
  langfuse,
  openInference,
  vercelAi,
  otelGenAi,
  openLlmetry,
  pydanticLogfire,
  googleAdk,
  langsmith,
  mlflow,
];

/**
 * Instrumentations whose input token count leaves out cache reads and writes (Anthropic's raw
 * `input_tokens`), seen in their real output: see test/fixtures/genai-captured/openllmetry-anthropic.json.
 */
const EXCLUSIVE_INPUT_SCOPES = new Set(['@traceloop/instrumentation-anthropic']);

function context(span: SpanInput): ReadContext {
  const a = new AttributeReader(span.attributes);
  return { a, span, kind: detectStepKind(a, span.name, span.scopeName) };
}

function emptySummary(kind: StepSummary['kind']): StepSummary {
  return {
    kind,
    operation: null,
    provider: null,
    requestModel: null,
    responseModel: null,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    reportedCostUsd: null,
    finishReason: null,
    toolName: null,
    toolCallId: null,
    sessionId: null,
    userId: null,
    agentName: null,
    timeToFirstTokenMs: null,
  };
}

/** Fills the fields of `s` still null from `f` (named accesses: this runs for every span at ingest). */
function fillFrom(s: StepSummary, f: SummaryFields): void {
  s.operation ??= f.operation ?? null;
  s.provider ??= f.provider ?? null;
  s.requestModel ??= f.requestModel ?? null;
  s.responseModel ??= f.responseModel ?? null;
  s.inputTokens ??= f.inputTokens ?? null;
  s.outputTokens ??= f.outputTokens ?? null;
  s.cacheReadTokens ??= f.cacheReadTokens ?? null;
  s.cacheWriteTokens ??= f.cacheWriteTokens ?? null;
  s.reasoningTokens ??= f.reasoningTokens ?? null;
  s.reportedCostUsd ??= f.reportedCostUsd ?? null;
  s.finishReason ??= f.finishReason ?? null;
  s.toolName ??= f.toolName ?? null;
  s.toolCallId ??= f.toolCallId ?? null;
  s.sessionId ??= f.sessionId ?? null;
  s.userId ??= f.userId ?? null;
  s.agentName ??= f.agentName ?? null;
  s.timeToFirstTokenMs ??= f.timeToFirstTokenMs ?? null;
}

function summarize(c: ReadContext, readers: readonly ConventionReader[]): StepSummary {
  // One fixed-shape object filled field by field: the first reader with a value wins.
  const s = emptySummary(c.kind);
  for (const r of readers) fillFrom(s, r.summary(c));
  // A negative count is a sender's bug, not usage: unknown (as cost already treats it), never summed.
  s.inputTokens = tokenCount(s.inputTokens);
  s.outputTokens = tokenCount(s.outputTokens);
  s.cacheReadTokens = tokenCount(s.cacheReadTokens);
  s.cacheWriteTokens = tokenCount(s.cacheWriteTokens);
  s.reasoningTokens = tokenCount(s.reasoningTokens);
  s.provider = stepProvider(s.provider, s.responseModel ?? s.requestModel ?? '');
  // Input tokens include the cache (OTel, OpenInference); a few senders report them exclusive of it:
  // those known to, and any whose cache counts exceed the input (the reference's heuristic).
  const cached = (s.cacheReadTokens ?? 0) + (s.cacheWriteTokens ?? 0);
  if (s.inputTokens !== null && (EXCLUSIVE_INPUT_SCOPES.has(c.span.scopeName) || cached > s.inputTokens))
    s.inputTokens += cached;
  // A tool step that names no tool (a hand-made OpenInference TOOL span) is named by its span.
  if (s.kind === 'tool' && s.toolName === null) s.toolName = c.span.name.replace(/^execute_tool /, '');
  if (s.sessionId === null) s.sessionId = c.a.str('session.id');
  if (s.userId === null) s.userId = c.a.str('user.id');
  return s;
}

/**
 * The step fields stored for every span at ingest: kind, model, tokens, reported cost, tool, session.
 * Spans that carry no GenAI convention at all are plain `other` steps.
 */
export function summarizeStep(span: SpanInput): StepSummary {
  const c = context(span);
  return summarize(
    c,
    CONVENTION_READERS.filter((r) => r.applies(c)),
  );
}

/** Everything the normalizer reads from a span: the summary plus messages, tools, I/O and parameters. */
export function describeStep(span: SpanInput): StepDetail {
  const c = context(span);
  const readers = CONVENTION_READERS.filter((r) => r.applies(c));
  const summary = summarize(c, readers);
  const merged: DetailFields = {};
  let contentNotCaptured = false;
  for (const r of readers) {
    const fields = r.detail(c);
    if (fields.contentNotCaptured) contentNotCaptured = true;
    for (const k of Object.keys(fields) as (keyof DetailFields)[]) {
      if (k === 'contentNotCaptured') continue;
      if (merged[k] === undefined && fields[k] !== undefined) (merged as Record<string, unknown>)[k] = fields[k];
    }
  }
  let input = merged.inputMessages ?? null;
  const system = merged.systemInstructions ?? null;
  // System instructions given apart are shown as the conversation's first message (as Phoenix and Langfuse do).
  if (system !== null && system.length > 0 && !(input ?? []).some((m) => m.role === 'system'))
    input = [{ role: 'system', parts: system, tool_calls: [] }, ...(input ?? [])];
  if (isPlaceholder(input)) input = null;
  const output = isPlaceholder(merged.outputMessages ?? null) ? null : (merged.outputMessages ?? null);
  const isModelCall = c.kind === 'llm';
  if (isModelCall && input === null && output === null) contentNotCaptured = true;
  // Conventions that give the finish reason only on the output message (event era, ADK, Strands).
  const finishReason =
    summary.finishReason ?? normalizeFinishReason(output?.find((m) => m.finish_reason)?.finish_reason ?? null);
  return {
    ...summary,
    finishReason,
    inputMessages: input,
    outputMessages: output,
    systemInstructions: system ?? input?.find((m) => m.role === 'system')?.parts ?? null,
    contentNotCaptured,
    toolsOffered: merged.toolsOffered ?? null,
    toolArguments: merged.toolArguments ?? null,
    toolResult: merged.toolResult ?? null,
    input: merged.input ?? null,
    output: merged.output ?? null,
    requestParameters: merged.requestParameters ?? {},
    promptTemplate: merged.promptTemplate ?? null,
    error: stepError(c),
    conventions: readers.map((r) => r.name),
  };
}

/** `<not specified>` placeholders mean the instrumentation did not capture content. */
function isPlaceholder(messages: Message[] | null): boolean {
  if (messages === null || messages.length === 0) return false;
  return messages.every(
    (m) =>
      m.tool_calls.length === 0 &&
      m.parts.every((p) => p.type === 'text' && (p.text === '' || p.text === '<not specified>')),
  );
}

function stepError({ a, span }: ReadContext): string | null {
  const exception = span.events.find((e) => e.name === 'exception');
  const level = a.str('langfuse.observation.level');
  if (span.statusCode !== 2 && level !== 'ERROR') return null;
  const parts: string[] = [];
  if (exception) {
    const ea = new AttributeReader(exception.attributes);
    const type = ea.str('exception.type');
    const message = ea.str('exception.message');
    if (type !== null || message !== null) parts.push([type, message].filter((x) => x !== null).join(': '));
  }
  const statusMessage = span.statusMessage !== '' ? span.statusMessage : a.str('langfuse.observation.status_message');
  if (statusMessage !== null && !parts.some((p) => p.includes(statusMessage))) parts.unshift(statusMessage);
  const errorType = a.str('error.type');
  if (parts.length === 0 && errorType !== null) parts.push(errorType);
  if (parts.length === 0) return span.statusCode === 2 ? 'error' : null;
  return parts.join(' — ');
}
