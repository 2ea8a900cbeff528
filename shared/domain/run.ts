import type { Attributes } from './attributes';

export type RunStatus = 'ok' | 'error';
export type RunOrigin = 'live' | 'import' | 'replay' | 'eval';

/** One run = one trace, as listed. Times are exact nanoseconds as decimal strings. */
export interface RunSummary {
  traceId: string;
  name: string;
  service: string;
  /** ISO 8601 start time (millisecond precision; exact value in startNs). */
  startTime: string;
  startNs: string;
  endNs: string;
  durationMs: number;
  status: RunStatus;
  spanCount: number;
  errorCount: number;
  origin: RunOrigin;
  /** Whether the root span (no parent) has arrived yet. */
  hasRoot: boolean;
  /** Model calls (llm steps) and tool calls. */
  llmCalls: number;
  toolCalls: number;
  /** Summed once per model call (llm and embedding steps); wrappers that repeat usage are not added again. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Model calls that reported no usage (their tokens are unknown, not 0). */
  usageUnknownCalls: number;
  /**
   * USD over the model calls whose cost is known: 0 for a run without model calls, null when it has
   * model calls and none could be priced.
   */
  costUsd: number | null;
  /** Whether every model call has a known cost (reported or priced). */
  costComplete: boolean;
  /** Model calls that could not be priced (no reported cost and no price for their model). */
  unpricedCalls: number;
  sessionId: string | null;
  userId: string | null;
  /** The file an imported run came from. */
  source: string | null;
}

export interface SpanEventRecord {
  timeNs: string;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLinkRecord {
  traceId: string;
  spanId: string;
  traceState: string;
  flags: number;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface ResourceRecord {
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface ScopeRecord {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

/** A span exactly as received (OTLP fields kept losslessly). */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startNs: string;
  endNs: string;
  durationMs: number;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEventRecord[];
  droppedEventsCount: number;
  links: SpanLinkRecord[];
  droppedLinksCount: number;
  /** Index into RunDetail.resources / RunDetail.scopes (each stored and sent once, as OTLP groups them). */
  resourceIndex: number;
  scopeIndex: number;
}

/** An OTLP log record (GenAI instrumentations send prompts and completions as log events). */
export interface LogRecordRecord {
  traceId: string;
  spanId: string;
  timeNs: string;
  observedTimeNs: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: Attributes[string];
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  resourceIndex: number;
  scopeIndex: number;
}

export interface RunDetail {
  run: RunSummary;
  spans: SpanRecord[];
  logs: LogRecordRecord[];
  /** The distinct resources and scopes of the run's spans and logs, referenced by index. */
  resources: ResourceRecord[];
  scopes: ScopeRecord[];
}
