/**
 * A pull reader over a stream of byte chunks (a file, or its gunzipped contents): peek at the head
 * to detect the format, read exact lengths (length-prefixed protobuf), split lines (JSON Lines), or
 * read everything up to a cap. Only what the caller asks for is buffered, so memory stays bounded
 * by the largest record, not by the file.
 */
export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  /** Bytes handed out so far (an offset into the decompressed content). */
  position = 0;

  constructor(private readonly source: AsyncIterator<Buffer | Uint8Array | string>) {}

  static from(iterable: AsyncIterable<Buffer | Uint8Array | string>): ByteReader {
    return new ByteReader(iterable[Symbol.asyncIterator]());
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.source.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    const b =
      typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    if (b.length > 0) {
      this.chunks.push(b);
      this.buffered += b.length;
    }
    return true;
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && (await this.pull()));
  }

  private take(n: number): Buffer {
    const out = this.chunks.length === 1 || n <= (this.chunks[0]?.length ?? 0) ? this.sliceFirst(n) : this.concat(n);
    this.buffered -= out.length;
    this.position += out.length;
    return out;
  }

  private sliceFirst(n: number): Buffer {
    const first = this.chunks[0];
    if (!first) return Buffer.alloc(0);
    if (n >= first.length) {
      this.chunks.shift();
      return first;
    }
    this.chunks[0] = first.subarray(n);
    return first.subarray(0, n);
  }

  private concat(n: number): Buffer {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n && this.chunks.length > 0) {
      const part = this.sliceFirst(n - got);
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts, got);
  }

  /** Up to `n` bytes from the current position, without consuming them (fewer at the end). */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    if (this.chunks.length === 1) return this.chunks[0]!.subarray(0, n);
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  /** Up to `n` bytes (fewer only at the end of the content). */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    return this.take(Math.min(n, this.buffered));
  }

  /** Discards up to `n` bytes without keeping them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.pull())) break;
      left -= this.take(Math.min(left, this.chunks[0]?.length ?? 0)).length;
    }
    return n - left;
  }

  /** Everything that is left, or null (reading stops) as soon as it exceeds `maxBytes`. */
  async readAll(maxBytes: number): Promise<Buffer | null> {
    while (this.buffered <= maxBytes && (await this.pull()));
    if (this.buffered > maxBytes) {
      this.chunks = [];
      this.buffered = 0;
      return null;
    }
    return this.take(this.buffered);
  }

  /**
   * Lines split on `\n` (a trailing `\r` is dropped). A line longer than `maxLineBytes` is not kept:
   * it is yielded as `{ tooLong: true }` and reading resumes at the next line, so one huge line
   * cannot exhaust memory.
   */
  async *lines(
    maxLineBytes: number,
  ): AsyncGenerator<{ line: Buffer; number: number } | { tooLong: true; number: number }> {
    let number = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let dropping = false;
    for (;;) {
      if (this.buffered === 0 && !(await this.pull())) break;
      const chunk = this.chunks[0]!;
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        const part = this.take(chunk.length);
        if (!dropping) {
          pendingBytes += part.length;
          if (pendingBytes > maxLineBytes) {
            dropping = true;
            pending = [];
          } else pending.push(part);
        }
        continue;
      }
      const part = this.take(nl + 1);
      number++;
      if (dropping || pendingBytes + nl > maxLineBytes) {
        yield { tooLong: true, number };
      } else {
        pending.push(part.subarray(0, nl));
        const line = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes + nl);
        yield { line: stripCr(line), number };
      }
      pending = [];
      pendingBytes = 0;
      dropping = false;
    }
    if (dropping) yield { tooLong: true, number: number + 1 };
    else if (pendingBytes > 0) {
      const line = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      yield { line: stripCr(line), number: number + 1 };
    }
  }
}

function stripCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
}
