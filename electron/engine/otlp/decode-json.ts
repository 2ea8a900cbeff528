import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
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
  doubleAttr,
  emptyResource,
  emptyScope,
  MAX_VALUE_DEPTH,
  intAttr,
  setAttribute,
} from './model';
import { parseJsonKeepingBigInts } from './json-big-integers';

export class JsonDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonDecodeError';
  }
}

type Json = Record<string, unknown>;

/**
 * OTLP JSON differs from proto3 JSON: ids are hex, enums are integers, keys are lowerCamelCase.
 * This decoder is lenient where the spec allows (int64 as string or number, uppercase hex, unknown
 * fields ignored) and tolerant where senders commonly slip (base64 ids, enum names, snake_case
 * keys), recording a warning for each slip so the sender hears about it in `partialSuccess`.
 */
class JsonReader {
  readonly warnings = new Set<string>();

  get(obj: Json, camel: string, snake?: string): unknown {
    const v = obj[camel];
    if (v !== undefined) return v;
    if (snake !== undefined && obj[snake] !== undefined) {
      this.warnings.add(`snake_case key "${snake}" accepted; OTLP JSON requires lowerCamelCase ("${camel}")`);
      return obj[snake];
    }
    return undefined;
  }

  array(obj: Json, camel: string, snake: string | undefined, where: string): Json[] {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new JsonDecodeError(`${where}.${camel} must be an array`);
    return v.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new JsonDecodeError(`${where}.${camel}[${i}] must be an object`);
      }
      return item as Json;
    });
  }

  object(obj: Json, camel: string, snake?: string): Json | undefined {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      throw new JsonDecodeError(`${camel} must be an object`);
    }
    return v as Json;
  }

  string(obj: Json, camel: string, snake?: string): string {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new JsonDecodeError(`${camel} must be a string`);
  }

  uint(obj: Json, camel: string, snake?: string): number {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null) return 0;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new JsonDecodeError(`${camel} must be a number`);
    }
    return Math.max(0, Math.trunc(n)) >>> 0;
  }

  nanos(obj: Json, camel: string, snake: string): bigint {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null || v === '') return 0n;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.trunc(v));
    if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
    throw new JsonDecodeError(`${camel} must be a non-negative integer (string or number)`);
  }

  enumValue(obj: Json, camel: string, names: readonly string[], snake?: string): number {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null) return 0;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string') {
      const idx = names.indexOf(v);
      if (idx >= 0) {
        this.warnings.add(`enum name "${v}" accepted; OTLP JSON requires integer enum values`);
        return idx;
      }
      if (/^\d+$/.test(v)) return Number(v);
    }
    throw new JsonDecodeError(`${camel} must be an integer enum value`);
  }

  /** Trace/span ids: hex (any case) per OTLP JSON; base64 (proto3 JSON) tolerated with a warning. */
  id(obj: Json, camel: string, snake: string, bytes: number): string {
    const v = this.get(obj, camel, snake);
    if (v === undefined || v === null || v === '') return '';
    if (typeof v !== 'string') throw new JsonDecodeError(`${camel} must be a hex string`);
    const isHex = /^[0-9a-fA-F]+$/.test(v);
    if (isHex && v.length === bytes * 2) return v.toLowerCase();
    // A hex string of the wrong length is a wrong id, not base64 that happens to use only hex letters.
    if (!isHex && /^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
      const decoded = Buffer.from(v, 'base64');
      if (decoded.length === bytes) {
        this.warnings.add(`base64 ${camel} accepted; OTLP JSON requires hex ids`);
        return decoded.toString('hex');
      }
    }
    // Wrong length or not hex: keep a marker that fails validation with a clear reason.
    return `invalid:${v.slice(0, 64)}`;
  }

  attributes(obj: Json, where: string): Attributes {
    const out: Attributes = {};
    for (const kv of this.array(obj, 'attributes', undefined, where)) {
      setAttribute(out, this.string(kv, 'key'), this.anyValue(kv.value));
    }
    return out;
  }

  anyValue(v: unknown, depth = 0): AttrValue {
    if (depth > MAX_VALUE_DEPTH)
      throw new JsonDecodeError(`attribute values nested deeper than ${MAX_VALUE_DEPTH} levels`);
    if (v === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    const o = v as Json;
    if ('stringValue' in o || 'string_value' in o) return this.string(o, 'stringValue', 'string_value');
    if ('boolValue' in o || 'bool_value' in o) {
      const b = this.get(o, 'boolValue', 'bool_value');
      return b === true || b === 'true';
    }
    if ('intValue' in o || 'int_value' in o) return intAttr(parseInt64(this.get(o, 'intValue', 'int_value')));
    if ('doubleValue' in o || 'double_value' in o) {
      const d = this.get(o, 'doubleValue', 'double_value');
      const n = typeof d === 'string' ? Number(d) : d;
      if (typeof n !== 'number') throw new JsonDecodeError('doubleValue must be a number');
      return doubleAttr(n);
    }
    if ('arrayValue' in o || 'array_value' in o) {
      const a = this.object(o, 'arrayValue', 'array_value') ?? {};
      const values = this.get(a, 'values');
      return Array.isArray(values) ? values.map((x) => this.anyValue(x, depth + 1)) : [];
    }
    if ('kvlistValue' in o || 'kvlist_value' in o) {
      const l = this.object(o, 'kvlistValue', 'kvlist_value') ?? {};
      const values = this.get(l, 'values');
      const kv: Attributes = {};
      if (Array.isArray(values)) {
        for (const item of values) {
          if (item && typeof item === 'object') {
            setAttribute(kv, this.string(item as Json, 'key'), this.anyValue((item as Json).value, depth + 1));
          }
        }
      }
      return { $kv: kv };
    }
    if ('bytesValue' in o || 'bytes_value' in o) {
      const s = this.string(o, 'bytesValue', 'bytes_value');
      return { $bytes: Buffer.from(s, 'base64').toString('base64') };
    }
    return null;
  }

  resource(obj: Json | undefined): DecodedResource {
    const res = emptyResource();
    if (!obj) return res;
    res.attributes = this.attributes(obj, 'resource');
    res.droppedAttributesCount = this.uint(obj, 'droppedAttributesCount', 'dropped_attributes_count');
    return res;
  }

  scope(obj: Json | undefined): DecodedScope {
    const s = emptyScope();
    if (!obj) return s;
    s.name = this.string(obj, 'name');
    s.version = this.string(obj, 'version');
    s.attributes = this.attributes(obj, 'scope');
    s.droppedAttributesCount = this.uint(obj, 'droppedAttributesCount', 'dropped_attributes_count');
    return s;
  }
}

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

/** SEVERITY_NUMBER_UNSPECIFIED, then TRACE, TRACE2…TRACE4, DEBUG… up to FATAL4 (1–24). */
const SEVERITY_NUMBERS = [
  'SEVERITY_NUMBER_UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level) =>
    ['', '2', '3', '4'].map((n) => `SEVERITY_NUMBER_${level}${n}`),
  ),
];

/** A log record's severity: an integer or, tolerated, its enum name; never negative. */
function severityNumberOf(r: JsonReader, o: Json): number {
  const n = r.enumValue(o, 'severityNumber', SEVERITY_NUMBERS, 'severity_number');
  if (n < 0) throw new JsonDecodeError('severityNumber must not be negative');
  return n;
}

function parseInt64(v: unknown): number | string {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : BigInt(v).toString();
  }
  throw new JsonDecodeError('intValue must be an integer (string or number)');
}

function parseRoot(text: string): Json {
  // An empty request should succeed (OTLP); a zero-length JSON body is taken as `{}`.
  if (text.trim() === '') return {};
  let root: unknown;
  try {
    root = parseJsonKeepingBigInts(text);
  } catch (err) {
    throw new JsonDecodeError(`invalid JSON: ${(err as Error).message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new JsonDecodeError('the body must be a JSON object');
  }
  return root as Json;
}

function decodeGroups<T>(
  r: JsonReader,
  root: Json,
  keys: { resource: [string, string]; scope: [string, string]; items: [string, string] },
  readItem: (r: JsonReader, o: Json) => T,
): ScopeGroup<T>[] {
  const groups: ScopeGroup<T>[] = [];
  for (const rs of r.array(root, keys.resource[0], keys.resource[1], 'root')) {
    const resource = r.resource(r.object(rs, 'resource'));
    resource.schemaUrl = r.string(rs, 'schemaUrl', 'schema_url');
    for (const ss of r.array(rs, keys.scope[0], keys.scope[1], keys.resource[0])) {
      const scope = r.scope(r.object(ss, 'scope'));
      scope.schemaUrl = r.string(ss, 'schemaUrl', 'schema_url');
      const items = r.array(ss, keys.items[0], keys.items[1], keys.scope[0]).map((o) => readItem(r, o));
      groups.push({ resource, scope, items });
    }
  }
  return groups;
}

/** Decodes an OTLP JSON `ExportTraceServiceRequest`. Throws JsonDecodeError. */
export function decodeTracesJson(text: string): DecodedTraces {
  const r = new JsonReader();
  const groups = decodeGroups(
    r,
    parseRoot(text),
    {
      resource: ['resourceSpans', 'resource_spans'],
      scope: ['scopeSpans', 'scope_spans'],
      items: ['spans', 'spans'],
    },
    readSpan,
  );
  return { groups, warnings: [...r.warnings] };
}

/** Decodes an OTLP JSON `ExportLogsServiceRequest`. Throws JsonDecodeError. */
export function decodeLogsJson(text: string): DecodedLogs {
  const r = new JsonReader();
  const groups = decodeGroups(
    r,
    parseRoot(text),
    {
      resource: ['resourceLogs', 'resource_logs'],
      scope: ['scopeLogs', 'scope_logs'],
      items: ['logRecords', 'log_records'],
    },
    readLogRecord,
  );
  return { groups, warnings: [...r.warnings] };
}

function readSpan(r: JsonReader, o: Json): DecodedSpan {
  const status = r.object(o, 'status') ?? {};
  return {
    traceId: r.id(o, 'traceId', 'trace_id', 16),
    spanId: r.id(o, 'spanId', 'span_id', 8),
    parentSpanId: r.id(o, 'parentSpanId', 'parent_span_id', 8),
    traceState: r.string(o, 'traceState', 'trace_state'),
    name: r.string(o, 'name'),
    kind: r.enumValue(o, 'kind', SPAN_KINDS),
    startNs: r.nanos(o, 'startTimeUnixNano', 'start_time_unix_nano'),
    endNs: r.nanos(o, 'endTimeUnixNano', 'end_time_unix_nano'),
    attributes: r.attributes(o, 'span'),
    droppedAttributesCount: r.uint(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    events: r.array(o, 'events', undefined, 'span').map((e) => readEvent(r, e)),
    droppedEventsCount: r.uint(o, 'droppedEventsCount', 'dropped_events_count'),
    links: r.array(o, 'links', undefined, 'span').map((l) => readLink(r, l)),
    droppedLinksCount: r.uint(o, 'droppedLinksCount', 'dropped_links_count'),
    statusCode: r.enumValue(status, 'code', STATUS_CODES),
    statusMessage: r.string(status, 'message'),
    flags: r.uint(o, 'flags'),
  };
}

function readEvent(r: JsonReader, o: Json): DecodedEvent {
  return {
    timeNs: r.nanos(o, 'timeUnixNano', 'time_unix_nano'),
    name: r.string(o, 'name'),
    attributes: r.attributes(o, 'event'),
    droppedAttributesCount: r.uint(o, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

function readLink(r: JsonReader, o: Json): DecodedLink {
  return {
    traceId: r.id(o, 'traceId', 'trace_id', 16),
    spanId: r.id(o, 'spanId', 'span_id', 8),
    traceState: r.string(o, 'traceState', 'trace_state'),
    attributes: r.attributes(o, 'link'),
    droppedAttributesCount: r.uint(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: r.uint(o, 'flags'),
  };
}

function readLogRecord(r: JsonReader, o: Json): DecodedLogRecord {
  return {
    timeNs: r.nanos(o, 'timeUnixNano', 'time_unix_nano'),
    observedTimeNs: r.nanos(o, 'observedTimeUnixNano', 'observed_time_unix_nano'),
    severityNumber: severityNumberOf(r, o),
    severityText: r.string(o, 'severityText', 'severity_text'),
    body: r.anyValue(o.body),
    attributes: r.attributes(o, 'logRecord'),
    droppedAttributesCount: r.uint(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: r.uint(o, 'flags'),
    traceId: r.id(o, 'traceId', 'trace_id', 16),
    spanId: r.id(o, 'spanId', 'span_id', 8),
    eventName: r.string(o, 'eventName', 'event_name'),
  };
}
