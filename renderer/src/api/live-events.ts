import type { LiveEventName, LiveEvents } from '../../../shared/api/events';
import { SseParser, type SseMessage } from './sse-parser';

export type LiveConnectionState = 'connecting' | 'live' | 'reconnecting';

export type LiveEventHandler<E extends LiveEventName> = (payload: LiveEvents[E]) => void;

export interface LiveEventStreamOptions {
  token: string;
  /** Defaults to `/api/events` on the page's own origin. */
  url?: string;
  fetch?: typeof fetch;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A connection that stayed open this long counts as healthy: the backoff starts over. */
const HEALTHY_CONNECTION_MS = 10_000;

type HandlerSets = { [E in LiveEventName]: Set<LiveEventHandler<E>> };
type PayloadDecoders = { [E in LiveEventName]: (value: unknown) => LiveEvents[E] | null };

const decoders: PayloadDecoders = {
  'runs-changed': (value) => {
    if (!isRecord(value) || !Array.isArray(value.traceIds)) return null;
    const traceIds = value.traceIds.filter((id): id is string => typeof id === 'string');
    return { traceIds };
  },
  'prices-changed': (value) =>
    isRecord(value) && typeof value.steps === 'number' && typeof value.runs === 'number'
      ? { steps: value.steps, runs: value.runs }
      : null,
  hello: (value) => (isRecord(value) && typeof value.version === 'string' ? { version: value.version } : null),
};

/**
 * The engine's live events (`GET /api/events`, Server-Sent Events). EventSource cannot send an
 * `Authorization` header, so the stream is read with fetch() and parsed here. Reconnects with
 * exponential backoff until stopped.
 */
export class LiveEventStream {
  private readonly url: string;
  private readonly fetchImpl: typeof fetch;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly handlers: HandlerSets = { 'runs-changed': new Set(), 'prices-changed': new Set(), hello: new Set() };
  private readonly stateListeners = new Set<(state: LiveConnectionState) => void>();
  private readonly openListeners = new Set<() => void>();
  private currentState: LiveConnectionState = 'connecting';
  private controller: AbortController | null = null;

  constructor(private readonly options: LiveEventStreamOptions) {
    this.url = options.url ?? '/api/events';
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.minBackoffMs = options.minBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
  }

  get state(): LiveConnectionState {
    return this.currentState;
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<E extends LiveEventName>(event: E, handler: LiveEventHandler<E>): () => void {
    const set: Set<LiveEventHandler<E>> = this.handlers[event];
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  onStateChange(listener: (state: LiveConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  /**
   * Called each time the stream (re)opens. Events sent while it was down are lost, so anything
   * shown may be stale: listeners should refetch.
   */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    return () => {
      this.openListeners.delete(listener);
    };
  }

  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    this.setState('connecting');
    this.run(controller.signal).catch((error: unknown) => {
      console.error('Live events stopped unexpectedly', error);
    });
  }

  stop(): void {
    this.controller?.abort();
    this.controller = null;
    this.setState('connecting');
  }

  private async run(signal: AbortSignal): Promise<void> {
    // A function, not the property: TypeScript would keep `aborted` narrowed across the awaits.
    const stopped = () => signal.aborted;
    let failures = 0;
    let serverRetryMs: number | null = null;
    while (!stopped()) {
      const parser = new SseParser();
      let openedAt: number | null = null;
      try {
        const response = await this.fetchImpl(this.url, {
          headers: {
            Accept: 'text/event-stream',
            Authorization: `Bearer ${this.options.token}`,
          },
          cache: 'no-store',
          signal,
        });
        if (!response.ok || !response.body) {
          throw new Error(`Live events answered ${String(response.status)}`);
        }
        openedAt = Date.now();
        this.setState('live');
        this.notifyOpen();
        await this.readStream(response.body, parser, signal);
      } catch {
        // Network errors, HTTP errors and aborted reads all end in the same retry below.
      }
      if (stopped()) return;
      serverRetryMs = parser.retryMs ?? serverRetryMs;
      if (openedAt !== null && Date.now() - openedAt >= HEALTHY_CONNECTION_MS) failures = 0;
      this.setState('reconnecting');
      await sleep(this.backoffMs(failures, serverRetryMs), signal);
      failures++;
    }
  }

  private async readStream(body: ReadableStream<Uint8Array>, parser: SseParser, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const cancel = () => {
      reader.cancel().catch(() => undefined);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.dispatchAll(parser.push(decoder.decode(value, { stream: true })));
      }
      this.dispatchAll(parser.push(decoder.decode()));
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  private dispatchAll(messages: SseMessage[]): void {
    for (const message of messages) {
      if (!isLiveEventName(message.event)) continue;
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        data = undefined; // Not JSON: the decoder rejects it below.
      }
      if (this.emit(message.event, data) === null) {
        console.warn(`Ignoring live event "${message.event}" with malformed data`);
      }
    }
  }

  /** Decodes and delivers one event; returns the payload, or null when it was malformed. */
  private emit<E extends LiveEventName>(event: E, data: unknown): LiveEvents[E] | null {
    const decode: (value: unknown) => LiveEvents[E] | null = decoders[event];
    const payload = decode(data);
    if (payload === null) return null;
    const set: Set<LiveEventHandler<E>> = this.handlers[event];
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`A "${event}" handler failed`, error);
      }
    }
    return payload;
  }

  private notifyOpen(): void {
    for (const listener of [...this.openListeners]) {
      try {
        listener();
      } catch (error) {
        console.error('A live-events open listener failed', error);
      }
    }
  }

  private setState(state: LiveConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private backoffMs(failures: number, serverRetryMs: number | null): number {
    const base = serverRetryMs ?? this.minBackoffMs;
    const exponential = Math.min(this.maxBackoffMs, base * 2 ** Math.min(failures, 16));
    const jitter = 0.8 + Math.random() * 0.4;
    return Math.round(exponential * jitter);
  }
}

function isLiveEventName(name: string): name is LiveEventName {
  return Object.prototype.hasOwnProperty.call(decoders, name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
