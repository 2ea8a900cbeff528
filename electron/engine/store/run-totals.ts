import { type StepSummary, isBilledKind } from '../../../shared/domain/step';
import type { InsertBatch, SpanInsert } from './insert-batch';

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
}

export function foldIntoRun(
  runs: Map<string, RunDelta>,
  s: SpanInsert,
  costUsd: number | null,
  service: string,
  batch: InsertBatch,
): void {
  const isRoot = s.parentSpanId === '';
  let d = runs.get(s.traceId);
  if (!d) {
    d = {
      traceId: s.traceId,
      rootSpanId: isRoot ? s.spanId : null,
      name: s.name,
      service,
      nameStartNs: s.startNs,
      startNs: s.startNs,
      endNs: s.endNs,
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
    };
    runs.set(s.traceId, d);
  } else {
    if (s.startNs < d.startNs) d.startNs = s.startNs;
    if (s.endNs > d.endNs) d.endNs = s.endNs;
    // The run is named after its root span, or until that arrives, after its earliest span.
    if (d.rootSpanId === null && (isRoot || s.startNs < d.nameStartNs)) {
      if (isRoot) d.rootSpanId = s.spanId;
      d.name = s.name;
      d.service = service;
      d.nameStartNs = s.startNs;
    }
  }
  d.spanCount++;
  if (s.statusCode === 2) d.errorCount++;
  foldStep(d, s.step, costUsd);
}

/** Tokens and cost are counted once per model call: only llm and embedding steps are summed. */
function foldStep(d: RunDelta, t: StepSummary, costUsd: number | null): void {
  if (t.kind === 'llm') d.llmCalls++;
  else if (t.kind === 'tool') d.toolCalls++;
  if (d.sessionId === null && t.sessionId !== null) d.sessionId = t.sessionId;
  if (d.userId === null && t.userId !== null) d.userId = t.userId;
  if (!isBilledKind(t.kind)) return;
  if (t.inputTokens === null && t.outputTokens === null) d.usageUnknown++;
  d.inputTokens += t.inputTokens ?? 0;
  d.outputTokens += t.outputTokens ?? 0;
  d.cacheReadTokens += t.cacheReadTokens ?? 0;
  d.cacheWriteTokens += t.cacheWriteTokens ?? 0;
  d.reasoningTokens += t.reasoningTokens ?? 0;
  if (costUsd === null) d.costUnknown++;
  else d.costUsd += costUsd;
}
