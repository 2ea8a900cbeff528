import { parentPort } from 'node:worker_threads';
import type { OtlpEncoding } from '../otlp/otlp-responses';
import { PayloadDecodeError, type StoredSignal, decodePayload } from './decode-payload';

/** Worker thread entry: decodes OTLP payloads into rows off the writer's thread (see DecodePool). */
export interface DecodeRequest {
  id: number;
  signal: StoredSignal;
  encoding: OtlpEncoding;
  payload: Uint8Array;
}

parentPort?.on('message', (req: DecodeRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, result: decodePayload(req.signal, req.payload, req.encoding) });
  } catch (err) {
    const decodeError = err instanceof PayloadDecodeError;
    parentPort!.postMessage({ id: req.id, error: { decode: decodeError, message: (err as Error).message } });
  }
});
