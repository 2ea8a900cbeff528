/**
 * Jaeger JSON → decoded OTLP spans.
 *
 * The input is what the Jaeger UI downloads and the Jaeger query API returns
 * (`GET /api/traces/{id}`, `GET /api/traces?service=…`): `{"data": [Trace, …]}`, where a Trace is
 * `{traceID, spans: [Span], processes: {p1: {serviceName, tags}}, warnings}` and a Span is
 * `{traceID, spanID, flags, operationName, references: [{refType, traceID, spanID}], startTime,
 * duration, tags: [{key, type, value}], logs: [{timestamp, fields}], processID, warnings}` with
 * times in microseconds (jaegertracing/jaeger model/json/model.go). A bare Trace or an array of
 * Traces is accepted as well.
 *
 * The mapping follows the OpenTelemetry Collector's Jaeger → OTLP translator
 * (opentelemetry-collector-contrib pkg/translator/jaeger/jaegerproto_to_traces.go):
 * - ids are hex; Jaeger drops leading zeros, so they are left-padded to 32 / 16 digits;
 * - µs → ns; end = start + duration;
 * - tags keep their type: string, bool, int64 (exact beyond 2^53), float64, binary (base64);
 * - `span.kind` → kind; `error=true` → status ERROR, else `otel.status_code` (OK / ERROR), with
 *   `otel.status_description` as the message; `w3c.tracestate` → trace state;
 *   `otel.scope.name`/`otel.scope.version` (or the older `otel.library.*`) → the scope; these tags
 *   are consumed, the others become attributes;
 * - logs → events, named by their `event` field;
 * - the first CHILD_OF reference in the same trace is the parent (else the first FOLLOWS_FROM, as
 *   Jaeger's own model does); every other reference becomes a link with `opentracing.ref_type`;
 * - the process → the resource: `service.name` plus the process tags;
 * - Jaeger's `sampled` flag (bit 0) is the W3C sampled flag; its other flags have no OTLP meaning.
 * `warnings` are notes Jaeger's query service adds when it reads a trace (clock skew, invalid
 * parents), not span data; they are not stored.
 */
import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
import {
  type DecodedEvent,
  type DecodedLink,
  type DecodedResource,
  type DecodedScope,
  type DecodedSpan,
  type DecodedTraces,
  type ScopeGroup,
  doubleAttr,
  emptyScope,
  intAttr,
  setAttribute,
} from '../otlp/model';
import { ownEntry } from '../../../shared/domain/own-entry';

type Json = Record<string, unknown>;

export class JaegerJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JaegerJsonError';
  }
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isTrace(v: unknown): v is Json {
  return isObject(v) && Array.isArray(v.spans) && ('traceID' in v || 'processes' in v);
}

/** Whether a parsed JSON value looks like Jaeger JSON: `{data: [traces]}`, a trace, or an array of traces. */
export function isJaegerJson(root: unknown): boolean {
  if (Array.isArray(root)) return root.length > 0 && isTrace(root[0]);
  if (!isObject(root)) return false;
  if (Array.isArray(root.data)) return root.data.length === 0 || isTrace(root.data[0]);
  return isTrace(root);
}

/** The traces of a Jaeger JSON value, one by one (each is converted on its own). */
export function jaegerTraces(root: unknown): unknown[] {
  if (Array.isArray(root)) return root;
  if (isObject(root) && Array.isArray(root.data)) return root.data;
  return [root];
}

const KINDS: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/** Converts one Jaeger trace object. Throws JaegerJsonError when it is not one. */
export function decodeJaegerTrace(trace: unknown): DecodedTraces {
  if (!isTrace(trace)) throw new JaegerJsonError('not a Jaeger trace (expected {traceID, spans, processes})');
  const processes = isObject(trace.processes) ? trace.processes : {};
  const resources = new Map<string, DecodedResource>();
  const resourceFor = (processId: string, inline: unknown): DecodedResource => {
    const key = inline !== undefined ? `\u0000inline:${JSON.stringify(inline)}` : processId;
    let r = resources.get(key);
    if (!r) {
      r = processResource(inline ?? processes[processId]);
      resources.set(key, r);
    }
    return r;
  };
  const groups = new Map<string, ScopeGroup<DecodedSpan>>();
  const order: ScopeGroup<DecodedSpan>[] = [];
  for (const [i, raw] of (trace.spans as unknown[]).entries()) {
    if (!isObject(raw)) throw new JaegerJsonError(`spans[${i}] must be an object`);
    const processId = typeof raw.processID === 'string' ? raw.processID : '';
    const resource = resourceFor(processId, raw.process);
    const { span, scope } = convertSpan(raw, i);
    const key = `${processId}\u0000${raw.process !== undefined ? JSON.stringify(raw.process) : ''}\u0000${scope.name}\u0000${scope.version}`;
    let g = groups.get(key);
    if (!g) {
      g = { resource, scope, items: [] };
      groups.set(key, g);
      order.push(g);
    }
    g.items.push(span);
  }
  return { groups: order, warnings: [] };
}

function processResource(p: unknown): DecodedResource {
  const attributes: Attributes = {};
  if (isObject(p)) {
    if (typeof p.serviceName === 'string' && p.serviceName !== '') attributes['service.name'] = p.serviceName;
    readTags(p.tags, attributes, 'process.tags');
  }
  return { attributes, droppedAttributesCount: 0, schemaUrl: '' };
}

function convertSpan(raw: Json, index: number): { span: DecodedSpan; scope: DecodedScope } {
  const where = `spans[${index}]`;
  const traceId = hexId(raw.traceID, 32);
  const spanId = hexId(raw.spanID, 16);
  const startUs = micros(raw.startTime, `${where}.startTime`);
  const durationUs = micros(raw.duration, `${where}.duration`);
  const attributes: Attributes = {};
  readTags(raw.tags, attributes, `${where}.tags`);

  const scope = emptyScope();
  const scopeName = take(attributes, 'otel.scope.name') ?? take(attributes, 'otel.library.name');
  const scopeVersion = take(attributes, 'otel.scope.version') ?? take(attributes, 'otel.library.version');
  if (typeof scopeName === 'string') scope.name = scopeName;
  if (typeof scopeVersion === 'string') scope.version = scopeVersion;

  const kindTag = take(attributes, 'span.kind');
  const kind = typeof kindTag === 'string' ? (ownEntry(KINDS, kindTag.toLowerCase()) ?? 0) : 0;
  const traceStateTag = take(attributes, 'w3c.tracestate');
  const { statusCode, statusMessage } = readStatus(attributes);

  const { parentSpanId, links } = readReferences(raw, traceId);
  const flags = typeof raw.flags === 'number' ? raw.flags & 0x01 : 0;
  const span: DecodedSpan = {
    traceId,
    spanId,
    parentSpanId,
    traceState: typeof traceStateTag === 'string' ? traceStateTag : '',
    name: typeof raw.operationName === 'string' ? raw.operationName : '',
    kind,
    startNs: startUs * 1000n,
    endNs: (startUs + durationUs) * 1000n,
    attributes,
    droppedAttributesCount: 0,
    events: readLogs(raw.logs, where),
    droppedEventsCount: 0,
    links,
    droppedLinksCount: 0,
    statusCode,
    statusMessage,
    flags,
  };
  return { span, scope };
}

/** As the Collector's translator: `error=true` is the final word; otherwise `otel.status_code`. */
function readStatus(attributes: Attributes): { statusCode: number; statusMessage: string } {
  let statusCode = 0;
  let statusMessage = '';
  let decided = false;
  const error = attributes.error;
  if (error === true) {
    delete attributes.error;
    statusCode = 2;
    decided = true;
    const desc = take(attributes, 'otel.status_description');
    if (typeof desc === 'string') statusMessage = desc;
  }
  const code = take(attributes, 'otel.status_code');
  if (code !== undefined && !decided) {
    const upper = typeof code === 'string' ? code.toUpperCase() : '';
    if (upper === 'OK') statusCode = 1;
    else if (upper === 'ERROR') statusCode = 2;
    const desc = take(attributes, 'otel.status_description');
    if (typeof desc === 'string') statusMessage = desc;
  }
  return { statusCode, statusMessage };
}

function readReferences(raw: Json, traceId: string): { parentSpanId: string; links: DecodedLink[] } {
  const refs = Array.isArray(raw.references) ? raw.references.filter(isObject) : [];
  const parsed = refs.map((r) => ({
    type: typeof r.refType === 'string' ? r.refType.toUpperCase() : 'CHILD_OF',
    traceId: hexId(r.traceID ?? raw.traceID, 32),
    spanId: hexId(r.spanID, 16),
  }));
  const parent =
    parsed.find((r) => r.type === 'CHILD_OF' && r.traceId === traceId) ??
    parsed.find((r) => r.type === 'FOLLOWS_FROM' && r.traceId === traceId);
  let parentSpanId = parent?.spanId ?? '';
  // Some older exports carry `parentSpanID` on the span instead of references ("0" for none).
  if (!parent && typeof raw.parentSpanID === 'string' && !/^0*$/.test(raw.parentSpanID)) {
    parentSpanId = hexId(raw.parentSpanID, 16);
  }
  // A CHILD_OF parent is the tree edge itself; a FOLLOWS_FROM parent is also kept as a link (its type is information).
  const edge = parent?.type === 'CHILD_OF' ? parent : undefined;
  const links: DecodedLink[] = parsed
    .filter((r) => r !== edge)
    .map((r) => ({
      traceId: r.traceId,
      spanId: r.spanId,
      traceState: '',
      attributes: { 'opentracing.ref_type': r.type === 'FOLLOWS_FROM' ? 'follows_from' : 'child_of' },
      droppedAttributesCount: 0,
      flags: 0,
    }));
  return { parentSpanId, links };
}

function readLogs(logs: unknown, where: string): DecodedEvent[] {
  if (!Array.isArray(logs)) return [];
  return logs.filter(isObject).map((l, i) => {
    const attributes: Attributes = {};
    readTags(l.fields, attributes, `${where}.logs[${i}].fields`);
    const name = take(attributes, 'event');
    return {
      timeNs: micros(l.timestamp, `${where}.logs[${i}].timestamp`) * 1000n,
      name: typeof name === 'string' ? name : '',
      attributes,
      droppedAttributesCount: 0,
    };
  });
}

function readTags(tags: unknown, into: Attributes, where: string): void {
  if (tags === undefined || tags === null) return;
  if (!Array.isArray(tags)) throw new JaegerJsonError(`${where} must be an array`);
  for (const t of tags) {
    if (!isObject(t) || typeof t.key !== 'string') continue;
    setAttribute(into, t.key, tagValue(t, where));
  }
}

/** A typed Jaeger tag value → the lossless attribute form. */
function tagValue(t: Json, where: string): AttrValue {
  const v = t.value;
  const type = typeof t.type === 'string' ? t.type.toLowerCase() : inferType(v);
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v as string | number | boolean);
    case 'bool':
      return v === true || v === 'true';
    case 'int64':
      return int64(v, `${where}: ${t.key as string}`);
    case 'float64': {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n !== 'number') throw new JaegerJsonError(`${where}: ${t.key as string} must be a number`);
      return doubleAttr(n);
    }
    case 'binary':
      if (typeof v === 'string') return { $bytes: Buffer.from(v, 'base64').toString('base64') };
      if (Array.isArray(v)) return { $bytes: Buffer.from(v.map((b) => Number(b) & 0xff)).toString('base64') };
      return { $bytes: '' };
    default:
      return typeof v === 'string' ? v : JSON.stringify(v ?? null);
  }
}

function inferType(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'string';
}

function int64(v: unknown, what: string): AttrValue {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : intAttr(BigInt(v).toString());
  }
  throw new JaegerJsonError(`${what} must be an integer`);
}

/** Microseconds (a number, or a decimal string when the JSON reader kept a large value exact). */
function micros(v: unknown, what: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.trunc(v));
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  throw new JaegerJsonError(`${what} must be a non-negative integer (microseconds)`);
}

/** Jaeger writes ids as hex without leading zeros; OTLP wants 16 / 8 bytes. */
function hexId(v: unknown, digits: number): string {
  if (typeof v !== 'string' || v === '') return '';
  const lower = v.toLowerCase();
  if (/^[0-9a-f]+$/.test(lower) && lower.length <= digits) return lower.padStart(digits, '0');
  return `invalid:${v.slice(0, 64)}`;
}

function take(attributes: Attributes, key: string): AttrValue | undefined {
  if (!Object.prototype.hasOwnProperty.call(attributes, key)) return undefined;
  const v = attributes[key];
  delete attributes[key];
  return v;
}
