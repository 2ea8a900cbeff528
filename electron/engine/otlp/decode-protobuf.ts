import {
  type DecodedEvent,
  type DecodedLink,
  type DecodedLogRecord,
  type DecodedLogs,
  type DecodedResource,
  type DecodedScope,
  type DecodedSpan,
  type DecodedTraces,
  type ScopeGroup,
  emptyResource,
  emptyScope,
} from './model';
import { readAnyValue, readKeyValue } from './protobuf-any-value';
import { ProtobufReader, WIRE_LEN } from './protobuf-reader';

// Field numbers from opentelemetry-proto (common/v1, resource/v1, trace/v1, logs/v1, collector/*).

/** Decodes an `ExportTraceServiceRequest` in protobuf. Throws ProtobufDecodeError. */
export function decodeTracesProtobuf(buf: Buffer): DecodedTraces {
  const groups: ScopeGroup<DecodedSpan>[] = [];
  const r = new ProtobufReader(buf);
  while (!r.done) {
    const t = r.tag();
    if (t === ((1 << 3) | WIRE_LEN)) readResourceGroups(r.sub(), groups, readSpan);
    else r.skip(t & 7);
  }
  return { groups, warnings: [] };
}

/** Decodes an `ExportLogsServiceRequest` in protobuf. Throws ProtobufDecodeError. */
export function decodeLogsProtobuf(buf: Buffer): DecodedLogs {
  const groups: ScopeGroup<DecodedLogRecord>[] = [];
  const r = new ProtobufReader(buf);
  while (!r.done) {
    const t = r.tag();
    if (t === ((1 << 3) | WIRE_LEN)) readResourceGroups(r.sub(), groups, readLogRecord);
    else r.skip(t & 7);
  }
  return { groups, warnings: [] };
}

/** ResourceSpans / ResourceLogs: 1 resource, 2 scope_spans|scope_logs, 3 schema_url. */
function readResourceGroups<T>(r: ProtobufReader, out: ScopeGroup<T>[], readItem: (r: ProtobufReader) => T): void {
  let resource: DecodedResource = emptyResource();
  const scopeReaders: ProtobufReader[] = [];
  let schemaUrl = '';
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        resource = readResource(r.sub());
        break;
      case (2 << 3) | WIRE_LEN:
        scopeReaders.push(r.sub());
        break;
      case (3 << 3) | WIRE_LEN:
        schemaUrl = r.string();
        break;
      default:
        r.skip(t & 7);
    }
  }
  resource.schemaUrl = schemaUrl;
  for (const sr of scopeReaders) out.push(readScopeGroup(sr, resource, readItem));
}

/** ScopeSpans / ScopeLogs: 1 scope, 2 spans|log_records, 3 schema_url. */
function readScopeGroup<T>(
  r: ProtobufReader,
  resource: DecodedResource,
  readItem: (r: ProtobufReader) => T,
): ScopeGroup<T> {
  let scope: DecodedScope = emptyScope();
  const items: T[] = [];
  let schemaUrl = '';
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        scope = readScope(r.sub());
        break;
      case (2 << 3) | WIRE_LEN:
        items.push(readItem(r.sub()));
        break;
      case (3 << 3) | WIRE_LEN:
        schemaUrl = r.string();
        break;
      default:
        r.skip(t & 7);
    }
  }
  scope.schemaUrl = schemaUrl;
  return { resource, scope, items };
}

/** Resource: 1 attributes, 2 dropped_attributes_count. */
function readResource(r: ProtobufReader): DecodedResource {
  const res = emptyResource();
  while (!r.done) {
    const t = r.tag();
    if (t === ((1 << 3) | WIRE_LEN)) readKeyValue(r.sub(), res.attributes);
    else if (t === 2 << 3) res.droppedAttributesCount = r.uint32();
    else r.skip(t & 7);
  }
  return res;
}

/** InstrumentationScope: 1 name, 2 version, 3 attributes, 4 dropped_attributes_count. */
function readScope(r: ProtobufReader): DecodedScope {
  const s = emptyScope();
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        s.name = r.string();
        break;
      case (2 << 3) | WIRE_LEN:
        s.version = r.string();
        break;
      case (3 << 3) | WIRE_LEN:
        readKeyValue(r.sub(), s.attributes);
        break;
      case 4 << 3:
        s.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(t & 7);
    }
  }
  return s;
}

/**
 * Span: 1 trace_id, 2 span_id, 3 trace_state, 4 parent_span_id, 5 name, 6 kind,
 * 7 start_time_unix_nano, 8 end_time_unix_nano, 9 attributes, 10 dropped_attributes_count,
 * 11 events, 12 dropped_events_count, 13 links, 14 dropped_links_count, 15 status, 16 flags.
 */
function readSpan(r: ProtobufReader): DecodedSpan {
  const s: DecodedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    name: '',
    kind: 0,
    startNs: 0n,
    endNs: 0n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 0,
    statusMessage: '',
    flags: 0,
  };
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        s.traceId = r.hex();
        break;
      case (2 << 3) | WIRE_LEN:
        s.spanId = r.hex();
        break;
      case (3 << 3) | WIRE_LEN:
        s.traceState = r.string();
        break;
      case (4 << 3) | WIRE_LEN:
        s.parentSpanId = r.hex();
        break;
      case (5 << 3) | WIRE_LEN:
        s.name = r.string();
        break;
      case 6 << 3:
        s.kind = r.uint32();
        break;
      case (7 << 3) | 1:
        s.startNs = r.fixed64();
        break;
      case (8 << 3) | 1:
        s.endNs = r.fixed64();
        break;
      case (9 << 3) | WIRE_LEN:
        readKeyValue(r.sub(), s.attributes);
        break;
      case 10 << 3:
        s.droppedAttributesCount = r.uint32();
        break;
      case (11 << 3) | WIRE_LEN:
        s.events.push(readEvent(r.sub()));
        break;
      case 12 << 3:
        s.droppedEventsCount = r.uint32();
        break;
      case (13 << 3) | WIRE_LEN:
        s.links.push(readLink(r.sub()));
        break;
      case 14 << 3:
        s.droppedLinksCount = r.uint32();
        break;
      case (15 << 3) | WIRE_LEN:
        readStatus(r.sub(), s);
        break;
      case (16 << 3) | 5:
        s.flags = r.fixed32();
        break;
      default:
        r.skip(t & 7);
    }
  }
  return s;
}

/** Status: 2 message, 3 code. */
function readStatus(r: ProtobufReader, s: DecodedSpan): void {
  while (!r.done) {
    const t = r.tag();
    if (t === ((2 << 3) | WIRE_LEN)) s.statusMessage = r.string();
    else if (t === 3 << 3) s.statusCode = r.uint32();
    else r.skip(t & 7);
  }
}

/** Span.Event: 1 time_unix_nano, 2 name, 3 attributes, 4 dropped_attributes_count. */
function readEvent(r: ProtobufReader): DecodedEvent {
  const e: DecodedEvent = { timeNs: 0n, name: '', attributes: {}, droppedAttributesCount: 0 };
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | 1:
        e.timeNs = r.fixed64();
        break;
      case (2 << 3) | WIRE_LEN:
        e.name = r.string();
        break;
      case (3 << 3) | WIRE_LEN:
        readKeyValue(r.sub(), e.attributes);
        break;
      case 4 << 3:
        e.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(t & 7);
    }
  }
  return e;
}

/** Span.Link: 1 trace_id, 2 span_id, 3 trace_state, 4 attributes, 5 dropped, 6 flags. */
function readLink(r: ProtobufReader): DecodedLink {
  const l: DecodedLink = {
    traceId: '',
    spanId: '',
    traceState: '',
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
  };
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        l.traceId = r.hex();
        break;
      case (2 << 3) | WIRE_LEN:
        l.spanId = r.hex();
        break;
      case (3 << 3) | WIRE_LEN:
        l.traceState = r.string();
        break;
      case (4 << 3) | WIRE_LEN:
        readKeyValue(r.sub(), l.attributes);
        break;
      case 5 << 3:
        l.droppedAttributesCount = r.uint32();
        break;
      case (6 << 3) | 5:
        l.flags = r.fixed32();
        break;
      default:
        r.skip(t & 7);
    }
  }
  return l;
}

/**
 * LogRecord: 1 time_unix_nano, 11 observed_time_unix_nano, 2 severity_number, 3 severity_text,
 * 5 body, 6 attributes, 7 dropped_attributes_count, 8 flags, 9 trace_id, 10 span_id, 12 event_name.
 */
function readLogRecord(r: ProtobufReader): DecodedLogRecord {
  const l: DecodedLogRecord = {
    timeNs: 0n,
    observedTimeNs: 0n,
    severityNumber: 0,
    severityText: '',
    body: null,
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | 1:
        l.timeNs = r.fixed64();
        break;
      case (11 << 3) | 1:
        l.observedTimeNs = r.fixed64();
        break;
      case 2 << 3:
        l.severityNumber = r.uint32();
        break;
      case (3 << 3) | WIRE_LEN:
        l.severityText = r.string();
        break;
      case (5 << 3) | WIRE_LEN:
        l.body = readAnyValue(r.sub());
        break;
      case (6 << 3) | WIRE_LEN:
        readKeyValue(r.sub(), l.attributes);
        break;
      case 7 << 3:
        l.droppedAttributesCount = r.uint32();
        break;
      case (8 << 3) | 5:
        l.flags = r.fixed32();
        break;
      case (9 << 3) | WIRE_LEN:
        l.traceId = r.hex();
        break;
      case (10 << 3) | WIRE_LEN:
        l.spanId = r.hex();
        break;
      case (12 << 3) | WIRE_LEN:
        l.eventName = r.string();
        break;
      default:
        r.skip(t & 7);
    }
  }
  return l;
}
