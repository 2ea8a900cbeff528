/** Decoded OTLP → what the writer inserts (see store/insert-batch.ts). */
import { createHash } from 'node:crypto';
import type { DecodedLogRecord, DecodedResource, DecodedScope, DecodedSpan } from '../otlp/model';
import { summarizeStep } from '../genai/normalize-step';
import { redactBatch } from '../redaction/redact-batch';
import { defaultRedactor, type Redactor } from '../redaction/redactor';
import type { IngestBatch } from './ingest-batch';
import type { InsertBatch, LogInsert, ResourceInsert, ScopeInsert, SpanRow } from '../store/insert-batch';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function resourceInsert(r: DecodedResource): ResourceInsert {
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

export function scopeInsert(s: DecodedScope): ScopeInsert {
  const attributesJson = JSON.stringify(s.attributes);
  return {
    hash: sha1(
      `${s.name}\u0000${s.version}\u0000${attributesJson}\u0000${s.droppedAttributesCount}\u0000${s.schemaUrl}`,
    ),
    name: s.name,
    version: s.version,
    attributesJson,
    droppedAttributesCount: s.droppedAttributesCount,
    schemaUrl: s.schemaUrl,
  };
}

export function spanRow(s: DecodedSpan, resource: DecodedResource, scope: DecodedScope): SpanRow {
  const t = summarizeStep({
    name: s.name,
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    startNs: s.startNs,
    attributes: s.attributes,
    events: s.events,
    scopeName: scope.name,
    resourceAttributes: resource.attributes,
    // Log events are joined when the run is read, whichever arrived first.
    logs: [],
  });
  return [
    s.traceId,
    s.spanId,
    s.parentSpanId,
    s.traceState,
    s.flags,
    s.name,
    s.kind,
    s.startNs,
    s.endNs,
    s.statusCode,
    s.statusMessage,
    JSON.stringify(s.attributes),
    s.droppedAttributesCount,
    // Event times are stored as decimal strings (exact beyond 2^53).
    s.events.length === 0 ? '[]' : JSON.stringify(s.events, bigintReplacer),
    s.droppedEventsCount,
    s.links.length === 0 ? '[]' : JSON.stringify(s.links),
    s.droppedLinksCount,
    t.kind,
    t.operation,
    t.provider,
    t.requestModel,
    t.responseModel,
    t.inputTokens,
    t.outputTokens,
    t.cacheReadTokens,
    t.cacheWriteTokens,
    t.reasoningTokens,
    t.finishReason,
    t.toolName,
    t.toolCallId,
    t.sessionId,
    t.userId,
    t.agentName,
    t.timeToFirstTokenMs,
    t.reportedCostUsd,
  ];
}

/** A log row; its content hash (with its resource and scope) dedupes retried log exports. */
export function logInsert(l: DecodedLogRecord, resource: ResourceInsert, scope: ScopeInsert): LogInsert {
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
      [
        l.timeNs,
        l.observedTimeNs,
        l.eventName,
        l.severityNumber,
        l.severityText,
        l.flags,
        bodyJson,
        attributesJson,
        resource.hash,
        scope.hash,
      ].join('\u0000'),
    ),
  };
}

/**
 * Rows for the writer, with secrets redacted first — before the GenAI normalizer reads the
 * attributes, so no derived column holds a secret either. Every ingest path passes the redactor of
 * the user's settings; without one the built-in rules apply (fail closed).
 */
export function toInsertBatch(raw: IngestBatch, redactor: Redactor = defaultRedactor()): InsertBatch {
  return rowsOfRedacted(redactBatch(raw, redactor));
}

/** Rows for a batch that `redactBatch` already went through (the forwarder keeps that batch too). */
export function rowsOfRedacted(batch: IngestBatch): InsertBatch {
  return {
    spanGroups: batch.spanGroups.map((g) => ({
      resource: resourceInsert(g.resource),
      scope: scopeInsert(g.scope),
      rows: g.items.map((s) => spanRow(s, g.resource, g.scope)),
    })),
    logGroups: batch.logGroups.map((g) => {
      const resource = resourceInsert(g.resource);
      const scope = scopeInsert(g.scope);
      return { resource, scope, rows: g.items.map((l) => logInsert(l, resource, scope)) };
    }),
    origin: batch.origin,
    source: batch.source,
  };
}
