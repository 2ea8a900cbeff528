/**
 * OTLP responses in the request's encoding: `Export*ServiceResponse` (with `partial_success` only
 * when something was rejected or there is a warning) and `google.rpc.Status` for failures.
 */
export type OtlpEncoding = 'protobuf' | 'json';
export type OtlpSignal = 'traces' | 'logs' | 'metrics';

const REJECTED_FIELD: Record<OtlpSignal, string> = {
  traces: 'rejectedSpans',
  logs: 'rejectedLogRecords',
  metrics: 'rejectedDataPoints',
};

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...varint((field << 3) | 2), ...varint(payload.length)]), payload]);
}

function varintField(field: number, value: number): Buffer {
  return Buffer.from([...varint(field << 3), ...varint(value)]);
}

export function exportResponse(signal: OtlpSignal, rejected: number, message: string, encoding: OtlpEncoding): Buffer {
  const partial = rejected > 0 || message !== '';
  if (encoding === 'json') {
    const body = partial
      ? { partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage: message } }
      : {};
    return Buffer.from(JSON.stringify(body));
  }
  if (!partial) return Buffer.alloc(0);
  const inner = Buffer.concat([
    rejected > 0 ? varintField(1, rejected) : Buffer.alloc(0),
    message !== '' ? lengthDelimited(2, Buffer.from(message, 'utf8')) : Buffer.alloc(0),
  ]);
  return lengthDelimited(1, inner);
}

/** gRPC status codes used in Status bodies (google.rpc.Code). */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
} as const;

export function statusBody(code: number, message: string, encoding: OtlpEncoding): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  return Buffer.concat([varintField(1, code), lengthDelimited(2, Buffer.from(message, 'utf8'))]);
}

export function contentTypeOf(encoding: OtlpEncoding): string {
  return encoding === 'json' ? 'application/json' : 'application/x-protobuf';
}
