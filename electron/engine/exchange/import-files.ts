import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type ImportFileResult,
  type ImportProblem,
  type ImportSummary,
  emptyFileResult,
  emptyImportSummary,
} from '../../../shared/domain/import-summary';
import type { DecodePool } from '../ingest/decode-pool';
import type { IngestBatch } from '../ingest/ingest-batch';
import { prepareBatch } from '../ingest/prepare-batch';
import { toInsertBatch } from '../ingest/to-insert-batch';
import { type InsertBatch, SPAN } from '../store/insert-batch';
import { QueueFullError, type SpanWriter, StorageError, type WriteResult } from '../store/span-writer';
import { type DecodedContent, RecordError, decodeJsonValue } from './decode-json-value';
import { decodeProtobufMessage } from './decode-protobuf-message';
import { PendingRows, pieces } from './import-batching';
import {
  ImportFileError,
  type OpenedImportFile,
  type PayloadRecord,
  type RecordPosition,
  openImportFile,
} from './read-import-file';

export type { ImportFileResult, ImportProblem, ImportSummary };

export interface ImportProgress {
  /** The file being read. */
  file: string;
  /** Bytes read so far and in total, over all files (on disk: compressed bytes for gzip files). */
  bytesRead: number;
  totalBytes: number;
  /** Spans and log records newly stored so far. */
  spans: number;
  logs: number;
  problems: number;
}

export interface ImportOptions {
  /** The writer that stores the spans (the engine's, or one on a database opened for the import). */
  writer: SpanWriter;
  /**
   * Decodes plain OTLP requests (JSON Lines lines, protobuf messages) on worker threads while this
   * thread writes: the engine's pool, or one made for the import. Without it, all decoding is inline.
   * The pool converts through `toInsertBatch` with its redaction settings.
   */
  decoder?: Pick<DecodePool, 'decode'>;
  /**
   * Converts a validated batch to rows where the import decodes inline (Jaeger JSON, documents
   * with spans and logs, or every record when there is no decoder). Always goes through
   * `toInsertBatch`, so pass the user's redactor: `(b) => toInsertBatch(b, redactor)`.
   */
  toInsert?: (batch: IngestBatch) => InsertBatch;
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
  /** Spans + log records per write (one transaction each). */
  batchItems?: number;
  signal?: AbortSignal;
}

export const MAX_LISTED_PROBLEMS = 1000;
export const MAX_LISTED_TRACE_IDS = 1000;
const DEFAULT_BATCH_ITEMS = 4096;
/** Records decoding on the pool at once, and their bytes: enough to keep it busy while a batch is written. */
const MAX_INFLIGHT_RECORDS = 16;
const MAX_INFLIGHT_BYTES = 64 * 1024 * 1024;
/**
 * Larger records (a whole JSON document, a huge line) are decoded here instead, where they are cut
 * into batches of `batchItems`: the pool would hand back all their rows at once.
 */
const MAX_POOL_RECORD_BYTES = 16 * 1024 * 1024;

/** Awaits the writer; when its queue is full (it is shared with live ingest), waits and tries again. */
async function write(writer: SpanWriter, batch: InsertBatch): Promise<WriteResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await writer.write(batch);
    } catch (err) {
      if (!(err instanceof QueueFullError) || attempt >= 1200) throw err;
      await writer.drain();
      await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
    }
  }
}

function positionOf(at: RecordPosition): { line?: number; offset?: number } {
  return 'line' in at ? { line: at.line } : { offset: at.offset };
}

/** One thing to import: a file on disk, or a byte stream such as an HTTP upload. */
export interface ImportSource {
  /** How the summary and its problems name it (the path given, or the uploaded file's name). */
  label: string;
  /** The imported runs' source: the file name. */
  name: string;
  /** Its size in bytes when known up front (for progress), else 0. */
  size: number;
  /** Opens it and recognizes its format; throws ImportFileError when it cannot be read at all. */
  open: () => Promise<OpenedImportFile>;
}

/**
 * Imports trace files (OTLP JSON, OTLP JSON Lines, OTLP protobuf, Jaeger JSON; gzip'd or not; the
 * format is recognized from the content) through the writer, in batches, awaiting each write so
 * memory stays bounded however large the file. Runs are marked `origin: import` with the file name
 * as their source. A bad record is reported (line or byte offset) and the rest still imported; a
 * file that cannot be read is reported and the next one imported.
 */
export async function importFiles(paths: string[], options: ImportOptions): Promise<ImportSummary> {
  const sizes = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
  const sources = paths.map(
    (path, i): ImportSource => ({
      label: path,
      name: basename(path),
      size: sizes[i] ?? 0,
      open: () => openImportFile(path),
    }),
  );
  return importSources(sources, options);
}

/** importFiles for any sources (files, uploads): the same pipeline, one source after the other. */
export async function importSources(sources: ImportSource[], options: ImportOptions): Promise<ImportSummary> {
  // Decode threads are unref'd: without a ref'd handle, a process doing nothing but this import
  // would exit while waiting on them.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return await importAll(sources, options);
  } finally {
    clearInterval(keepAlive);
  }
}

async function importAll(sources: ImportSource[], options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const toInsert = options.toInsert ?? ((b: IngestBatch) => toInsertBatch(b));
  const batchItems = Math.max(1, options.batchItems ?? DEFAULT_BATCH_ITEMS);
  const interval = options.progressIntervalMs ?? 250;
  const summary = emptyImportSummary(sources.length);

  const traceIds = new Set<string>();
  const totalBytes = sources.reduce((a, s) => a + s.size, 0);
  let doneBytes = 0;
  let lastProgress = 0;
  let current: { name: string; opened: OpenedImportFile | null } = { name: '', opened: null };

  const progress = (force = false): void => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress({
      file: current.name,
      bytesRead: doneBytes + (current.opened?.bytesRead() ?? 0),
      totalBytes,
      spans: summary.spans,
      logs: summary.logs,
      problems: summary.problems.length + summary.problemsOmitted,
    });
  };

  const addProblem = (p: ImportProblem, result: ImportFileResult): void => {
    result.problems++;
    if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push(p);
    else summary.problemsOmitted++;
  };

  const addNote = (note: string): void => {
    if (!summary.notes.includes(note) && summary.notes.length < 100) summary.notes.push(note);
  };

  for (const source of sources) {
    if (options.signal?.aborted || summary.error !== null) {
      summary.cancelled = options.signal?.aborted ?? false;
      break;
    }
    const { label: path, name } = source;
    const result = emptyFileResult(path);

    summary.perFile.push(result);
    current = { name: path, opened: null };
    progress(true);
    const pending = new PendingRows(name);

    const flush = async (): Promise<void> => {
      if (pending.items === 0) return;
      const { batch, spans, logs } = pending.take();
      const written = await write(options.writer, batch);
      result.spans += written.insertedSpans;
      result.spansSkipped += spans - written.insertedSpans;
      result.logs += written.insertedLogs;
      result.logsSkipped += logs - written.insertedLogs;
      summary.spans += written.insertedSpans;
      summary.spansSkipped += spans - written.insertedSpans;
      summary.logs += written.insertedLogs;
      summary.logsSkipped += logs - written.insertedLogs;
    };

    const handle = async (c: Converted): Promise<void> => {
      const at = positionOf(c.at);
      for (const n of c.notes) addNote(`${name}: ${n}`);
      if (c.rejected > 0) {
        result.rejected += c.rejected;
        summary.rejected += c.rejected;
      }
      if (c.problem !== null) addProblem({ file: path, ...at, message: c.problem }, result);
      if (c.rows === null) return;
      for (const g of c.rows.spanGroups)
        for (const s of g.rows) {
          const traceId = s[SPAN.traceId];
          if (traceIds.has(traceId)) continue;
          traceIds.add(traceId);
          if (summary.traceIds.length < MAX_LISTED_TRACE_IDS) summary.traceIds.push(traceId);
        }
      pending.push(c.rows);
      if (pending.items >= batchItems) await flush();
    };

    // Records in file order: those on the pool decode while earlier ones are written.
    const queue: Queued[] = [];
    let queuedBytes = 0;
    const settleHead = async (): Promise<void> => {
      const q = queue.shift()!;
      if (q.kind === 'pool') {
        queuedBytes -= q.bytes;
        await handle(await q.result);
      } else for (const c of convertInline(q.record, name, toInsert, batchItems)) await handle(c);
    };
    try {
      const opened = await source.open();
      current.opened = opened;
      result.format = opened.format;
      result.gzip = opened.gzip;
      try {
        for await (const record of opened.records) {
          if (options.signal?.aborted) {
            summary.cancelled = true;
            break;
          }
          if (record.kind === 'problem') {
            queue.push({ kind: 'inline', record });
          } else if (options.decoder && record.signal !== null && record.bytes.length <= MAX_POOL_RECORD_BYTES) {
            const bytes = record.bytes.length;
            queue.push({ kind: 'pool', bytes, result: decodeOnPool(options.decoder, record, record.signal) });
            queuedBytes += bytes;
          } else queue.push({ kind: 'inline', record });
          while (
            queue.length > 0 &&
            (queue[0]!.kind === 'inline' || queue.length >= MAX_INFLIGHT_RECORDS || queuedBytes > MAX_INFLIGHT_BYTES)
          ) {
            await settleHead();
          }
          progress();
        }
        while (queue.length > 0) await settleHead();
        await flush();
      } finally {
        opened.close();
      }
    } catch (err) {
      if (err instanceof ImportFileError) {
        result.error = err.message;
        summary.failedFiles++;
        // What was read before the failure is kept (imports are idempotent: fix the file and import again).
        try {
          while (queue.length > 0) await settleHead();
          await flush();
        } catch (flushErr) {
          summary.error = `could not write to the database: ${(flushErr as Error).message}`;
        }
      } else if (err instanceof StorageError) {
        // The database refused a write (disk full, locked for too long): stop here.
        result.error = err.message;
        summary.failedFiles++;
        summary.error = err.message;
      } else {
        result.error = `unexpected error: ${(err as Error).message}`;
        summary.failedFiles++;
      }
    }
    doneBytes += source.size > 0 ? source.size : (current.opened?.bytesRead() ?? 0);
    current.opened = null;
  }
  summary.runs = traceIds.size;
  summary.seconds = (performance.now() - started) / 1000;
  progress(true);
  return summary;
}

/** A record converted to rows for the writer (or why it could not be). */
interface Converted {
  at: RecordPosition;
  rows: InsertBatch | null;
  rejected: number;
  problem: string | null;
  notes: string[];
}

type Queued =
  | { kind: 'pool'; bytes: number; result: Promise<Converted> }
  | { kind: 'inline'; record: PayloadRecord | { kind: 'problem'; at: RecordPosition; message: string } };

function decodeOnPool(
  decoder: Pick<DecodePool, 'decode'>,
  record: PayloadRecord,
  signal: 'traces' | 'logs',
): Promise<Converted> {
  const at = record.at;
  return decoder.decode(signal, record.bytes, record.encoding).then(
    (d): Converted => ({
      at,
      rows: d.rows,
      rejected: d.rejected,
      problem: d.rejected > 0 ? d.message : null,
      notes: d.rejected === 0 && d.message !== '' ? [d.message] : [],
    }),
    (err: unknown): Converted => ({
      at,
      rows: null,
      rejected: 0,
      problem: (err as Error).message,
      notes: [],
    }),
  );
}

/**
 * Decodes a record on this thread: Jaeger JSON, documents with both spans and logs, metrics (a
 * note), or any record when there is no decode pool. Large records are cut into pieces of at most
 * `batchItems` spans and log records before they are converted to rows.
 */
function* convertInline(
  record: PayloadRecord | { kind: 'problem'; at: RecordPosition; message: string },
  source: string,
  toInsert: (batch: IngestBatch) => InsertBatch,
  batchItems: number,
): Generator<Converted> {
  const at = record.at;
  if (record.kind === 'problem') {
    yield { at, rows: null, rejected: 0, problem: record.message, notes: [] };
    return;
  }
  let contents: Iterable<DecodedContent>;
  try {
    contents =
      record.encoding === 'json'
        ? decodeJsonValue(record.bytes.toString('utf8'))
        : [decodeProtobufMessage(record.bytes)];
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    yield { at, rows: null, rejected: 0, problem: `invalid protobuf message: ${err.message}`, notes: [] };
    return;
  }
  try {
    for (const content of contents) {
      if (content.problem !== undefined) {
        yield { at, rows: null, rejected: 0, problem: content.problem, notes: [] };
        continue;
      }
      const notes = content.metrics ? ['OTLP metrics are not imported (only traces and logs)'] : [];
      if (!content.traces && !content.logs) {
        if (notes.length > 0) yield { at, rows: null, rejected: 0, problem: null, notes };
        continue;
      }
      const prepared = prepareBatch({ traces: content.traces, logs: content.logs }, 'import', source);
      notes.push(...prepared.warnings);
      const what = prepared.rejected === 1 ? 'record' : 'records';
      let problem =
        prepared.rejected > 0 ? `${prepared.rejected} ${what} rejected: ${prepared.reasons.join('; ')}` : null;
      let rejected = prepared.rejected;
      for (const piece of pieces(prepared.batch, batchItems)) {
        yield { at, rows: toInsert(piece), rejected, problem, notes };
        rejected = 0;
        problem = null;
        notes.length = 0;
      }
      if (rejected > 0) yield { at, rows: null, rejected, problem, notes };
    }
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    yield { at, rows: null, rejected: 0, problem: err.message, notes: [] };
  }
}
