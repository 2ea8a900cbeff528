import { isBilledKind } from '../../../shared/domain/step';
import { type InsertBatch, SPAN, type SpanRow } from './insert-batch';
import { encodeModelList } from './run-model-list';

/** Per-trace aggregate of one transaction, folded into the runs table with one upsert. */
export interface RunDelta {
  traceId: string;
  rootSpanId: string | null;
  name: string;
  service: string;
  nameStartNs: bigint;
  startNs: bigint;
  endNs: bigint;
  spanCount: number;
  errorCount: number;
  origin: string;
  source: string | null;
  llmCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  usageUnknown: number;
  costUsd: number;
  costUnknown: number;
  sessionId: string | null;
  userId: string | null;
  /** Models its model calls asked for or answered with (request and response model). */
  models: string[];
}

export function foldIntoRun(
  runs: Map<string, RunDelta>,
  s: SpanRow,
  costUsd: number | null,
  service: string,
  batch: InsertBatch,
): void {
  const traceId = s[SPAN.traceId];
  const startNs = s[SPAN.startNs];
  const endNs = s[SPAN.endNs];
  const isRoot = s[SPAN.parentSpanId] === '';
  let d = runs.get(traceId);
  if (!d) {
    d = {
      traceId,
      rootSpanId: isRoot ? s[SPAN.spanId] : null,
      name: s[SPAN.name],
      service,
      nameStartNs: startNs,
      startNs,
      endNs,
      spanCount: 0,
      errorCount: 0,
      origin: batch.origin,
      source: batch.source,
      llmCalls: 0,
      toolCalls: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageUnknown: 0,
      costUsd: 0,
      costUnknown: 0,
      sessionId: null,
      userId: null,
      models: [],
    };
    runs.set(traceId, d);
  } else {
    if (startNs < d.startNs) d.startNs = startNs;
    if (endNs > d.endNs) d.endNs = endNs;
    // The run is named after its root span, or until that arrives, after its earliest span.
    if (d.rootSpanId === null && (isRoot || startNs < d.nameStartNs)) {
      if (isRoot) d.rootSpanId = s[SPAN.spanId];
      d.name = s[SPAN.name];
      d.service = service;
      d.nameStartNs = startNs;
    }
  }
  d.spanCount++;
  if (s[SPAN.statusCode] === 2) d.errorCount++;
  foldStep(d, s, costUsd);
}

/** Tokens and cost are counted once per model call: only llm and embedding steps are summed. */
function foldStep(d: RunDelta, s: SpanRow, costUsd: number | null): void {
  const kind = s[SPAN.stepKind];
  if (kind === 'llm') d.llmCalls++;
  else if (kind === 'tool') d.toolCalls++;
  if (d.sessionId === null && s[SPAN.sessionId] !== null) d.sessionId = s[SPAN.sessionId];
  if (d.userId === null && s[SPAN.userId] !== null) d.userId = s[SPAN.userId];
  if (!isBilledKind(kind)) return;
  addModel(d.models, s[SPAN.requestModel]);
  addModel(d.models, s[SPAN.responseModel]);
  const input = s[SPAN.inputTokens];
  const output = s[SPAN.outputTokens];
  if (input === null && output === null) d.usageUnknown++;
  d.inputTokens += input ?? 0;
  d.outputTokens += output ?? 0;
  d.cacheReadTokens += s[SPAN.cacheReadTokens] ?? 0;
  d.cacheWriteTokens += s[SPAN.cacheWriteTokens] ?? 0;
  d.reasoningTokens += s[SPAN.reasoningTokens] ?? 0;
  if (costUsd === null) d.costUnknown++;
  else d.costUsd += costUsd;
}

function addModel(models: string[], model: string | null): void {
  if (model !== null && !models.includes(model)) models.push(model);
}

/** The runs upsert's values for one delta, in the order of its statement (see SpanWriter). */
export function runUpsertValues(d: RunDelta, receivedAt: number): unknown[] {
  return [
    d.traceId,
    d.rootSpanId,
    d.name,
    d.service,
    d.startNs,
    d.endNs,
    d.spanCount,
    d.errorCount,
    d.origin,
    d.source,
    receivedAt,
    receivedAt,
    d.llmCalls,
    d.toolCalls,
    d.inputTokens,
    d.outputTokens,
    d.cacheReadTokens,
    d.cacheWriteTokens,
    d.reasoningTokens,
    d.usageUnknown,
    d.costUsd,
    d.costUnknown,
    d.sessionId,
    d.userId,
    encodeModelList(d.models),
  ];
}
