import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../../../electron/engine/exchange/byte-reader';

function chunks(...parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

async function lines(reader: ByteReader, max: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const l of reader.lines(max))
    out.push('line' in l ? [l.number, l.line.toString()] : [l.number, 'TOO LONG']);
  return out;
}

describe('ByteReader', () => {
  it('splits lines across chunk boundaries, drops \\r, keeps a last line without \\n', async () => {
    const r = ByteReader.from(chunks('{"a":1}\r\n{"b"', ':2}\n\n{"c":3}'));
    expect(await lines(r, 100)).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [3, ''],
      [4, '{"c":3}'],
    ]);
  });

  it('a line over the cap is reported (with its number) without being kept, and reading goes on', async () => {
    const r = ByteReader.from(chunks('ok\n', 'x'.repeat(30), 'y'.repeat(30), '\nfine\n', 'z'.repeat(80)));
    expect(await lines(r, 50)).toEqual([
      [1, 'ok'],
      [2, 'TOO LONG'],
      [3, 'fine'],
      [4, 'TOO LONG'],
    ]);
  });

  it('peeks without consuming, reads exact lengths, skips, and tracks its position', async () => {
    const r = ByteReader.from(chunks('ab', 'cdef', 'g'));
    expect((await r.peek(3)).toString()).toBe('abc');
    expect((await r.read(5)).toString()).toBe('abcde');
    expect(r.position).toBe(5);
    expect(await r.skip(1)).toBe(1);
    expect((await r.read(10)).toString()).toBe('g');
    expect((await r.read(10)).length).toBe(0);
    expect(r.position).toBe(7);
  });

  it('readAll returns everything, or null above the cap', async () => {
    expect((await ByteReader.from(chunks('12', '34')).readAll(4))?.toString()).toBe('1234');
    expect(await ByteReader.from(chunks('12', '345')).readAll(4)).toBeNull();
  });
});
