/**
 * A minimal, allocation-light protobuf wire-format reader for the OTLP messages.
 * Throws ProtobufDecodeError on truncated or malformed input.
 */
export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

/**
 * Node's Buffer has direct `utf8Slice`/`hexSlice` methods underneath `toString(encoding, start,
 * end)`; calling them skips its argument handling, which dominates for the many short strings of
 * an OTLP payload (attribute keys). Measured: about a fifth of decode time. Falls back to
 * `toString` where they are absent.
 */
type SliceFn = (this: Buffer, start: number, end: number) => string;
const bufferProto = Buffer.prototype as unknown as { utf8Slice?: SliceFn; hexSlice?: SliceFn };
const fastSlices =
  typeof bufferProto.utf8Slice === 'function' && typeof bufferProto.hexSlice === 'function'
    ? { utf8Slice: bufferProto.utf8Slice, hexSlice: bufferProto.hexSlice }
    : null;

export class ProtobufReader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a tag; returns field number * 8 + wire type, as encoded. */
  tag(): number {
    const t = this.uint32();
    if (t >>> 3 === 0) throw new ProtobufDecodeError(`invalid field number 0 at byte ${this.pos}`);
    return t;
  }

  uint32(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError('truncated varint');
      const b = buf[this.pos++]!;
      if (shift < 32) result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
      shift += 7;
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  }

  /** int64/uint64 varint as exact low/high 32-bit halves. */
  varint64(): { lo: number; hi: number } {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let i = 0;
    let b = 0;
    for (; i < 4; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError('truncated varint');
      b = buf[this.pos++]!;
      lo = (lo | ((b & 0x7f) << (i * 7))) >>> 0;
      if (b < 0x80) return { lo, hi };
    }
    if (this.pos >= this.end) throw new ProtobufDecodeError('truncated varint');
    b = buf[this.pos++]!;
    lo = (lo | ((b & 0x7f) << 28)) >>> 0;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return { lo, hi };
    for (i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError('truncated varint');
      b = buf[this.pos++]!;
      hi = (hi | ((b & 0x7f) << (i * 7 + 3))) >>> 0;
      if (b < 0x80) return { lo, hi };
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  }

  /** A signed int64 as a JS number when exact, else as a decimal string. */
  int64(): number | string {
    const { lo, hi } = this.varint64();
    return int64FromHalves(lo, hi);
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  fixed32(): number {
    if (this.pos + 4 > this.end) throw new ProtobufDecodeError('truncated fixed32');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** An unsigned fixed64 as a BigInt (nanosecond timestamps exceed 2^53). */
  fixed64(): bigint {
    if (this.pos + 8 > this.end) throw new ProtobufDecodeError('truncated fixed64');
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtobufDecodeError('truncated double');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Length of a length-delimited field; checks it fits. */
  len(): number {
    const n = this.uint32();
    if (this.pos + n > this.end) {
      throw new ProtobufDecodeError(`length ${n} at byte ${this.pos} runs past the end of the message`);
    }
    return n;
  }

  string(): string {
    const n = this.len();
    const start = this.pos;
    this.pos += n;
    return decodeUtf8(this.buf, start, n);
  }

  /**
   * A short string that recurs across messages (an attribute key): the same string as last time
   * its bytes were seen, without decoding it again. See KeyCache.
   */
  key(cache: KeyCache): string {
    const n = this.len();
    const start = this.pos;
    this.pos += n;
    return cache.get(this.buf, start, n);
  }

  /** Bytes as a lowercase hex string (trace and span ids). */
  hex(): string {
    const n = this.len();
    const start = this.pos;
    this.pos += n;
    return fastSlices
      ? fastSlices.hexSlice.call(this.buf, start, start + n)
      : this.buf.toString('hex', start, start + n);
  }

  bytesBase64(): string {
    const n = this.len();
    const s = this.buf.toString('base64', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** A sub-reader over the next length-delimited field. */
  sub(): ProtobufReader {
    const n = this.len();
    const r = new ProtobufReader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > this.end) throw new ProtobufDecodeError('truncated fixed64');
        this.pos += 8;
        return;
      case WIRE_LEN: {
        const n = this.len();
        this.pos += n;
        return;
      }
      case WIRE_FIXED32:
        if (this.pos + 4 > this.end) throw new ProtobufDecodeError('truncated fixed32');
        this.pos += 4;
        return;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }
}

/** Exact signed 64-bit value from two's-complement halves: a number when safe, else a string. */
export function int64FromHalves(lo: number, hi: number): number | string {
  const negative = (hi & 0x80000000) !== 0;
  if (!negative) {
    if (hi < 0x200000) return hi * TWO_32 + lo; // < 2^53
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
  }
  const v = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  return v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

const KEY_CACHE_SLOTS = 1024;
const MAX_CACHED_KEY_BYTES = 64;

/**
 * Attribute keys decoded before, by their bytes. An OTLP batch repeats the same few dozen keys on
 * every span (`gen_ai.request.model`…); decoding each afresh, and then having V8 look the new
 * string up again when it becomes a property name, costs more than hashing its bytes here and
 * comparing them with the cached key's. A slot holds the last key that hashed to it.
 */
export class KeyCache {
  private readonly bytes = new Array<Uint8Array | undefined>(KEY_CACHE_SLOTS);
  private readonly strings = new Array<string | undefined>(KEY_CACHE_SLOTS);

  get(buf: Buffer, start: number, n: number): string {
    if (n > MAX_CACHED_KEY_BYTES) return decodeUtf8(buf, start, n);
    let h = n;
    for (let i = start; i < start + n; i++) h = (Math.imul(h, 31) + buf[i]!) | 0;
    const slot = h & (KEY_CACHE_SLOTS - 1);
    const cached = this.bytes[slot];
    if (cached !== undefined && cached.length === n) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (cached[i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.strings[slot]!;
    }
    const key = decodeUtf8(buf, start, n);
    // A copy: a view would keep the whole request's buffer alive.
    this.bytes[slot] = Uint8Array.prototype.slice.call(buf, start, start + n);
    this.strings[slot] = key;
    return key;
  }
}

function decodeUtf8(buf: Buffer, start: number, n: number): string {
  return fastSlices ? fastSlices.utf8Slice.call(buf, start, start + n) : buf.toString('utf8', start, start + n);
}
