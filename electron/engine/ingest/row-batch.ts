import { createHash } from 'node:crypto';
import type { DecodedLogRecord, DecodedResource, DecodedScope, DecodedSpan } from '../otlp/model';
import type { IngestBatch } from './ingest-batch';

/**
 * What the writer stores, already serialized: attributes, events and links as JSON text, content
 * hashes computed. Producing rows is CPU work that can run off the writer's thread; rows survive
 * structured cloning (bigint times included).
 */
export interface SpanRow {
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
}

export interface LogRow {
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

export interface ResourceRow {
  hash: string;
  serviceName: string;
  attributesJson: string;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface ScopeRow {
  hash: string;
  name: string;
  version: string;
  attributesJson: string;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface RowGroup<T> {
  resource: ResourceRow;
  scope: ScopeRow;
  rows: T[];
}

export interface RowBatch {
  spanGroups: RowGroup<SpanRow>[];
  logGroups: RowGroup<LogRow>[];
  origin: IngestBatch['origin'];
  source: string | null;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function resourceRow(r: DecodedResource): ResourceRow {
  const attributesJson = JSON.stringify(r.attributes);
  const service = r.attributes['service.name'];
  return {
    hash: sha1(`${attributesJson}\u0000${r.droppedAttributesCount}\u0000${r.schemaUrl}`),
    serviceName: typeof service === 'string' ? service : '',
    attributesJson,
    droppedAttributesCount: r.droppedAttributesCount,
    schemaUrl: r.schemaUrl,
  };
}

export function scopeRow(s: DecodedScope): ScopeRow {
  const attributesJson = JSON.stringify(s.attributes);
  return {
    hash: sha1(`${s.name}\u0000${s.version}\u0000${attributesJson}\u0000${s.droppedAttributesCount}\u0000${s.schemaUrl}`),
    name: s.name,
    version: s.version,
    attributesJson,
    droppedAttributesCount: s.droppedAttributesCount,
    schemaUrl: s.schemaUrl,
  };
}

export function spanRow(s: DecodedSpan): SpanRow {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    flags: s.flags,
    name: s.name,
    kind: s.kind,
    startNs: s.startNs,
    endNs: s.endNs,
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    attributesJson: JSON.stringify(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    // Event times are stored as decimal strings (exact beyond 2^53).
    eventsJson: s.events.length === 0 ? '[]' : JSON.stringify(s.events, bigintReplacer),
    droppedEventsCount: s.droppedEventsCount,
    linksJson: s.links.length === 0 ? '[]' : JSON.stringify(s.links),
    droppedLinksCount: s.droppedLinksCount,
  };
}

/** A log row; its content hash (with its resource and scope) dedupes retried log exports. */
export function logRow(l: DecodedLogRecord, resource: ResourceRow, scope: ScopeRow): LogRow {
  const bodyJson = JSON.stringify(l.body);
  const attributesJson = JSON.stringify(l.attributes);
  return {
    traceId: l.traceId,
    spanId: l.spanId,
    timeNs: l.timeNs,
    observedTimeNs: l.observedTimeNs,
    severityNumber: l.severityNumber,
    severityText: l.severityText,
    eventName: l.eventName,
    bodyJson,
    attributesJson,
    droppedAttributesCount: l.droppedAttributesCount,
    flags: l.flags,
    contentHash: sha1(
      [l.timeNs, l.observedTimeNs, l.eventName, l.severityNumber, l.severityText, l.flags, bodyJson, attributesJson, resource.hash, scope.hash].join('\u0000'),
    ),
  };
}

export function toRowBatch(batch: IngestBatch): RowBatch {
  return {
    spanGroups: batch.spanGroups.map((g) => ({ resource: resourceRow(g.resource), scope: scopeRow(g.scope), rows: g.items.map(spanRow) })),
    logGroups: batch.logGroups.map((g) => {
      const resource = resourceRow(g.resource);
      const scope = scopeRow(g.scope);
      return { resource, scope, rows: g.items.map((l) => logRow(l, resource, scope)) };
    }),
    origin: batch.origin,
    source: batch.source,
  };
}

export function rowCount(batch: RowBatch): number {
  let n = 0;
  for (const g of batch.spanGroups) n += g.rows.length;
  for (const g of batch.logGroups) n += g.rows.length;
  return n;
}
