import { describe, expect, it } from 'vitest';
import { KeyCache, ProtobufReader } from '../../../../../electron/engine/otlp/protobuf-reader';

/** `text` as a length-delimited protobuf field body (length varint + UTF-8 bytes). */
function lengthDelimited(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const len: number[] = [];
  for (let n = bytes.length; ; n >>>= 7) {
    if (n < 0x80) {
      len.push(n);
      break;
    }
    len.push((n & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from(len), bytes]);
}

const readKey = (cache: KeyCache, text: string, padding = 0): string =>
  new ProtobufReader(Buffer.concat([Buffer.alloc(padding), lengthDelimited(text)]), padding).key(cache);

describe('KeyCache', () => {
  it('returns the very same string for the same bytes, wherever they sit in a buffer', () => {
    const cache = new KeyCache();
    const first = readKey(cache, 'gen_ai.request.model');
    expect(first).toBe('gen_ai.request.model');
    expect(readKey(cache, 'gen_ai.request.model', 17)).toBe(first);
  });

  it('decodes every key exactly, through slot collisions and evictions', () => {
    const cache = new KeyCache();
    const keys = Array.from({ length: 5000 }, (_, i) => `k.${i}.${'é'.repeat(i % 5)}`);
    for (const k of keys) expect(readKey(cache, k)).toBe(k);
    for (const k of [...keys].reverse()) expect(readKey(cache, k)).toBe(k);
  });

  it('keeps its own copy of the bytes: a reused buffer does not change a cached key', () => {
    const cache = new KeyCache();
    const buf = lengthDelimited('llm.model_name');
    expect(new ProtobufReader(buf).key(cache)).toBe('llm.model_name');
    buf.write('xxx', 1);
    expect(new ProtobufReader(buf).key(cache)).toBe('xxx.model_name');
    expect(readKey(cache, 'llm.model_name')).toBe('llm.model_name');
  });

  it('decodes long keys, empty ones and invalid UTF-8 as a plain decode would', () => {
    const cache = new KeyCache();
    expect(readKey(cache, '')).toBe('');
    expect(readKey(cache, '')).toBe('');
    expect(readKey(cache, 'x'.repeat(64))).toBe('x'.repeat(64));
    expect(readKey(cache, 'x'.repeat(65))).toBe('x'.repeat(65));
    const long = 'a.'.repeat(100);
    expect(readKey(cache, long)).toBe(long);
    const invalid = Buffer.from([3, 0x61, 0xff, 0x62]);
    expect(new ProtobufReader(invalid).key(cache)).toBe(Buffer.from([0x61, 0xff, 0x62]).toString('utf8'));
    expect(new ProtobufReader(invalid).key(cache)).toBe('a\ufffdb');
  });
});
