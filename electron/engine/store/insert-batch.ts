import type { RunOrigin } from '../../../shared/domain/run';
import type { StepKind } from '../../../shared/domain/step';
import type { CostInputs } from '../pricing/step-cost';

/**
 * What the writer inserts, already serialized: attributes, events and links as JSON text, content
 * hashes computed, GenAI step fields normalized. Producing these is CPU work done off the writer's
 * thread (ingest/); they cross to it by structured cloning (bigint times included). `Db*` types in
 * db-rows.ts are what SQLite gives back.
 */

/**
 * The `spans` columns a SpanRow holds, in its order. A row is an array, not an object: arrays of
 * plain values cross between threads at about half the cost of objects with 35 keys (measured with
 * v8.serialize on the bench's GenAI spans). The writer spreads a row into the insert statement's
 * arguments (`run(...row)`): better-sqlite3 reads an array argument element by element through the
 * V8 API, and spread arguments made raw inserts of these rows 15–18% faster (242–266k against
 * 221–224k rows/s).
 */
export const SPAN_ROW_COLUMNS = [
  'trace_id',
  'span_id',
  'parent_span_id',
  'trace_state',
  'flags',
  'name',
  'kind',
  'start_ns',
  'end_ns',
  'status_code',
  'status_message',
  'attributes',
  'dropped_attributes_count',
  'events',
  'dropped_events_count',
  'links',
  'dropped_links_count',
  'step_kind',
  'operation',
  'provider',
  'request_model',
  'response_model',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'finish_reason',
  'tool_name',
  'tool_call_id',
  'session_id',
  'user_id',
  'agent_name',
  'ttft_ms',
] as const;

/** One span for the writer: the values of SPAN_ROW_COLUMNS, then the cost the span itself reported. */
export type SpanRow = [
  traceId: string,
  spanId: string,
  parentSpanId: string,
  traceState: string,
  flags: number,
  name: string,
  kind: number,
  startNs: bigint,
  endNs: bigint,
  statusCode: number,
  statusMessage: string,
  attributesJson: string,
  droppedAttributesCount: number,
  eventsJson: string,
  droppedEventsCount: number,
  linksJson: string,
  droppedLinksCount: number,
  stepKind: StepKind,
  operation: string | null,
  provider: string | null,
  requestModel: string | null,
  responseModel: string | null,
  inputTokens: number | null,
  outputTokens: number | null,
  cacheReadTokens: number | null,
  cacheWriteTokens: number | null,
  reasoningTokens: number | null,
  finishReason: string | null,
  toolName: string | null,
  toolCallId: string | null,
  sessionId: string | null,
  userId: string | null,
  agentName: string | null,
  timeToFirstTokenMs: number | null,
  reportedCostUsd: number | null,
];

/** Positions in a SpanRow. */
export const SPAN = {
  traceId: 0,
  spanId: 1,
  parentSpanId: 2,
  name: 5,
  startNs: 7,
  endNs: 8,
  statusCode: 9,
  statusMessage: 10,
  attributesJson: 11,
  stepKind: 17,
  provider: 19,
  requestModel: 20,
  responseModel: 21,
  inputTokens: 22,
  outputTokens: 23,
  cacheReadTokens: 24,
  cacheWriteTokens: 25,
  reasoningTokens: 26,
  sessionId: 30,
  userId: 31,
  reportedCostUsd: 34,
} as const;

/** The step fields of a row that its cost depends on (what the writer's pricer reads). */
export function costInputsOf(row: SpanRow): CostInputs {
  return {
    kind: row[SPAN.stepKind],
    provider: row[SPAN.provider],
    requestModel: row[SPAN.requestModel],
    responseModel: row[SPAN.responseModel],
    inputTokens: row[SPAN.inputTokens],
    outputTokens: row[SPAN.outputTokens],
    cacheReadTokens: row[SPAN.cacheReadTokens],
    cacheWriteTokens: row[SPAN.cacheWriteTokens],
    reasoningTokens: row[SPAN.reasoningTokens],
    reportedCostUsd: row[SPAN.reportedCostUsd],
  };
}

export interface LogInsert {
  traceId: string;
  spanId: string;
  timeNs: bigint;
  observedTimeNs: bigint;
  severityNumber: number;
  severityText: string;
  eventName: string;
  bodyJson: string;
  attributesJson: string;
  droppedAttributesCount: number;
  flags: number;
  contentHash: string;
}

export interface ResourceInsert {
  hash: string;
  serviceName: string;
  attributesJson: string;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface ScopeInsert {
  hash: string;
  name: string;
  version: string;
  attributesJson: string;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface InsertGroup<T> {
  resource: ResourceInsert;
  scope: ScopeInsert;
  rows: T[];
}

export interface InsertBatch {
  spanGroups: InsertGroup<SpanRow>[];
  logGroups: InsertGroup<LogInsert>[];
  origin: RunOrigin;
  source: string | null;
}

export function insertCount(batch: InsertBatch): number {
  let n = 0;
  for (const g of batch.spanGroups) n += g.rows.length;
  for (const g of batch.logGroups) n += g.rows.length;
  return n;
}
