import { decodeLogsProtobuf, decodeTracesProtobuf } from '../otlp/decode-protobuf';
import { ProtobufDecodeError, ProtobufReader, WIRE_LEN } from '../otlp/protobuf-reader';
import { type DecodedContent, RecordError } from './decode-json-value';

export type ProtobufSignal = 'traces' | 'logs' | 'metrics' | 'empty';

const LEN = WIRE_LEN;
const FIXED64 = 1;

/**
 * Which signal a protobuf TracesData / LogsData / MetricsData (or Export*ServiceRequest) holds.
 * The wire format does not say: all three are `repeated Resource* = 1` of `repeated Scope* = 2` of
 * `repeated item = 2`. The first item tells: a Span has fixed64 start/end times (fields 7, 8), a
 * LogRecord fixed64 time/observed time (fields 1, 11) or a severity (field 2, varint), a Metric a
 * name (field 1, string) and data in fields 5-11 without fixed64 fields.
 */
export function protobufSignal(buf: Buffer): ProtobufSignal {
  const top = new ProtobufReader(buf);
  while (!top.done) {
    const t = top.tag();
    if (t !== ((1 << 3) | LEN)) {
      top.skip(t & 7);
      continue;
    }
    const resource = top.sub();
    while (!resource.done) {
      const rt = resource.tag();
      if (rt !== ((2 << 3) | LEN)) {
        resource.skip(rt & 7);
        continue;
      }
      const scope = resource.sub();
      while (!scope.done) {
        const st = scope.tag();
        if (st !== ((2 << 3) | LEN)) {
          scope.skip(st & 7);
          continue;
        }
        const kind = itemKind(scope.sub());
        if (kind) return kind;
      }
    }
  }
  return 'empty';
}

function itemKind(r: ProtobufReader): Exclude<ProtobufSignal, 'empty'> | null {
  let metricLike = false;
  let idLengths = '';
  while (!r.done) {
    const t = r.tag();
    const field = t >>> 3;
    const wire = t & 7;
    if (wire === FIXED64 && (field === 7 || field === 8)) return 'traces';
    if (wire === FIXED64 && (field === 1 || field === 11)) return 'logs';
    if (wire === 0 && field === 2) return 'logs';
    if (wire === 0 && field === 6) return 'traces';
    if (wire === LEN && (field === 1 || field === 2)) {
      const at = r.pos;
      idLengths += `${field}:${r.len()} `;
      r.pos = at;
      // trace_id (16 bytes) then span_id (8 bytes): a span.
      if (idLengths === '1:16 2:8 ') return 'traces';
    }
    if (wire === LEN && (field === 5 || field === 7 || field === 9 || field === 11)) metricLike = true;
    r.skip(wire);
  }
  return metricLike ? 'metrics' : null;
}

/** Decodes one protobuf message of an import file. Throws RecordError. */
export function decodeProtobufMessage(buf: Buffer): DecodedContent {
  try {
    switch (protobufSignal(buf)) {
      case 'traces':
        return { traces: decodeTracesProtobuf(buf) };
      case 'logs':
        return { logs: decodeLogsProtobuf(buf) };
      case 'metrics':
        return { metrics: true };
      case 'empty':
        return {};
    }
  } catch (err) {
    if (err instanceof ProtobufDecodeError || err instanceof RangeError) throw new RecordError(err.message);
    throw err;
  }
}
