import { randomBytes } from 'node:crypto';

/**
 * Hand-built OTLP payloads for bad-input tests: a tiny protobuf writer (so a test can put any bytes
 * anywhere, e.g. invalid UTF-8 or out-of-range timestamps), a protobuf field reader for the
 * receiver's answers, and OTLP JSON builders.
 */

export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newSpanId = (): string => randomBytes(8).toString('hex');

// ---------------------------------------------------------------- protobuf writer

function varint(value: number | bigint): Buffer {
  let v = BigInt(value);
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

const key = (field: number, wire: number): Buffer => varint((field << 3) | wire);

export function pbLen(field: number, payload: Buffer | string): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([key(field, 2), varint(bytes.length), bytes]);
}

export function pbVarint(field: number, value: number | bigint): Buffer {
  return Buffer.concat([key(field, 0), varint(value)]);
}

export function pbFixed64(field: number, value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return Buffer.concat([key(field, 1), b]);
}

/** A string attribute; key and value may be raw bytes (e.g. invalid UTF-8). */
export type PbAttr = [key: string | Buffer, value: string | Buffer];

export interface PbSpan {
  /** hex */
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** A string, or raw bytes sent as-is. */
  name: string | Buffer;
  kind?: number;
  startNs: bigint;
  endNs: bigint;
  attributes?: PbAttr[];
  statusCode?: number;
}

function pbKeyValue(field: number, [k, v]: PbAttr): Buffer {
  return pbLen(field, Buffer.concat([pbLen(1, k), pbLen(2, pbLen(1, v))]));
}

export function pbSpan(s: PbSpan): Buffer {
  return Buffer.concat([
    pbLen(1, Buffer.from(s.traceId, 'hex')),
    pbLen(2, Buffer.from(s.spanId, 'hex')),
    s.parentSpanId ? pbLen(4, Buffer.from(s.parentSpanId, 'hex')) : Buffer.alloc(0),
    pbLen(5, s.name),
    pbVarint(6, s.kind ?? 1),
    pbFixed64(7, s.startNs),
    pbFixed64(8, s.endNs),
    ...(s.attributes ?? []).map((a) => pbKeyValue(9, a)),
    s.statusCode ? pbLen(15, pbVarint(3, s.statusCode)) : Buffer.alloc(0),
  ]);
}

/** ExportTraceServiceRequest with one resource (service.name) and one scope holding `spans`. */
export function pbTraceRequest(spans: PbSpan[], service = 'loupe-bad-input'): Buffer {
  const resource = pbKeyValue(1, ['service.name', service]);
  const scope = pbLen(1, Buffer.concat([pbLen(1, 'bad-input-scope'), pbLen(2, '0.0.1')]));
  const scopeSpans = Buffer.concat([scope, ...spans.map((s) => pbLen(2, pbSpan(s)))]);
  const resourceSpans = Buffer.concat([pbLen(1, resource), pbLen(2, scopeSpans)]);
  return pbLen(1, resourceSpans);
}

// ---------------------------------------------------------------- protobuf reader

export type PbFieldValue = bigint | Buffer;

/** Top-level fields of a protobuf message: field number → values in order (varints as BigInt). */
export function pbFields(buf: Buffer): Map<number, PbFieldValue[]> {
  const out = new Map<number, PbFieldValue[]>();
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint in response');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const k = Number(readVarint());
    const field = k >>> 3;
    const wire = k & 7;
    let value: PbFieldValue;
    if (wire === 0) value = readVarint();
    else if (wire === 2) {
      const n = Number(readVarint());
      if (pos + n > buf.length) throw new Error('truncated field in response');
      value = buf.subarray(pos, pos + n);
      pos += n;
    } else if (wire === 1) {
      value = buf.readBigUInt64LE(pos);
      pos += 8;
    } else if (wire === 5) {
      value = BigInt(buf.readUInt32LE(pos));
      pos += 4;
    } else throw new Error(`unexpected wire type ${wire} in response`);
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

function first(fields: Map<number, PbFieldValue[]>, n: number): PbFieldValue | undefined {
  return fields.get(n)?.[0];
}

/** google.rpc.Status: 1 code, 2 message. */
export function decodeRpcStatus(buf: Buffer): { code: number; message: string } {
  const f = pbFields(buf);
  const code = first(f, 1);
  const message = first(f, 2);
  return {
    code: typeof code === 'bigint' ? Number(code) : 0,
    message: Buffer.isBuffer(message) ? message.toString('utf8') : '',
  };
}

/** ExportTraceServiceResponse: 1 partial_success { 1 rejected_spans, 2 error_message }; null if unset. */
export function decodeExportResponse(buf: Buffer): { rejectedSpans: number; errorMessage: string } | null {
  const partial = first(pbFields(buf), 1);
  if (!Buffer.isBuffer(partial)) return null;
  const f = pbFields(partial);
  const rejected = first(f, 1);
  const message = first(f, 2);
  return {
    rejectedSpans: typeof rejected === 'bigint' ? Number(rejected) : 0,
    errorMessage: Buffer.isBuffer(message) ? message.toString('utf8') : '',
  };
}

// ---------------------------------------------------------------- OTLP JSON

export type JsonObject = Record<string, unknown>;

export interface JsonSpanInput {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** Decimal nanosecond strings (OTLP JSON int64). */
  startNs?: string;
  endNs?: string;
  kind?: number | string;
  attributes?: JsonObject[];
  status?: JsonObject;
}

/** 2023-11-14T22:13:20Z, a fixed start for hand-written spans. */
export const BASE_NS = 1_700_000_000_000_000_000n;

export function jsonSpan(s: JsonSpanInput): JsonObject {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId !== undefined ? { parentSpanId: s.parentSpanId } : {}),
    name: s.name,
    kind: s.kind ?? 1,
    startTimeUnixNano: s.startNs ?? String(BASE_NS),
    endTimeUnixNano: s.endNs ?? String(BASE_NS + 1_000_000n),
    attributes: s.attributes ?? [],
    ...(s.status ? { status: s.status } : {}),
  };
}

export function jsonStringAttr(k: string, v: string): JsonObject {
  return { key: k, value: { stringValue: v } };
}

/** ExportTraceServiceRequest in OTLP JSON, one resource and one scope. */
export function jsonTraceRequest(spans: JsonObject[], service = 'loupe-bad-input'): JsonObject {
  return {
    resourceSpans: [
      {
        resource: { attributes: [jsonStringAttr('service.name', service)] },
        scopeSpans: [{ scope: { name: 'bad-input-scope', version: '0.0.1' }, spans }],
      },
    ],
  };
}
