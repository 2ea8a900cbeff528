import type { ExportResult } from '@opentelemetry/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { ForwardingStatus, ForwardingTarget } from '../../../shared/domain/forwarding';
import { signalUrl } from '../../../shared/domain/forwarding';
import type { IngestBatch } from '../ingest/ingest-batch';
import { toReadableLogs, toReadableSpans } from './to-readable';

export interface ForwarderOptions {
  /** Spans plus log records allowed to wait; beyond that the oldest are dropped (and counted). */
  maxQueued?: number;
  /** Items per export request. */
  batchSize?: number;
  /** One export's time limit, the exporter's own retries of transient errors included. */
  timeoutMillis?: number;
  /** Our own attempts at one batch (each with the exporter's retries) before it is given up. */
  maxAttempts?: number;
  /** Longest pause between failed exports. */
  maxBackoffMs?: number;
}

interface Exporter<T> {
  export(items: T[], done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

interface Counters {
  sent: number;
  dropped: number;
  failed: number;
  lastError: string | null;
  lastSentAt: number | null;
}

interface Lanes {
  traces: Lane<ReadableSpan>;
  logs: Lane<ReadableLogRecord>;
}

const SUCCESS = 0; // ExportResultCode.SUCCESS

/** One signal's bounded queue, sending one batch at a time with backoff after failures. */
class Lane<T> {
  private items: T[] = [];
  private head = 0;
  private inFlight = 0;
  private attempts = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly exporter: Exporter<T>,
    private readonly counters: Counters,
    private readonly opts: Required<ForwarderOptions>,
    private readonly capacity: () => number,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  get queued(): number {
    return this.size + this.inFlight;
  }

  push(batch: T[]): void {
    if (this.closed || batch.length === 0) return;
    for (const item of batch) this.items.push(item);
    const over = this.size - this.capacity();
    if (over > 0) {
      this.head += over;
      this.counters.dropped += over;
    }
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.inFlight > 0 || this.timer || this.size === 0) return;
    const batch = this.items.slice(this.head, this.head + this.opts.batchSize);
    this.head += batch.length;
    this.inFlight = batch.length;
    let settled = false;
    const done = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      this.inFlight = 0;
      if (this.closed) return;
      if ((result.code as number) === SUCCESS) this.succeeded(batch.length);
      else this.failedWith(batch, result.error);
      this.pump();
    };
    try {
      this.exporter.export(batch, done);
    } catch (err) {
      done({ code: 1, error: err as Error });
    }
  }

  private succeeded(n: number): void {
    this.counters.sent += n;
    this.counters.lastSentAt = Date.now();
    this.attempts = 0;
    this.failures = 0;
  }

  private failedWith(batch: T[], error: Error | undefined): void {
    this.counters.lastError = error?.message || 'export failed';
    this.failures++;
    this.attempts++;
    if (this.attempts >= this.opts.maxAttempts) {
      this.counters.failed += batch.length;
      this.attempts = 0;
    } else {
      // Back at the front, still bounded: the oldest are dropped first.
      this.items = batch.concat(this.items.slice(this.head));
      this.head = 0;
      const over = this.size - this.capacity();
      if (over > 0) {
        this.head += over;
        this.counters.dropped += over;
      }
    }
    const backoff = Math.min(this.opts.maxBackoffMs, 500 * 2 ** Math.min(this.failures, 10));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, backoff);
    this.timer.unref();
  }

  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.items = [];
    this.head = 0;
    return this.exporter.shutdown().catch(() => {});
  }
}

const DEFAULTS: Required<ForwarderOptions> = {
  maxQueued: 20_000,
  batchSize: 512,
  timeoutMillis: 10_000,
  maxAttempts: 5,
  maxBackoffMs: 30_000,
};

/**
 * Relays what the writer committed — the redacted batch, never the raw payload — to an upstream
 * OTLP/HTTP endpoint with the OpenTelemetry exporters. `enqueue` only queues: the OTLP request path
 * never waits for the upstream. The queue is bounded (oldest dropped first, counted); failed
 * exports are retried with backoff (on top of the exporter's own retries of transient errors) and
 * given up after a few attempts (counted as failed).
 */
export class Forwarder {
  private readonly opts: Required<ForwarderOptions>;
  private target: ForwardingTarget | null = null;
  private source: ForwardingStatus['source'] = 'settings';
  private lanes: Lanes | null = null;
  private counters: Counters = Forwarder.zero();

  constructor(
    opts: ForwarderOptions = {},
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  private static zero(): Counters {
    return { sent: 0, dropped: 0, failed: 0, lastError: null, lastSentAt: null };
  }

  /** Whether decoded batches should be kept for forwarding at all. */
  get enabled(): boolean {
    return this.lanes !== null;
  }

  /** Starts forwarding to `target` (null stops); counters and queue start afresh. */
  configure(target: ForwardingTarget | null, source: ForwardingStatus['source'] = 'settings'): void {
    void this.stopLanes();
    this.counters = Forwarder.zero();
    this.target = target;
    this.source = source;
    if (!target) return;
    const common = { headers: { ...target.headers }, timeoutMillis: this.opts.timeoutMillis, concurrencyLimit: 2 };
    // The bound covers both signals: a lane may hold what the other lane and its own send leave free.
    const room = (self: () => Lane<unknown> | undefined) => (): number =>
      this.opts.maxQueued - this.queued() + (self()?.size ?? 0);
    const lanes: Lanes = {
      traces: new Lane<ReadableSpan>(
        new OTLPTraceExporter({ ...common, url: signalUrl(target.url, 'traces') }),
        this.counters,
        this.opts,
        room(() => lanes.traces as Lane<unknown>),
      ),
      logs: new Lane<ReadableLogRecord>(
        new OTLPLogExporter({ ...common, url: signalUrl(target.url, 'logs') }),
        this.counters,
        this.opts,
        room(() => lanes.logs as Lane<unknown>),
      ),
    };
    this.lanes = lanes;
  }

  /** Queues a committed, redacted batch; returns at once. */
  enqueue(batch: IngestBatch): void {
    const lanes = this.lanes;
    if (!lanes) return;
    try {
      if (batch.spanGroups.length > 0) lanes.traces.push(toReadableSpans(batch));
      if (batch.logGroups.length > 0) lanes.logs.push(toReadableLogs(batch));
    } catch (err) {
      this.onError(err);
    }
  }

  private queued(): number {
    return this.lanes ? this.lanes.traces.queued + this.lanes.logs.queued : 0;
  }

  status(): ForwardingStatus {
    return {
      enabled: this.enabled,
      url: this.target?.url ?? '',
      headerNames: Object.keys(this.target?.headers ?? {}),
      source: this.source,
      queued: this.queued(),
      ...this.counters,
    };
  }

  private async stopLanes(): Promise<void> {
    const lanes = this.lanes;
    this.lanes = null;
    if (lanes) await Promise.all([lanes.traces.close(), lanes.logs.close()]);
  }

  /** Stops forwarding; whatever is still queued is not sent. */
  close(): Promise<void> {
    return this.stopLanes();
  }
}
