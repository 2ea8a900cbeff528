import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

/** 20 MiB after decompression, as the OTLP specification recommends. */
export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes after decompression`);
    this.name = 'BodyTooLargeError';
  }
}

export class BodyEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyEncodingError';
  }
}

/**
 * No body bytes arrived for `idleMs`: a sender that declares a body and then stalls must not hold
 * what its body reserved (the OTLP admission budget) until the server's 2-minute request timeout.
 */
export class BodyStalledError extends Error {
  constructor(readonly idleMs: number) {
    super(`no request body bytes arrived for ${Math.round(idleMs / 1000)} s; send the body without pausing`);
    this.name = 'BodyStalledError';
  }
}

/** How long a body may pause between chunks before the request is answered 408. */
export const DEFAULT_BODY_IDLE_MS = 10_000;

/** Client went away or the stream broke mid-body. */
export class BodyReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyReadError';
  }
}

function decoderFor(encoding: string): Gunzip | Inflate | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    default:
      throw new BodyEncodingError(`unsupported Content-Encoding "${encoding}" (use gzip, deflate or none)`);
  }
}

/**
 * Reads a request body, decompressing it as its Content-Encoding says, and stops as soon as the
 * decompressed size passes `limit` (a gzip bomb is cut off while inflating, chunk by chunk, so
 * memory never holds more than the limit).
 */
export function readBody(
  req: IncomingMessage,
  limit: number = DEFAULT_BODY_LIMIT,
  idleMs: number = DEFAULT_BODY_IDLE_MS,
): Promise<Buffer> {
  const encoding = String(req.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decoder = decoderFor(encoding);
  const declared = Number(req.headers['content-length']);
  if (decoder === null && Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new BodyTooLargeError(limit));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // Restarted by every chunk that arrives; cleared once the body is read or has failed.
    const idle = setTimeout(() => fail(new BodyStalledError(idleMs)), idleMs);
    req.on('data', () => idle.refresh());
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      req.unpipe();
      decoder?.destroy();
      // Stop reading the rest of an oversized or broken body; the response closes the connection.
      req.pause();
      reject(err);
    };
    const source = decoder ?? req;
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        fail(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    source.on('error', (err: Error) => {
      fail(
        decoder && source === decoder
          ? new BodyEncodingError(`body is not valid ${encoding} data: ${err.message}`)
          : new BodyReadError(err.message),
      );
    });
    if (decoder) {
      // The compressed stream is capped too: endless empty gzip members must not burn CPU.
      let raw = 0;
      req.on('data', (chunk: Buffer) => {
        raw += chunk.length;
        if (raw > limit) fail(new BodyTooLargeError(limit));
      });
      req.on('error', (err: Error) => fail(new BodyReadError(err.message)));
      req.on('aborted', () => fail(new BodyReadError('client aborted the request')));
      req.pipe(decoder);
    } else {
      req.on('aborted', () => fail(new BodyReadError('client aborted the request')));
    }
  });
}
