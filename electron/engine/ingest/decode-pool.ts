import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_REDACTION_CONFIG, type RedactionConfig } from '../../../shared/domain/redaction';
import { startWorkerThread } from '../worker-thread';
import { BusyMeter } from '../store/busy-meter';
import type { OtlpEncoding } from '../otlp/otlp-responses';
import { Redactor } from '../redaction/redactor';
import { type DecodedPayload, PayloadDecodeError, type StoredSignal, decodePayload } from './decode-payload';
import type { DecodeWorkerData, RedactionUpdate } from './decode-worker';
import { type PostedPayload, receivedPayload } from './span-row-transport';

interface Reply {
  id: number;
  result?: PostedPayload;
  error?: { decode: boolean; message: string };
}

interface Pending {
  signal: StoredSignal;
  payload: Buffer;
  encoding: OtlpEncoding;
  forward: boolean;
  resolve: (r: DecodedPayload) => void;
  reject: (e: Error) => void;
}

function decodeInline(
  p: Pick<Pending, 'signal' | 'payload' | 'encoding' | 'forward' | 'resolve' | 'reject'>,
  redactor: Redactor,
): void {
  try {
    p.resolve(decodePayload(p.signal, p.payload, p.encoding, redactor, p.forward));
  } catch (err) {
    p.reject(err as Error);
  }
}

/**
 * Decodes OTLP payloads on worker threads so the thread that owns SQLite spends its time writing:
 * on a 2-core laptop decode and write then run side by side. With `threads: 0` (or if a worker
 * cannot start) decoding happens inline.
 *
 * Decoding includes redaction: each worker compiles the redaction settings once, when it starts and
 * whenever `setRedaction` sends new ones; requests posted afterwards use them.
 */
export class DecodePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private turn = 0;
  private redactor: Redactor;
  private readonly busy = new BusyMeter();

  constructor(
    threads: number = Math.max(1, Math.min(4, availableParallelism() - 1)),
    private readonly onError: (err: unknown) => void = () => {},
    redaction: RedactionConfig = DEFAULT_REDACTION_CONFIG,
  ) {
    this.redactor = new Redactor(redaction);
    const data: DecodeWorkerData = { redaction };
    for (let i = 0; i < threads; i++) {
      try {
        const w = startWorkerThread(import.meta.url, 'decode-worker', data);
        w.on('message', (reply: Reply) => this.settle(reply));
        w.on('error', (err) => this.workerFailed(w, err));
        w.unref();
        this.workers.push(w);
      } catch (err) {
        this.onError(err);
        break;
      }
    }
  }

  /** New redaction settings (already validated) for every payload decoded from now on. */
  setRedaction(config: RedactionConfig): void {
    this.redactor = new Redactor(config);
    const update: RedactionUpdate = { redaction: config };
    for (const w of this.workers) w.postMessage(update);
  }

  /** With `forward`, the result carries the redacted batch too (see DecodedPayload.forward). */
  decode(signal: StoredSignal, payload: Buffer, encoding: OtlpEncoding, forward = false): Promise<DecodedPayload> {
    const worker = this.workers[this.turn++ % Math.max(1, this.workers.length)];
    if (!worker) {
      return new Promise((resolve, reject) => {
        const startedAt = performance.now();
        decodeInline({ signal, payload, encoding, forward, resolve, reject }, this.redactor);
        this.busy.note(startedAt);
      });
    }
    const id = this.nextId++;
    return new Promise<DecodedPayload>((resolve, reject) => {
      // Copy into a transferable buffer (request bodies may share Node's pooled memory).
      const copy = new Uint8Array(payload.byteLength);
      copy.set(payload);
      worker.postMessage({ id, signal, encoding, payload: copy, ...(forward ? { forward } : {}) }, [copy.buffer]);
      // Only once posted: a request that never reached a worker must not count as decoding forever.
      this.pending.set(id, { signal, payload, encoding, forward, resolve, reject });
      this.busy.begin();
    });
  }

  private settle(reply: Reply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.busy.end();
    if (reply.result) this.resolveReceived(p, reply.result);
    else if (reply.error?.decode) p.reject(new PayloadDecodeError(reply.error.message));
    else p.reject(new Error(reply.error?.message ?? 'decode worker failed'));
  }

  private resolveReceived(p: Pending, posted: PostedPayload): void {
    let decoded: DecodedPayload;
    try {
      decoded = receivedPayload(posted);
    } catch (err) {
      // Cannot happen with rows the worker packed; should it, that request fails, not the engine.
      p.reject(err as Error);
      return;
    }
    p.resolve(decoded);
  }

  /** The share of the last second with payloads queued for or on a decode thread (0–1); near 1 when ingest saturates decoding. */
  busyShare(): number {
    return this.busy.share();
  }

  private workerFailed(worker: Worker, err: unknown): void {
    this.onError(err);
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
    // Requests in flight on that worker cannot be told apart: decode them all here instead.
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      this.busy.end();
      decodeInline(p, this.redactor);
    }
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      this.busy.end();
      p.reject(new Error('Loupe is shutting down'));
    }
  }
}
