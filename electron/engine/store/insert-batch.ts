import type { RunOrigin } from '../../../shared/domain/run';
import type { StepSummary } from '../../../shared/domain/step';

/**
 * What the writer inserts, already serialized: attributes, events and links as JSON text, content
 * hashes computed. Producing these is CPU work done off the writer's thread (ingest/); they survive
 * structured cloning (bigint times included). `Db*` types in db-rows.ts are what SQLite gives back.
 */
export interface SpanInsert {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  statusCode: number;
  statusMessage: string;
  attributesJson: string;
  droppedAttributesCount: number;
  eventsJson: string;
  droppedEventsCount: number;
  linksJson: string;
  droppedLinksCount: number;
  /** The normalized GenAI step fields (engine/genai); cost is added by the writer from the price table. */
  step: StepSummary;
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
  spanGroups: InsertGroup<SpanInsert>[];
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
