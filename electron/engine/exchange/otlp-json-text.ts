/**
 * Stored values → OTLP JSON text, exactly: the lossless attribute form of
 * shared/domain/attributes.ts maps back to OTLP AnyValue (`$int` → intValue as a decimal string,
 * `$double` → doubleValue, non-finite doubles as "NaN" / "Infinity" / "-Infinity" as proto3 JSON
 * writes them, `$bytes` → bytesValue in base64, `$kv` → kvlistValue, `null` → an empty AnyValue).
 * Int64 values and nanosecond times are decimal strings, enums integers, ids lowercase hex (OTLP
 * JSON). Fields at their default (empty string, 0, empty list) are left out, as proto3 JSON does.
 */
import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
import type { SpanRecord } from '../../../shared/domain/run';

export function anyValueJson(v: AttrValue): string {
  if (v === null) return '{}';
  switch (typeof v) {
    case 'string':
      return `{"stringValue":${JSON.stringify(v)}}`;
    case 'boolean':
      return `{"boolValue":${v}}`;
    case 'number':
      // Plain numbers are safe integers (ints) or non-integral doubles; integral doubles carry `$double`.
      return Number.isSafeInteger(v) ? `{"intValue":"${v}"}` : `{"doubleValue":${JSON.stringify(v)}}`;
  }
  if (Array.isArray(v)) return `{"arrayValue":{"values":[${v.map(anyValueJson).join(',')}]}}`;
  if ('$int' in v) return `{"intValue":${JSON.stringify(String(v.$int))}}`;
  if ('$double' in v) {
    const d = v.$double;
    return typeof d === 'number' && Number.isFinite(d)
      ? `{"doubleValue":${JSON.stringify(d)}}`
      : `{"doubleValue":${JSON.stringify(String(d))}}`;
  }
  if ('$bytes' in v) return `{"bytesValue":${JSON.stringify(v.$bytes)}}`;
  if ('$kv' in v) return `{"kvlistValue":{"values":${keyValuesJson(v.$kv)}}}`;
  return '{}';
}

export function keyValuesJson(attributes: Attributes): string {
  const parts: string[] = [];
  for (const key of Object.keys(attributes)) {
    parts.push(`{"key":${JSON.stringify(key)},"value":${anyValueJson(attributes[key]!)}}`);
  }
  return `[${parts.join(',')}]`;
}

/** `,"name":value` for a non-zero count, '' otherwise. */
function count(name: string, n: number): string {
  return n !== 0 ? `,"${name}":${n}` : '';
}

function str(name: string, s: string): string {
  return s !== '' ? `,"${name}":${JSON.stringify(s)}` : '';
}

export interface ResourceJsonInput {
  attributes: Attributes;
  droppedAttributesCount: number;
}

export function resourceJson(r: ResourceJsonInput): string {
  return `{"attributes":${keyValuesJson(r.attributes)}${count('droppedAttributesCount', r.droppedAttributesCount)}}`;
}

export interface ScopeJsonInput {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export function scopeJson(s: ScopeJsonInput): string {
  const attrs = Object.keys(s.attributes).length > 0 ? `,"attributes":${keyValuesJson(s.attributes)}` : '';
  return (
    `{"name":${JSON.stringify(s.name)},"version":${JSON.stringify(s.version)}${attrs}` +
    `${count('droppedAttributesCount', s.droppedAttributesCount)}}`
  );
}

/** A stored span (its JSON columns still as text, ns times as decimal text) → an OTLP JSON Span. */
export type SpanJsonInput = Omit<
  SpanRecord,
  'durationMs' | 'attributes' | 'events' | 'links' | 'resourceIndex' | 'scopeIndex'
> & {
  attributesJson: string;
  eventsJson: string;
  linksJson: string;
};

interface StoredEvent {
  timeNs: string;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

interface StoredLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export function spanJson(s: SpanJsonInput): string {
  const events = s.eventsJson === '[]' ? [] : (JSON.parse(s.eventsJson) as StoredEvent[]);
  const links = s.linksJson === '[]' ? [] : (JSON.parse(s.linksJson) as StoredLink[]);
  const eventsPart =
    events.length > 0
      ? `,"events":[${events
          .map(
            (e) =>
              `{"timeUnixNano":"${String(e.timeNs)}","name":${JSON.stringify(e.name)},` +
              `"attributes":${keyValuesJson(e.attributes)}${count('droppedAttributesCount', e.droppedAttributesCount)}}`,
          )
          .join(',')}]`
      : '';
  const linksPart =
    links.length > 0
      ? `,"links":[${links
          .map(
            (l) =>
              `{"traceId":"${l.traceId}","spanId":"${l.spanId}"${str('traceState', l.traceState)},` +
              `"attributes":${keyValuesJson(l.attributes)}${count('droppedAttributesCount', l.droppedAttributesCount)}` +
              `${count('flags', l.flags)}}`,
          )
          .join(',')}]`
      : '';
  const status = `{"code":${s.statusCode}${str('message', s.statusMessage)}}`;
  return (
    `{"traceId":"${s.traceId}","spanId":"${s.spanId}"${str('traceState', s.traceState)}` +
    `${str('parentSpanId', s.parentSpanId)},"flags":${s.flags},"name":${JSON.stringify(s.name)},"kind":${s.kind},` +
    `"startTimeUnixNano":"${s.startNs}","endTimeUnixNano":"${s.endNs}",` +
    `"attributes":${keyValuesJson(JSON.parse(s.attributesJson) as Attributes)}` +
    `${count('droppedAttributesCount', s.droppedAttributesCount)}${eventsPart}` +
    `${count('droppedEventsCount', s.droppedEventsCount)}${linksPart}` +
    `${count('droppedLinksCount', s.droppedLinksCount)},"status":${status}}`
  );
}

/** A stored log record → an OTLP JSON LogRecord. */
export interface LogJsonInput {
  traceId: string;
  spanId: string;
  timeNs: string;
  observedTimeNs: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  bodyJson: string;
  attributesJson: string;
  droppedAttributesCount: number;
  flags: number;
}

export function logJson(l: LogJsonInput): string {
  const body = JSON.parse(l.bodyJson) as AttrValue;
  return (
    `{"timeUnixNano":"${l.timeNs}","observedTimeUnixNano":"${l.observedTimeNs}"` +
    `${count('severityNumber', l.severityNumber)}${str('severityText', l.severityText)}` +
    `${body === null ? '' : `,"body":${anyValueJson(body)}`},"attributes":${keyValuesJson(JSON.parse(l.attributesJson) as Attributes)}` +
    `${count('droppedAttributesCount', l.droppedAttributesCount)}${count('flags', l.flags)}` +
    `${str('traceId', l.traceId)}${str('spanId', l.spanId)}${str('eventName', l.eventName)}}`
  );
}
