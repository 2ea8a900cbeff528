import type { Forwarder } from '../forwarding/forwarder';
import type { OtlpEncoding, OtlpSignal } from '../otlp/otlp-responses';
import { QueueFullError, type SpanWriter, StorageError } from '../store/span-writer';
import type { Admission } from './admission';
import type { DecodePool } from './decode-pool';

import { PayloadDecodeError } from './decode-payload';

export { PayloadDecodeError };

export interface ExportOutcome {
  rejected: number;
  /** partial_success.error_message: rejection reasons and warnings, '' when all is well. */
  message: string;
}

export interface IngestPipeline {
  writer: SpanWriter;
  decoder: DecodePool;
  admission: Admission;
  /** Relays what was committed upstream, when forwarding is on. */
  forwarder?: Forwarder;
}

/** Too much is being decoded or written already: the sender should retry later (503 / UNAVAILABLE). */
export class IngestBusyError extends Error {
  constructor() {
    super(BUSY_MESSAGE);
    this.name = 'IngestBusyError';
  }
}

export const BUSY_MESSAGE = 'Loupe is busy receiving or writing earlier data; retry shortly';

/**
 * How a failed export is answered, for both receivers: `invalid` (400 / INVALID_ARGUMENT), `busy`
 * (503 + Retry-After / UNAVAILABLE: the sender retries), `storage` (the same, and worth logging),
 * or null for a bug.
 */
export function classifyExportError(err: unknown): 'invalid' | 'busy' | 'storage' | null {
  if (err instanceof PayloadDecodeError) return 'invalid';
  if (err instanceof QueueFullError || err instanceof IngestBusyError) return 'busy';
  if (err instanceof StorageError) return 'storage';
  return null;
}

/** Whether a new export would be refused right now (checked before reading a request body). */
export function isIngestBusy(pipeline: IngestPipeline): boolean {
  return pipeline.admission.isFull() || pipeline.writer.isFull();
}

/**
 * One OTLP Export call, shared by the HTTP and gRPC receivers: decode (off-thread), validate, write,
 * and resolve after commit; then hand the redacted batch to the forwarder when it is on. Metrics are accepted and not stored yet. The caller holds the payload's
 * share of the admission budget (see `withAdmission`).
 */
export async function exportPayload(
  pipeline: IngestPipeline,
  signal: OtlpSignal,
  payload: Buffer,
  encoding: OtlpEncoding,
): Promise<ExportOutcome> {
  if (signal === 'metrics') return { rejected: 0, message: '' };
  const forwarding = pipeline.forwarder?.enabled === true;
  const decoded = await pipeline.decoder.decode(signal, payload, encoding, forwarding);
  await pipeline.writer.write(decoded.rows);
  // Queued only once committed (a refused write is retried by the sender); never awaited.
  if (decoded.forward) pipeline.forwarder?.enqueue(decoded.forward);
  return { rejected: decoded.rejected, message: decoded.message };
}

/**
 * Runs `work` holding `bytes` of the payload budget, or throws IngestBusyError when the budget is
 * used up. Receivers reserve before reading a body (its declared length), so concurrent large
 * requests cannot pile up in memory; `grow` charges what a body turned out to hold beyond that.
 */
export async function withAdmission<T>(
  pipeline: IngestPipeline,
  bytes: number,
  work: (grow: (more: number) => void) => Promise<T>,
): Promise<T> {
  if (!pipeline.admission.tryAcquire(bytes)) throw new IngestBusyError();
  let held = bytes;
  try {
    return await work((more) => {
      pipeline.admission.charge(more);
      held += more;
    });
  } finally {
    pipeline.admission.release(held);
  }
}
