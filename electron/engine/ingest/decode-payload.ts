import { JsonDecodeError, decodeLogsJson, decodeTracesJson } from '../otlp/decode-json';
import { decodeLogsProtobuf, decodeTracesProtobuf } from '../otlp/decode-protobuf';
import type { DecodedLogs, DecodedTraces } from '../otlp/model';
import type { OtlpEncoding } from '../otlp/otlp-responses';
import { ProtobufDecodeError } from '../otlp/protobuf-reader';
import { partialSuccessMessage } from '../otlp/validate';
import type { Redactor } from '../redaction/redactor';
import { prepareBatch } from './prepare-batch';
import type { InsertBatch } from '../store/insert-batch';
import { redactBatch } from '../redaction/redact-batch';
import type { IngestBatch } from './ingest-batch';
import { rowsOfRedacted } from './to-insert-batch';

export type StoredSignal = 'traces' | 'logs';

/** The payload could not be decoded at all (answered 400 / INVALID_ARGUMENT). */
export class PayloadDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecodeError';
  }
}

export interface DecodedPayload {
  rows: InsertBatch;
  /** Items left out as invalid (the valid ones are stored). */
  rejected: number;
  /** partial_success.error_message: rejection reasons and warnings, '' when all is well. */
  message: string;
  /** The redacted, validated batch the rows were made from; only when asked for (forwarding). */
  forward?: IngestBatch;
}

function decode(
  signal: StoredSignal,
  payload: Uint8Array,
  encoding: OtlpEncoding,
): { traces?: DecodedTraces; logs?: DecodedLogs } {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  try {
    if (encoding === 'json') {
      const text = buf.toString('utf8');
      return signal === 'traces' ? { traces: decodeTracesJson(text) } : { logs: decodeLogsJson(text) };
    }
    return signal === 'traces' ? { traces: decodeTracesProtobuf(buf) } : { logs: decodeLogsProtobuf(buf) };
  } catch (err) {
    if (err instanceof JsonDecodeError || err instanceof ProtobufDecodeError) {
      throw new PayloadDecodeError(
        `could not decode the ${encoding === 'json' ? 'JSON' : 'protobuf'} payload: ${err.message}`,
      );
    }
    throw err;
  }
}

/**
 * Decode, validate, redact and serialize one OTLP payload into rows for the writer. Pure CPU work.
 * The rows hold no secret the redactor knows of: nothing after this point sees one. With `forward`,
 * the redacted batch comes back too, for the forwarder.
 */
export function decodePayload(
  signal: StoredSignal,
  payload: Uint8Array,
  encoding: OtlpEncoding,
  redactor: Redactor,
  forward = false,
): DecodedPayload {
  const prepared = prepareBatch(decode(signal, payload, encoding));
  const redacted = redactBatch(prepared.batch, redactor);
  return {
    rows: rowsOfRedacted(redacted),
    ...(forward ? { forward: redacted } : {}),
    rejected: prepared.rejected,
    message: partialSuccessMessage(
      prepared.rejected,
      signal === 'traces' ? 'spans' : 'log records',
      prepared.reasons,
      prepared.warnings,
    ),
  };
}
