import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '../../../../../renderer/src/api/sse-parser';

/** Feeds every chunk to a fresh parser and returns all messages in order. */
function parseAll(...chunks: string[]): SseMessage[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

/** Feeds `text` one character at a time. */
function parseCharByChar(text: string): SseMessage[] {
  return parseAll(...text.split(''));
}

describe('SseParser', () => {
  it('parses a single message with the default event name', () => {
    expect(parseAll('data: hello\n\n')).toEqual([{ event: 'message', data: 'hello', id: null }]);
  });

  it('uses the event field as the event name and resets it after dispatch', () => {
    expect(parseAll('event: run\ndata: 1\n\ndata: 2\n\n')).toEqual([
      { event: 'run', data: '1', id: null },
      { event: 'message', data: '2', id: null },
    ]);
  });

  it('does not dispatch until the blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'a', id: null }]);
  });

  it('returns several messages from one chunk, in order', () => {
    expect(parseAll('data: 1\n\ndata: 2\n\ndata: 3\n\n').map((m) => m.data)).toEqual(['1', '2', '3']);
  });

  it('joins multi-line data with LF and keeps empty data lines', () => {
    expect(parseAll('data: a\ndata:\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\n\nb', id: null }]);
  });

  it('dispatches a message whose only data line is empty', () => {
    expect(parseAll('data\n\n')).toEqual([{ event: 'message', data: '', id: null }]);
    expect(parseAll('data:\n\n')).toEqual([{ event: 'message', data: '', id: null }]);
  });

  it('does not dispatch an event without data, and drops its event name', () => {
    expect(parseAll('event: lonely\n\n', 'data: x\n\n')).toEqual([{ event: 'message', data: 'x', id: null }]);
    expect(parseAll('\n\n\n')).toEqual([]);
  });

  it('strips exactly one leading space from the value', () => {
    expect(parseAll('data:no-space\n\n')[0]!.data).toBe('no-space');
    expect(parseAll('data:  two spaces\n\n')[0]!.data).toBe(' two spaces');
    expect(parseAll('data: trailing \n\n')[0]!.data).toBe('trailing ');
  });

  it('splits the field at the first colon only', () => {
    expect(parseAll('data: {"a":"b:c"}\n\n')[0]!.data).toBe('{"a":"b:c"}');
  });

  it('skips comment lines (pings) anywhere, including between data lines', () => {
    expect(parseAll(': ping\n\n')).toEqual([]);
    expect(parseAll(':\n', 'data: a\n: keep-alive\ndata: b\n\n')).toEqual([
      { event: 'message', data: 'a\nb', id: null },
    ]);
  });

  it('ignores unknown fields and field names are case-sensitive', () => {
    expect(parseAll('foo: bar\nData: nope\nEVENT: x\ndata: yes\n\n')).toEqual([
      { event: 'message', data: 'yes', id: null },
    ]);
  });

  it('accepts LF, CR and CRLF line endings, also mixed', () => {
    const expected = [
      { event: 'e', data: 'a\nb', id: null },
      { event: 'message', data: 'c', id: null },
    ];
    expect(parseAll('event: e\ndata: a\ndata: b\n\ndata: c\n\n')).toEqual(expected);
    expect(parseAll('event: e\rdata: a\rdata: b\r\rdata: c\r\r')).toEqual(expected);
    expect(parseAll('event: e\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n')).toEqual(expected);
    expect(parseAll('event: e\r\ndata: a\rdata: b\n\r\ndata: c\r\n\n')).toEqual(expected);
  });

  it('treats CRLF split across chunks as one line break', () => {
    // If the LF were taken as a second break, "data: a" would be dispatched after the first chunk pair.
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\ndata: b\r')).toEqual([]);
    expect(parser.push('\n\r')).toEqual([{ event: 'message', data: 'a\nb', id: null }]);
    expect(parser.push('\n')).toEqual([]);
  });

  it('keeps waiting for the LF of a trailing CR across empty chunks', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\r\n')).toEqual([{ event: 'message', data: 'a', id: null }]);
  });

  it('a trailing CR followed by a non-LF chunk still ends the line once', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('data: b\r')).toEqual([]);
    expect(parser.push('\r')).toEqual([{ event: 'message', data: 'a\nb', id: null }]);
  });

  it('reassembles fields split anywhere across chunks', () => {
    const stream = 'event: span\r\nid: 7\r\ndata: {"x":1}\r\ndata: second\r\n: ping\r\n\r\nevent: run\ndata: z\n\n';
    const expected = [
      { event: 'span', data: '{"x":1}\nsecond', id: '7' },
      { event: 'run', data: 'z', id: '7' },
    ];
    expect(parseCharByChar(stream)).toEqual(expected);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parseAll(stream.slice(0, cut), stream.slice(cut)), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('keeps an incomplete trailing message buffered, not dispatched', () => {
    const parser = new SseParser();
    expect(parser.push('data: partial')).toEqual([]);
    expect(parser.push('\ndata: more')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ event: 'message', data: 'partial\nmore', id: null }]);
  });

  it('remembers the last event id across messages and lets an empty id reset it', () => {
    expect(parseAll('id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n')).toEqual([
      { event: 'message', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '1' },
      { event: 'message', data: 'c', id: '' },
    ]);
  });

  it('sets the id even from a block that dispatches nothing', () => {
    expect(parseAll('id: 42\n\n', 'data: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '42' }]);
  });

  it('ignores an id containing NUL', () => {
    expect(parseAll('id: ok\ndata: a\n\nid: bad\u0000id\ndata: b\n\n').map((m) => m.id)).toEqual(['ok', 'ok']);
  });

  it('records retry only when it is all ASCII digits', () => {
    const parser = new SseParser();
    expect(parser.retryMs).toBeNull();
    parser.push('retry: 1500\n');
    expect(parser.retryMs).toBe(1500);
    for (const bad of ['retry: 2s\n', 'retry: -5\n', 'retry: 1.5\n', 'retry:\n', 'retry: \u0661\u0662\n']) {
      parser.push(bad);
      expect(parser.retryMs, bad).toBe(1500);
    }
    parser.push('retry:0\n');
    expect(parser.retryMs).toBe(0);
  });

  it('a retry line alone does not dispatch a message', () => {
    expect(parseAll('retry: 10\n\n')).toEqual([]);
  });

  it('keeps non-ASCII text intact', () => {
    expect(parseAll('data: héllo → 世界 🎉\n\n')[0]!.data).toBe('héllo → 世界 🎉');
  });
});
