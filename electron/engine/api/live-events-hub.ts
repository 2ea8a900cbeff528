import type { ServerResponse } from 'node:http';
import type { LiveEventName, LiveEvents } from '../../../shared/api/events';

const PING_MS = 15_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Fans live events out to every open SSE stream (`GET /api/events`). */
export class LiveEventsHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly ping: NodeJS.Timeout;

  constructor() {
    this.ping = setInterval(() => {
      for (const res of this.clients) res.write(': ping\n\n');
    }, PING_MS);
    this.ping.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(res: ServerResponse, hello: LiveEvents['hello']): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    res.write(frame('hello', hello));
  }

  emit<E extends LiveEventName>(event: E, data: LiveEvents[E]): void {
    if (this.clients.size === 0) return;
    const text = frame(event, data);
    for (const res of this.clients) {
      // A client that stopped reading is dropped rather than buffered without limit; it reconnects.
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      else res.write(text);
    }
  }

  close(): void {
    clearInterval(this.ping);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
