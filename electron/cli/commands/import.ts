import { join } from 'node:path';
import { formatCount } from '../../../shared/format/format-count';
import { resolveDataDir } from '../../engine/config/data-dir';
import { type ImportProgress, type ImportSummary, importFiles } from '../../engine/exchange/import-files';
import { DecodePool } from '../../engine/ingest/decode-pool';
import { toInsertBatch } from '../../engine/ingest/to-insert-batch';
import { PriceBook } from '../../engine/pricing/price-book';
import { RedactionSettings } from '../../engine/redaction/redaction-settings';
import { DATABASE_FILE, openDatabase } from '../../engine/store/open-database';
import { WalCheckpointer } from '../../engine/store/wal-checkpointer';
import { SpanWriter } from '../../engine/store/span-writer';
import { CliError } from '../cli-error';
import { parseOptions } from '../parse-options';

export const importHelp = `Usage: loupe import <file…> [options]

Imports trace files into a data dir (whether or not Loupe is running on it). Imported runs are
marked as such, with the file name as their source. The format is recognized from the content,
not from the file name:

  OTLP JSON         an ExportTraceServiceRequest and/or ExportLogsServiceRequest document
                    (pretty-printed or not; read whole, up to 500 MiB)
  OTLP JSON Lines   one request per line, as the OpenTelemetry Collector's file exporter writes
                    them (format: json); read line by line, any size
  OTLP protobuf     the Collector file exporter's format: proto (each message preceded by its
                    4-byte big-endian length), or one bare ExportTraceServiceRequest
  Jaeger JSON       what the Jaeger UI downloads and its API returns: {"data": [{traceID, spans,
                    processes}]}
  any of these gzip'd (zstd is not supported: decompress it first)

Spans already stored (same trace and span id) and log records already stored are skipped, so
importing a file twice stores nothing twice. A bad line or message is reported with its line
number or byte offset, and the rest of the file is still imported.

Options:
  --data-dir DIR   the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  --json           print the summary as JSON: {files, runs, spans, spansSkipped, logs, rejected,
                   problems: [{file, line | offset, message}], perFile, ...}
  -h, --help       show this help

Exit status: 0 when everything was imported; 1 when a file could not be read or some records were
left out (each is listed); 2 on wrong usage.`;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function progressLine(p: ImportProgress): string {
  const pct = p.totalBytes > 0 ? ` ${Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100))}%` : '';
  const problems = p.problems > 0 ? ` · ${formatCount(p.problems)} problems` : '';
  return `importing${pct} (${mib(p.bytesRead)} of ${mib(p.totalBytes)}) · ${formatCount(p.spans)} spans · ${formatCount(p.logs)} logs${problems}`;
}

function printSummary(s: ImportSummary): void {
  const skipped = s.spansSkipped > 0 ? ` (${formatCount(s.spansSkipped)} already present)` : '';
  const logsSkipped = s.logsSkipped > 0 ? ` (${formatCount(s.logsSkipped)} already present)` : '';
  console.log(
    `Imported ${formatCount(s.spans)} spans${skipped} and ${formatCount(s.logs)} log records${logsSkipped} ` +
      `in ${formatCount(s.runs)} runs from ${s.files - s.failedFiles} of ${s.files} files (${s.seconds.toFixed(1)} s).`,
  );
  for (const f of s.perFile) {
    const what = f.format === null ? 'not read' : `${f.format}${f.gzip ? ', gzip' : ''}`;
    const status = f.error !== null ? ` — ${f.error}` : '';
    const present =
      f.spansSkipped + f.logsSkipped > 0 ? ` (${formatCount(f.spansSkipped + f.logsSkipped)} already present)` : '';
    console.log(`  ${f.file}: ${what}: ${formatCount(f.spans)} spans, ${formatCount(f.logs)} logs${present}${status}`);
  }
  if (s.rejected > 0) console.log(`${formatCount(s.rejected)} spans or log records were rejected as invalid.`);
  if (s.problems.length > 0) {
    console.log(`Problems (${formatCount(s.problems.length + s.problemsOmitted)}):`);
    const shown = s.problems.slice(0, 20);
    for (const p of shown) {
      const where = p.line !== undefined ? `:${p.line}` : p.offset !== undefined ? ` @ byte ${p.offset}` : '';
      console.log(`  ${p.file}${where}: ${p.message}`);
    }
    const more = s.problems.length + s.problemsOmitted - shown.length;
    if (more > 0) console.log(`  … and ${formatCount(more)} more (see --json)`);
  }
  for (const n of s.notes) console.log(`Note: ${n}`);
  if (s.error !== null) console.log(`Stopped: ${s.error}`);
  if (s.cancelled)
    console.log('Interrupted: the files were imported up to here; importing them again adds only the rest.');
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (values.help) {
    console.log(importHelp);
    return 0;
  }
  if (positionals.length === 0) throw new CliError('give at least one file to import: loupe import <file…>', 2);
  const dataDir = resolveDataDir(values['data-dir']);
  let db;
  try {
    // Read-write: another engine may be running on this data dir; WAL and the busy timeout let both write.
    db = openDatabase(dataDir);
  } catch (err) {
    throw new CliError(`cannot open the Loupe database in ${dataDir}: ${(err as Error).message}`);
  }
  const tty = process.stderr.isTTY === true;
  let shown = false;
  // Ctrl-C stops between batches: what was written stays (importing again skips it) and the summary is printed.
  const abort = new AbortController();
  const onInterrupt = (): void => abort.abort();
  process.once('SIGINT', onInterrupt);
  let decoder: DecodePool | null = null;
  let checkpointer: WalCheckpointer | null = null;
  try {
    const prices = new PriceBook(db);
    const writer = new SpanWriter(db, { pricer: prices.price });
    // As in the engine: WAL checkpoints on their own thread, not inside this writer's commits.
    checkpointer = new WalCheckpointer(db, join(dataDir, DATABASE_FILE), { holdWrites: () => writer.hold() });
    // The user's redaction settings apply to imports as to live ingest: on the decode threads and inline.
    const redaction = new RedactionSettings(db);
    const redactor = redaction.redactor();
    decoder = new DecodePool(undefined, undefined, redaction.config());
    const summary = await importFiles(positionals, {
      writer,
      decoder,
      toInsert: (batch) => toInsertBatch(batch, redactor),
      signal: abort.signal,
      onProgress: tty
        ? (p) => {
            process.stderr.write(`\r\x1b[K${progressLine(p)}`);
            shown = true;
          }
        : undefined,
    });
    await writer.drain();
    if (shown) process.stderr.write('\r\x1b[K');
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary);
    const clean =
      summary.failedFiles === 0 && summary.problems.length === 0 && summary.error === null && !summary.cancelled;
    return clean ? 0 : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    await decoder?.close();
    await checkpointer?.close();
    db.close();
  }
}
