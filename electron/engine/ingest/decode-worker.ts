import { parentPort, workerData } from 'node:worker_threads';
import type { RedactionConfig } from '../../../shared/domain/redaction';
import type { OtlpEncoding } from '../otlp/otlp-responses';
import { Redactor, defaultRedactor } from '../redaction/redactor';
import { PayloadDecodeError, type StoredSignal, decodePayload } from './decode-payload';
import { postablePayload } from './span-row-transport';

/** Worker thread entry: decodes OTLP payloads into rows off the writer's thread (see DecodePool). */
export interface DecodeRequest {
  id: number;
  signal: StoredSignal;
  encoding: OtlpEncoding;
  payload: Uint8Array;
  /** Return the redacted batch as well (forwarding is on). */
  forward?: boolean;
}

/** New redaction settings: every request posted after this message is redacted with them. */
export interface RedactionUpdate {
  redaction: RedactionConfig;
}

export type DecodeWorkerMessage = DecodeRequest | RedactionUpdate;

/** What the pool hands a new worker (workerData). */
export interface DecodeWorkerData {
  redaction: RedactionConfig;
}

function compile(config: RedactionConfig | undefined): Redactor {
  try {
    return config ? new Redactor(config) : defaultRedactor();
  } catch {
    // The engine validates settings before sending them; should one still not compile, fail closed.
    return defaultRedactor();
  }
}

// Compiled once per settings change, not per request.
let redactor = compile((workerData as DecodeWorkerData | undefined)?.redaction);

parentPort?.on('message', (msg: DecodeWorkerMessage) => {
  if ('redaction' in msg) {
    redactor = compile(msg.redaction);
    return;
  }
  try {
    // Span rows go packed (see span-row-transport.ts): cheaper to send, and far cheaper to receive
    // on the writer's thread.
    const { message, transfer } = postablePayload(
      decodePayload(msg.signal, msg.payload, msg.encoding, redactor, msg.forward === true),
    );
    parentPort!.postMessage({ id: msg.id, result: message }, transfer);
  } catch (err) {
    const decodeError = err instanceof PayloadDecodeError;
    parentPort!.postMessage({ id: msg.id, error: { decode: decodeError, message: (err as Error).message } });
  }
});
