/** One dispatched Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

const LF = 10;
const CR = 13;

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML §9.2): feed decoded text in
 * chunks of any size; complete messages come out. Comment lines (`: ping`) are skipped.
 */
export class SseParser {
  private buffer = '';
  private skipLeadingLf = false;
  private eventName = '';
  private dataLines: string[] = [];
  private lastEventId: string | null = null;
  private retry: number | null = null;

  /** The server's last `retry:` advice in milliseconds, if any. */
  get retryMs(): number | null {
    return this.retry;
  }

  push(chunk: string): SseMessage[] {
    const messages: SseMessage[] = [];
    let text = chunk;
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === LF) text = text.slice(1);
      this.skipLeadingLf = false;
    }
    const buffer = this.buffer + text;
    let lineStart = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const line = buffer.slice(lineStart, i);
      if (c === CR) {
        if (i + 1 < buffer.length) {
          if (buffer.charCodeAt(i + 1) === LF) i++;
        } else {
          // A CR at the very end: its LF (if any) arrives with the next chunk.
          this.skipLeadingLf = true;
        }
      }
      lineStart = i + 1;
      this.processLine(line, messages);
    }
    this.buffer = buffer.slice(lineStart);
    return messages;
  }

  private processLine(line: string, messages: SseMessage[]): void {
    if (line === '') {
      this.dispatch(messages);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventName = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(messages: SseMessage[]): void {
    if (this.dataLines.length > 0) {
      messages.push({
        event: this.eventName || 'message',
        data: this.dataLines.join('\n'),
        id: this.lastEventId,
      });
    }
    this.eventName = '';
    this.dataLines = [];
  }
}
