import { JsonDecodeError, decodeLogsJson, decodeTracesJson } from '../otlp/decode-json';
import { decodeLogsProtobuf, decodeTracesProtobuf } from '../otlp/decode-protobuf';
import type { OtlpEncoding, OtlpSignal } from '../otlp/otlp-responses';
import { ProtobufDecodeError } from '../otlp/protobuf-reader';
import { partialSuccessMessage } from '../otlp/validate';
import type { SpanWriter } from '../store/span-writer';
import { prepareBatch } from './prepare-batch';

/** The payload could not be decoded at all (answered 400 / INVALID_ARGUMENT). */
export class PayloadDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecodeError';
  }
}

export interface ExportOutcome {
  rejected: number;
  /** partial_success.error_message: rejection reasons and warnings, '' when all is well. */
  message: string;
}

function decode(signal: 'traces' | 'logs', payload: Buffer, encoding: OtlpEncoding) {
  try {
    if (encoding === 'json') {
      const text = payload.toString('utf8');
      return signal === 'traces' ? { traces: decodeTracesJson(text) } : { logs: decodeLogsJson(text) };
    }
    return signal === 'traces' ? { traces: decodeTracesProtobuf(payload) } : { logs: decodeLogsProtobuf(payload) };
  } catch (err) {
    if (err instanceof JsonDecodeError || err instanceof ProtobufDecodeError) {
      throw new PayloadDecodeError(`could not decode the ${encoding === 'json' ? 'JSON' : 'protobuf'} payload: ${err.message}`);
    }
    throw err;
  }
}

/**
 * One OTLP Export call, shared by the HTTP and gRPC receivers: decode, validate, write, and resolve
 * after commit. Metrics are accepted and not stored yet.
 */
export async function exportPayload(
  writer: SpanWriter,
  signal: OtlpSignal,
  payload: Buffer,
  encoding: OtlpEncoding,
): Promise<ExportOutcome> {
  if (signal === 'metrics') return { rejected: 0, message: '' };
  const prepared = prepareBatch(decode(signal, payload, encoding));
  await writer.write(prepared.batch);
  return {
    rejected: prepared.rejected,
    message: partialSuccessMessage(
      prepared.rejected,
      signal === 'traces' ? 'spans' : 'log records',
      prepared.reasons,
      prepared.warnings,
    ),
  };
}
