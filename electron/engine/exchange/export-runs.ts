import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api/exchange-routes';
import type { Attributes } from '../../../shared/domain/attributes';
import { logJson, resourceJson, scopeJson, spanJson } from './otlp-json-text';

export { EXPORT_FORMATS, type ExportFormat };

export class UnknownRunsError extends Error {
  constructor(readonly traceIds: string[]) {
    super(`no run with trace id ${traceIds.join(', ')}`);
    this.name = 'UnknownRunsError';
  }
}

export interface ExportSummary {
  runs: number;
  spans: number;
  logs: number;
  bytes: number;
}

/** A span row as the export reads it (not a table row: times as text, resource/scope ids). */
interface ExportSpanRow {
  span_id: string;
  parent_span_id: string;
  trace_state: string;
  flags: number;
  name: string;
  kind: number;
  start_ns: string;
  end_ns: string;
  status_code: number;
  status_message: string;
  attributes: string;
  dropped_attributes_count: number;
  events: string;
  dropped_events_count: number;
  links: string;
  dropped_links_count: number;
  resource_id: number;
  scope_id: number;
}

interface ExportLogRow {
  span_id: string;
  time_ns: string;
  observed_time_ns: string;
  severity_number: number;
  severity_text: string;
  event_name: string;
  body: string;
  attributes: string;
  dropped_attributes_count: number;
  flags: number;
  resource_id: number;
  scope_id: number;
}

interface GroupRef {
  resource_id: number;
  scope_id: number;
}

interface StoredResource {
  json: string;
  schemaUrl: string;
}

/**
 * Reads runs for export. Rows are ordered by the content hashes of their resource and scope, then
 * by time and id: the order depends only on what is stored, never on row ids, so exporting the
 * same runs from another data dir they were imported into gives the same bytes.
 */
class ExportQueries {
  private readonly stmts;
  private readonly resources = new Map<number, StoredResource>();
  private readonly scopes = new Map<number, StoredResource>();

  constructor(db: Database.Database) {
    this.stmts = {
      runExists: db.prepare<[string], number>('SELECT 1 FROM runs WHERE trace_id = ?').pluck(),
      spans: db.prepare<[string], ExportSpanRow>(
        `SELECT s.span_id, s.parent_span_id, s.trace_state, s.flags, s.name, s.kind,
           CAST(s.start_ns AS TEXT) AS start_ns, CAST(s.end_ns AS TEXT) AS end_ns, s.status_code, s.status_message,
           s.attributes, s.dropped_attributes_count, s.events, s.dropped_events_count, s.links, s.dropped_links_count,
           s.resource_id, s.scope_id
         FROM spans s JOIN resources r ON r.id = s.resource_id JOIN scopes sc ON sc.id = s.scope_id
         WHERE s.trace_id = ?
         ORDER BY r.hash, sc.hash, s.start_ns, s.span_id`,
      ),
      logs: db.prepare<[string], ExportLogRow>(
        `SELECT l.span_id, CAST(l.time_ns AS TEXT) AS time_ns, CAST(l.observed_time_ns AS TEXT) AS observed_time_ns,
           l.severity_number, l.severity_text, l.event_name, l.body, l.attributes, l.dropped_attributes_count, l.flags,
           l.resource_id, l.scope_id
         FROM logs l JOIN resources r ON r.id = l.resource_id JOIN scopes sc ON sc.id = l.scope_id
         WHERE l.trace_id = ?
         ORDER BY r.hash, sc.hash, l.time_ns, l.observed_time_ns, l.span_id, l.content_hash`,
      ),
      resource: db.prepare<[number], { attributes: string; dropped_attributes_count: number; schema_url: string }>(
        'SELECT attributes, dropped_attributes_count, schema_url FROM resources WHERE id = ?',
      ),
      scope: db.prepare<
        [number],
        { name: string; version: string; attributes: string; dropped_attributes_count: number; schema_url: string }
      >('SELECT name, version, attributes, dropped_attributes_count, schema_url FROM scopes WHERE id = ?'),
    };
  }

  missing(traceIds: string[]): string[] {
    return traceIds.filter((t) => this.stmts.runExists.get(t) === undefined);
  }

  spans(traceId: string): ExportSpanRow[] {
    return this.stmts.spans.all(traceId);
  }

  logs(traceId: string): ExportLogRow[] {
    return this.stmts.logs.all(traceId);
  }

  resource(id: number): StoredResource {
    let r = this.resources.get(id);
    if (!r) {
      const row = this.stmts.resource.get(id);
      r = {
        json: resourceJson({
          attributes: row ? (JSON.parse(row.attributes) as Attributes) : {},
          droppedAttributesCount: row?.dropped_attributes_count ?? 0,
        }),
        schemaUrl: row?.schema_url ?? '',
      };
      this.resources.set(id, r);
    }
    return r;
  }

  scope(id: number): StoredResource {
    let s = this.scopes.get(id);
    if (!s) {
      const row = this.stmts.scope.get(id);
      s = {
        json: scopeJson({
          name: row?.name ?? '',
          version: row?.version ?? '',
          attributes: row ? (JSON.parse(row.attributes) as Attributes) : {},
          droppedAttributesCount: row?.dropped_attributes_count ?? 0,
        }),
        schemaUrl: row?.schema_url ?? '',
      };
      this.scopes.set(id, s);
    }
    return s;
  }
}

/** Buffers small pieces and writes them in ~64 KiB chunks, waiting when the stream is full. */
class Output {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(private readonly out: Writable) {}

  async push(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    // A reader that went away (a download cancelled) stops the export.
    if (this.out.destroyed) throw new Error('the export output was closed before the export finished');
  }
}

function schemaUrlPart(url: string): string {
  return url !== '' ? `,"schemaUrl":${JSON.stringify(url)}` : '';
}

/**
 * Writes rows as OTLP resource groups (`{"resource":…,"scopeSpans":[{"scope":…,"spans":[…]}]}`):
 * rows arrive sorted by resource and scope, so each group is contiguous.
 */
async function writeGroups<T extends GroupRef>(
  o: Output,
  q: ExportQueries,
  rows: T[],
  keys: { scopes: 'scopeSpans' | 'scopeLogs'; items: 'spans' | 'logRecords' },
  itemJson: (row: T) => string,
  separator: () => string,
): Promise<void> {
  let resourceId: number | null = null;
  let scopeId: number | null = null;
  let first = true;
  const closeScope = (): string => (scopeId === null ? '' : `]${schemaUrlPart(q.scope(scopeId).schemaUrl)}}`);
  const closeResource = (): string =>
    resourceId === null ? '' : `${closeScope()}]${schemaUrlPart(q.resource(resourceId).schemaUrl)}}`;
  for (const row of rows) {
    if (row.resource_id !== resourceId) {
      await o.push(closeResource());
      resourceId = row.resource_id;
      scopeId = null;
      await o.push(`${separator()}{"resource":${q.resource(resourceId).json},"${keys.scopes}":[`);
    }
    if (row.scope_id !== scopeId) {
      const close = closeScope();
      await o.push(close === '' ? '' : `${close},`);
      scopeId = row.scope_id;
      await o.push(`{"scope":${q.scope(scopeId).json},"${keys.items}":[`);
      first = true;
    }
    await o.push(first ? itemJson(row) : `,${itemJson(row)}`);
    first = false;
  }
  await o.push(closeResource());
}

function spanItem(traceId: string): (r: ExportSpanRow) => string {
  return (r) =>
    spanJson({
      traceId,
      spanId: r.span_id,
      parentSpanId: r.parent_span_id,
      traceState: r.trace_state,
      flags: r.flags,
      name: r.name,
      kind: r.kind,
      startNs: r.start_ns,
      endNs: r.end_ns,
      statusCode: r.status_code,
      statusMessage: r.status_message,
      attributesJson: r.attributes,
      droppedAttributesCount: r.dropped_attributes_count,
      eventsJson: r.events,
      droppedEventsCount: r.dropped_events_count,
      linksJson: r.links,
      droppedLinksCount: r.dropped_links_count,
    });
}

function logItem(traceId: string): (r: ExportLogRow) => string {
  return (r) =>
    logJson({
      traceId,
      spanId: r.span_id,
      timeNs: r.time_ns,
      observedTimeNs: r.observed_time_ns,
      severityNumber: r.severity_number,
      severityText: r.severity_text,
      eventName: r.event_name,
      bodyJson: r.body,
      attributesJson: r.attributes,
      droppedAttributesCount: r.dropped_attributes_count,
      flags: r.flags,
    });
}

/**
 * Writes runs (by trace id, in the order given, each once) as OTLP JSON to `out`, exactly as
 * stored: ids, trace state, flags, kind, ns times, attributes of every type, events, links, status,
 * dropped counts, resources and scopes with their schema URLs, and the runs' log records. Throws
 * UnknownRunsError (before writing anything) when a trace id has no run. Does not end `out`.
 * Reads one run at a time (memory is bounded by the largest run).
 */
export async function exportRuns(
  db: Database.Database,
  traceIds: string[],
  format: ExportFormat,
  out: Writable,
): Promise<ExportSummary> {
  const ids = [...new Set(traceIds.map((t) => t.toLowerCase()))];
  const q = new ExportQueries(db);
  const missing = q.missing(ids);
  if (missing.length > 0) throw new UnknownRunsError(missing);
  const o = new Output(out);
  const summary: ExportSummary = { runs: ids.length, spans: 0, logs: 0, bytes: 0 };
  const spanKeys = { scopes: 'scopeSpans', items: 'spans' } as const;
  const logKeys = { scopes: 'scopeLogs', items: 'logRecords' } as const;

  if (format === 'otlp-jsonl') {
    for (const traceId of ids) {
      const { spans, logs } = db.transaction(() => ({ spans: q.spans(traceId), logs: q.logs(traceId) }))();
      summary.spans += spans.length;
      summary.logs += logs.length;
      let sep = '';
      const next = (): string => {
        const s = sep;
        sep = ',';
        return s;
      };
      await o.push('{"resourceSpans":[');
      await writeGroups(o, q, spans, spanKeys, spanItem(traceId), next);
      await o.push(']}\n');
      if (logs.length > 0) {
        sep = '';
        await o.push('{"resourceLogs":[');
        await writeGroups(o, q, logs, logKeys, logItem(traceId), next);
        await o.push(']}\n');
      }
    }
  } else {
    let sep = '';
    const next = (): string => {
      const s = sep;
      sep = ',';
      return s;
    };
    await o.push('{"resourceSpans":[');
    for (const traceId of ids) {
      const spans = q.spans(traceId);
      summary.spans += spans.length;
      await writeGroups(o, q, spans, spanKeys, spanItem(traceId), next);
    }
    await o.push(']');
    sep = '';
    for (const traceId of ids) {
      const logs = q.logs(traceId);
      if (logs.length === 0) continue;
      if (summary.logs === 0) await o.push(',"resourceLogs":[');
      summary.logs += logs.length;
      await writeGroups(o, q, logs, logKeys, logItem(traceId), next);
    }
    if (summary.logs > 0) await o.push(']');
    await o.push('}\n');
  }
  await o.flush();
  summary.bytes = o.bytes;
  return summary;
}
