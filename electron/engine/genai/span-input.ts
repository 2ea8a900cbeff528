import type { Attributes, AttrValue } from '../../../shared/domain/attributes';

/** A log event (OTLP log record) joined to its span by trace and span id. */
export interface LinkedLogEvent {
  eventName: string;
  body: AttrValue;
  attributes: Attributes;
}

/**
 * Everything the normalizer reads: one span, its scope and resource, and the log events joined to
 * it. Built from a decoded span at ingest and from a stored span when a run is read.
 */
export interface SpanInput {
  name: string;
  statusCode: number;
  statusMessage: string;
  /** Nanoseconds since the epoch (for times some conventions report as absolute timestamps). */
  startNs: bigint;
  attributes: Attributes;
  events: ReadonlyArray<{ name: string; attributes: Attributes }>;
  scopeName: string;
  resourceAttributes: Attributes;
  logs: readonly LinkedLogEvent[];
}
