import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ByteReader } from './byte-reader';
import { jsonSignal } from './decode-json-value';
import { protobufSignal } from './decode-protobuf-message';
import type { ImportFormat } from '../../../shared/domain/import-summary';
import { DETECT_BYTES, type FileFormat, detectFormat, skipBomAndSpace } from './detect-format';

/**
 * A JSON value larger than this is refused: V8 cannot hold a string much longer than 512 MiB
 * (2^29 - 24 characters), and parsing one takes several times its size in memory. Larger exports
 * must be JSON Lines (one request per line), which are read one line at a time.
 */
export const MAX_JSON_BYTES = 500 * 1024 * 1024;
/** A protobuf message (bare, or one length-prefixed frame) larger than this is refused. */
export const MAX_PROTOBUF_BYTES = 500 * 1024 * 1024;
const MAX_GZIP_LAYERS = 3;

export type { ImportFormat };

/** Where a record is: its line (JSON Lines, 1-based) or byte offset (protobuf, in the decompressed content). */
export type RecordPosition = { line: number } | { offset: number };

/**
 * One record of an import file, still encoded: a JSON value (a JSON Lines line or a whole
 * document) or a protobuf message. `signal` is set when the record is a plain OTLP traces or logs
 * request (then any OTLP decoder can take it, e.g. the engine's decode threads); null when it needs
 * the import's own reading (Jaeger JSON, a document with both spans and logs, metrics).
 */
export interface PayloadRecord {
  kind: 'payload';
  at: RecordPosition;
  encoding: 'json' | 'protobuf';
  signal: 'traces' | 'logs' | null;
  bytes: Buffer;
}

export type ImportRecord = PayloadRecord | { kind: 'problem'; at: RecordPosition; message: string };

/** The file cannot be read as a whole (missing, a directory, no permission, unknown format, corrupt gzip). */
export class ImportFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportFileError';
  }
}

export interface OpenedImportFile {
  /** What the content is (after gunzipping): see detect-format.ts. */
  format: ImportFormat;
  gzip: boolean;
  /** The file's size on disk (0 for a pipe). */
  totalBytes: number;
  /** Bytes of the file read so far (compressed bytes for a gzip file). */
  bytesRead: () => number;
  records: AsyncGenerator<ImportRecord>;
  close: () => void;
}

const FORMAT_NAMES: Record<FileFormat, ImportFormat | null> = {
  'json-lines': 'otlp-json-lines',
  'json-document': 'otlp-json',
  'protobuf-framed': 'otlp-protobuf-framed',
  protobuf: 'otlp-protobuf',
  gzip: null,
  zstd: null,
  empty: null,
  unknown: null,
};

function fsMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err.message;
  }
}

/** Turns stream errors (disk, gzip) into ImportFileError with a plain message. */
function streamError(err: unknown): ImportFileError {
  if (err instanceof ImportFileError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(e.message ?? '')) {
    return new ImportFileError(`corrupt or truncated gzip data (${e.message})`, { cause: err });
  }
  if (typeof e.code === 'string' && e.code.startsWith('E')) return new ImportFileError(fsMessage(e), { cause: err });
  return new ImportFileError(e.message ?? String(err), { cause: err });
}

/** Re-throws stream failures from an async iterable as ImportFileError. */
async function* guarded(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk;
  } catch (err) {
    throw streamError(err);
  }
}

/**
 * Opens an import file and recognizes its format by content. Throws ImportFileError when it cannot
 * be read at all; the returned records report bad records as problems and carry on.
 */
export async function openImportFile(path: string): Promise<OpenedImportFile> {
  let size: number | undefined;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new ImportFileError('is a directory, not a file');
    if (!s.isFile() && !s.isFIFO()) throw new ImportFileError('is not a regular file');
    // A pipe (`loupe import <(zcat traces.gz)`) has no size until it is read.
    size = s.isFile() ? s.size : undefined;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(fsMessage(err as NodeJS.ErrnoException), { cause: err });
  }
  let file: ReadStream;
  try {
    file = createReadStream(path, { highWaterMark: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
  } catch (err) {
    throw new ImportFileError(fsMessage(err as NodeJS.ErrnoException), { cause: err });
  }
  return openImportStream(file, { size, bytesRead: () => file.bytesRead, close: () => file.destroy() });
}

export interface ImportStreamInfo {
  /** The content's length in bytes when known (a file on disk, an upload's Content-Length). */
  size?: number;
  /** Bytes of the source consumed so far (compressed bytes for gzip'd content). */
  bytesRead: () => number;
  /** Releases the source (closes the file, stops reading the request). */
  close: () => void;
}

/**
 * Recognizes the format of a byte stream (a file, an HTTP upload) by its content and returns its
 * records, reading only as fast as they are consumed. Throws ImportFileError (after closing the
 * source) when the content cannot be imported at all.
 */
export async function openImportStream(
  source: AsyncIterable<Buffer>,
  info: ImportStreamInfo,
): Promise<OpenedImportFile> {
  const size = info.size;
  const closers: Array<() => void> = [info.close];
  const close = (): void => closers.forEach((c) => c());
  try {
    let reader = ByteReader.from(guarded(source));
    let gzip = 0;
    for (;;) {
      const head = await reader.peek(DETECT_BYTES);
      const detected = detectFormat(head, gzip === 0 ? size : undefined);
      if (detected.format === 'gzip') {
        if (++gzip > MAX_GZIP_LAYERS) throw new ImportFileError('gzip nested too deeply');
        const gunzip = createGunzip();
        const compressed = Readable.from(rest(reader));
        compressed.on('error', (err) => gunzip.destroy(err));
        compressed.pipe(gunzip);
        closers.push(() => {
          compressed.destroy();
          gunzip.destroy();
        });
        reader = ByteReader.from(guarded(gunzip));
        continue;
      }
      const format = FORMAT_NAMES[detected.format];
      if (format === null) throw new ImportFileError(unsupportedMessage(detected.format, detected.hint, gzip > 0));
      return {
        format,
        gzip: gzip > 0,
        totalBytes: size ?? 0,
        bytesRead: info.bytesRead,
        records: readRecords(reader, detected.format),
        close,
      };
    }
  } catch (err) {
    close();
    throw err instanceof ImportFileError ? err : streamError(err);
  }
}

async function* rest(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const chunk = await reader.read(1 << 20);
    if (chunk.length === 0) return;
    yield chunk;
  }
}

function unsupportedMessage(format: FileFormat, hint: string | undefined, gzip: boolean): string {
  const inside = gzip ? ' inside the gzip data' : '';
  switch (format) {
    case 'empty':
      return `the file is empty${inside}: nothing to import`;
    case 'zstd':
      return 'zstd-compressed data (the Collector file exporter\'s "compression: zstd") is not supported: decompress it first (zstd -d)';
    default:
      return (
        `unknown format${inside}: ${hint ?? 'unrecognized content'}. Loupe imports OTLP JSON, OTLP JSON Lines ` +
        "(OpenTelemetry Collector file exporter), OTLP protobuf (bare or length-prefixed) and Jaeger JSON, gzip'd or not"
      );
  }
}

function readRecords(reader: ByteReader, format: FileFormat): AsyncGenerator<ImportRecord> {
  switch (format) {
    case 'json-lines':
      return readJsonLines(reader);
    case 'json-document':
      return readJsonDocument(reader);
    case 'protobuf-framed':
      return readFramedProtobuf(reader);
    default:
      return readBareProtobuf(reader);
  }
}

const MIB = 1024 * 1024;

function jsonRecord(bytes: Buffer, at: RecordPosition): PayloadRecord {
  return { kind: 'payload', at, encoding: 'json', signal: jsonSignal(bytes), bytes };
}

function protobufRecord(bytes: Buffer, at: RecordPosition): PayloadRecord {
  let signal: PayloadRecord['signal'] = null;
  try {
    const s = protobufSignal(bytes);
    if (s === 'traces' || s === 'logs') signal = s;
  } catch {
    // Malformed: decoding it reports the problem.
  }
  return { kind: 'payload', at, encoding: 'protobuf', signal, bytes };
}

/** One OTLP JSON request (or Jaeger trace) per line; blank lines are skipped. */
async function* readJsonLines(reader: ByteReader): AsyncGenerator<ImportRecord> {
  for await (const l of reader.lines(MAX_JSON_BYTES)) {
    if ('tooLong' in l) {
      yield {
        kind: 'problem',
        at: { line: l.number },
        message: `line longer than ${MAX_JSON_BYTES / MIB} MiB; skipped`,
      };
      continue;
    }
    if (skipBomAndSpace(l.line) === l.line.length) continue;
    yield jsonRecord(l.line, { line: l.number });
  }
}

/** A single (possibly pretty-printed) JSON document, read whole up to MAX_JSON_BYTES. */
async function* readJsonDocument(reader: ByteReader): AsyncGenerator<ImportRecord> {
  const all = await reader.readAll(MAX_JSON_BYTES);
  if (all === null)
    throw new ImportFileError(
      `a single JSON document larger than ${MAX_JSON_BYTES / MIB} MiB cannot be imported; ` +
        'write it as JSON Lines (one request per line, e.g. with `jq -c`) or split it',
    );
  yield jsonRecord(all, { line: 1 });
}

/** The Collector file exporter's `format: proto`: a 4-byte big-endian length, then the message, repeated. */
async function* readFramedProtobuf(reader: ByteReader): AsyncGenerator<ImportRecord> {
  for (;;) {
    const offset = reader.position;
    const header = await reader.read(4);
    if (header.length === 0) return;
    if (header.length < 4) {
      yield { kind: 'problem', at: { offset }, message: 'truncated length prefix at the end of the file' };
      return;
    }
    const length = header.readUInt32BE(0);
    if (length > MAX_PROTOBUF_BYTES) {
      const skipped = await reader.skip(length);
      yield {
        kind: 'problem',
        at: { offset },
        message: `message of ${length} bytes is larger than ${MAX_PROTOBUF_BYTES / MIB} MiB; skipped`,
      };
      if (skipped < length) return;
      continue;
    }
    const message = await reader.read(length);
    if (message.length < length) {
      yield {
        kind: 'problem',
        at: { offset },
        message: `truncated message: its length prefix says ${length} bytes, the file has ${message.length} left`,
      };
      return;
    }
    if (message.length >= 4 && message.readUInt32BE(0) === 0x28b52ffd)
      throw new ImportFileError(unsupportedMessage('zstd', undefined, false));
    // With a custom encoding the Collector may frame JSON the same way.
    yield message[0] === 0x7b /* { */ ? jsonRecord(message, { offset }) : protobufRecord(message, { offset });
  }
}

/** One bare ExportTraceServiceRequest (or ExportLogsServiceRequest), read whole. */
async function* readBareProtobuf(reader: ByteReader): AsyncGenerator<ImportRecord> {
  const all = await reader.readAll(MAX_PROTOBUF_BYTES);
  if (all === null)
    throw new ImportFileError(
      `a single protobuf message larger than ${MAX_PROTOBUF_BYTES / MIB} MiB cannot be imported; ` +
        "write it length-prefixed, one message per batch (the Collector file exporter's format: proto)",
    );
  yield protobufRecord(all, { offset: 0 });
}
