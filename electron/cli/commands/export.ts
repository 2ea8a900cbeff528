import { existsSync, rmSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { resolveDataDir } from '../../engine/config/data-dir';
import { EXPORT_FORMATS, type ExportFormat, UnknownRunsError, exportRuns } from '../../engine/exchange/export-runs';
import { DATABASE_FILE, openDatabase } from '../../engine/store/open-database';
import { CliError } from '../cli-error';
import { parseOptions } from '../parse-options';

export const exportHelp = `Usage: loupe export <traceId…> -o FILE [options]

Writes runs (one per trace id) as OTLP JSON, exactly as stored: ids, times in ns, attributes of
every type, events, links, status, resources and scopes, and the runs' log records. The file
imports back (\`loupe import\`, or any OTLP JSON reader) to the same data.

Options:
  -o, --output FILE   where to write; - for stdout. A name ending in .gz is written gzip'd
  --format FORMAT     otlp-json (default): one JSON document, an ExportTraceServiceRequest (that also
                      carries the runs' log records as "resourceLogs" when there are any)
                      otlp-jsonl: JSON Lines as the OpenTelemetry Collector's file exporter writes
                      them: per run one ExportTraceServiceRequest line, then one
                      ExportLogsServiceRequest line if it has log records
  --data-dir DIR      the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  -h, --help          show this help

Exit status: 0 when written; 1 when a run does not exist or the file cannot be written; 2 on wrong usage.`;

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { 'data-dir': { type: 'string' }, output: { type: 'string', short: 'o' }, format: { type: 'string' } },
    true,
  );
  if (values.help) {
    console.log(exportHelp);
    return 0;
  }
  if (positionals.length === 0) throw new CliError('give at least one trace id: loupe export <traceId…> -o FILE', 2);
  for (const id of positionals)
    if (!/^[0-9a-fA-F]{32}$/.test(id)) throw new CliError(`"${id}" is not a trace id (32 hex characters)`, 2);
  if (values.output === undefined || values.output === '')
    throw new CliError('say where to write with -o FILE (or -o - for stdout)', 2);
  const format = (values.format ?? 'otlp-json') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${values.format}")`, 2);

  const dataDir = resolveDataDir(values['data-dir']);
  if (!existsSync(join(dataDir, DATABASE_FILE))) throw new CliError(`no Loupe data in ${dataDir}`);
  let db;
  try {
    db = openDatabase(dataDir);
  } catch (err) {
    throw new CliError(`cannot open the Loupe database in ${dataDir}: ${(err as Error).message}`);
  }
  const toStdout = values.output === '-';
  const path = values.output;
  let disk: Writable | null = null;
  try {
    // Check the runs before creating the file, so a typo leaves nothing behind.
    const check = db.prepare<[string], number>('SELECT 1 FROM runs WHERE trace_id = ?').pluck();
    const missing = positionals.map((id) => id.toLowerCase()).filter((id) => check.get(id) === undefined);
    if (missing.length > 0) throw new UnknownRunsError(missing);
    let sink: Writable;
    if (toStdout) sink = process.stdout;
    else {
      const stream = createWriteStream(path);
      await once(stream, 'open');
      disk = sink = stream;
    }
    let out: Writable = sink;
    if (!toStdout && path.endsWith('.gz')) {
      const gzip = createGzip();
      gzip.pipe(sink);
      out = gzip;
    }
    // A failed write (disk full, a closed pipe) rejects instead of leaving the export waiting on 'drain'.
    const failed = new Promise<never>((_, reject) => {
      sink.once('error', reject);
      out.once('error', reject);
    });
    const summary = await Promise.race([exportRuns(db, positionals, format, out), failed]);
    if (!toStdout) {
      out.end();
      await Promise.race([once(sink, 'finish'), failed]);
    }
    console.error(
      `Wrote ${summary.runs} run${summary.runs === 1 ? '' : 's'} (${summary.spans} spans, ${summary.logs} log records) ` +
        `to ${toStdout ? 'stdout' : path}.`,
    );
    return 0;
  } catch (err) {
    if (disk !== null) {
      disk.destroy();
      rmSync(path, { force: true });
    }
    if (err instanceof UnknownRunsError) throw new CliError(err.message);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EPIPE') return 0;
    if (typeof e.code === 'string') throw new CliError(`cannot write ${toStdout ? 'to stdout' : path}: ${e.message}`);
    throw err;
  } finally {
    db.close();
  }
}
