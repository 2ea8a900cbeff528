import type { Attributes, AttrValue } from '../../../shared/domain/attributes';

/** A span as decoded from OTLP (protobuf or JSON), before validation. Ids are lowercase hex. */
export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: DecodedEvent[];
  droppedEventsCount: number;
  links: DecodedLink[];
  droppedLinksCount: number;
  statusCode: number;
  statusMessage: string;
  flags: number;
}

export interface DecodedEvent {
  timeNs: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface DecodedLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface DecodedResource {
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface DecodedScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface DecodedLogRecord {
  timeNs: bigint;
  observedTimeNs: bigint;
  severityNumber: number;
  severityText: string;
  body: AttrValue;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface ScopeGroup<T> {
  resource: DecodedResource;
  scope: DecodedScope;
  items: T[];
}

/** A decoded ExportTraceServiceRequest / ExportLogsServiceRequest, flattened to scope groups. */
export interface DecodedRequest<T> {
  groups: ScopeGroup<T>[];
  /** Non-fatal remarks about the payload (e.g. snake_case JSON keys), returned to the sender. */
  warnings: string[];
}

export type DecodedTraces = DecodedRequest<DecodedSpan>;
export type DecodedLogs = DecodedRequest<DecodedLogRecord>;

export function emptyResource(): DecodedResource {
  return { attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
}

export function emptyScope(): DecodedScope {
  return { name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
}

/** Arrays and key/value lists nested deeper than this are refused (a stack-exhaustion guard). */
export const MAX_VALUE_DEPTH = 64;

/**
 * Sets an attribute, keeping a key named `__proto__` as an ordinary key (plain assignment would
 * change the object's prototype and silently drop the attribute).
 */
export function setAttribute(into: Attributes, key: string, value: AttrValue): void {
  if (key === '__proto__')
    Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
}

/** Wraps a decoded double so integral and non-finite values stay doubles after a JSON round trip. */
export function doubleAttr(d: number): AttrValue {
  if (Number.isFinite(d)) return Number.isInteger(d) ? { $double: d } : d;
  return { $double: String(d) };
}

/** Wraps an int64 (number when exact, decimal string otherwise). */
export function intAttr(v: number | string): AttrValue {
  return typeof v === 'number' ? v : { $int: v };
}
