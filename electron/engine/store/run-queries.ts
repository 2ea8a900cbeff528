import type Database from 'better-sqlite3';
import type { Attributes } from '../../../shared/domain/attributes';
import type {
  LogRecordRecord,
  ResourceRecord,
  RunDetail,
  RunOrigin,
  RunSummary,
  ScopeRecord,
  SpanRecord,
} from '../../../shared/domain/run';
import type { DbLogRow, DbResourceRow, DbRunRow, DbScopeRow, DbSpanRow } from './db-rows';

const RUN_COLUMNS = `id, trace_id, root_span_id, name, service, start_ns, end_ns, span_count, error_count,
  origin, source, first_received_at_ms, last_received_at_ms`;

/** Read side of the store: converts Db* rows to domain types at this boundary. */
export class RunQueries {
  private readonly stmts;
  private readonly resources = new Map<bigint, ResourceRecord>();
  private readonly scopes = new Map<bigint, ScopeRecord>();

  constructor(db: Database.Database) {
    this.stmts = {
      newest: db
        .prepare<
          { limit: number },
          DbRunRow
        >(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY start_ns DESC, trace_id DESC LIMIT @limit`)
        .safeIntegers(true),
      newestBefore: db
        .prepare<{ limit: number; startNs: bigint; traceId: string }, DbRunRow>(
          `SELECT ${RUN_COLUMNS} FROM runs
           WHERE start_ns < @startNs OR (start_ns = @startNs AND trace_id < @traceId)
           ORDER BY start_ns DESC, trace_id DESC LIMIT @limit`,
        )
        .safeIntegers(true),
      run: db.prepare<[string], DbRunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE trace_id = ?`).safeIntegers(true),
      spans: db
        .prepare<[string], DbSpanRow>('SELECT * FROM spans WHERE trace_id = ? ORDER BY start_ns, id')
        .safeIntegers(true),
      logs: db
        .prepare<[string], DbLogRow>('SELECT * FROM logs WHERE trace_id = ? ORDER BY time_ns, id')
        .safeIntegers(true),
      resource: db.prepare<[bigint], DbResourceRow>('SELECT * FROM resources WHERE id = ?').safeIntegers(true),
      scope: db.prepare<[bigint], DbScopeRow>('SELECT * FROM scopes WHERE id = ?').safeIntegers(true),
    };
  }

  /** Newest runs first; `after` (the last run of the previous page) pages on without gaps or repeats. */
  listRuns(limit: number, after?: { startNs: string; traceId: string }): RunSummary[] {
    const rows =
      after === undefined
        ? this.stmts.newest.all({ limit })
        : this.stmts.newestBefore.all({ limit, startNs: BigInt(after.startNs), traceId: after.traceId });
    return rows.map(toRunSummary);
  }

  getRun(traceId: string): RunDetail | null {
    const row = this.stmts.run.get(traceId);
    if (!row) return null;
    const spans = this.stmts.spans.all(traceId).map((s) => this.toSpan(s));
    const logs = this.stmts.logs.all(traceId).map((l) => this.toLog(l));
    return { run: toRunSummary(row), spans, logs };
  }

  private toSpan(s: DbSpanRow): SpanRecord {
    return {
      traceId: s.trace_id,
      spanId: s.span_id,
      parentSpanId: s.parent_span_id,
      traceState: s.trace_state,
      flags: Number(s.flags),
      name: s.name,
      kind: Number(s.kind),
      startNs: s.start_ns.toString(),
      endNs: s.end_ns.toString(),
      durationMs: Number(s.end_ns - s.start_ns) / 1e6,
      statusCode: Number(s.status_code),
      statusMessage: s.status_message,
      attributes: JSON.parse(s.attributes) as Attributes,
      droppedAttributesCount: Number(s.dropped_attributes_count),
      // Stored with timeNs as a decimal string (see SpanWriter).
      events: JSON.parse(s.events) as SpanRecord['events'],
      droppedEventsCount: Number(s.dropped_events_count),
      links: JSON.parse(s.links) as SpanRecord['links'],
      droppedLinksCount: Number(s.dropped_links_count),
      resource: this.resource(s.resource_id),
      scope: this.scope(s.scope_id),
    };
  }

  private toLog(l: DbLogRow): LogRecordRecord {
    return {
      traceId: l.trace_id,
      spanId: l.span_id,
      timeNs: l.time_ns.toString(),
      observedTimeNs: l.observed_time_ns.toString(),
      severityNumber: Number(l.severity_number),
      severityText: l.severity_text,
      eventName: l.event_name,
      body: JSON.parse(l.body) as LogRecordRecord['body'],
      attributes: JSON.parse(l.attributes) as Attributes,
      droppedAttributesCount: Number(l.dropped_attributes_count),
      flags: Number(l.flags),
      resource: this.resource(l.resource_id),
      scope: this.scope(l.scope_id),
    };
  }

  private resource(id: bigint): ResourceRecord {
    let r = this.resources.get(id);
    if (!r) {
      const row = this.stmts.resource.get(id);
      r = row
        ? {
            attributes: JSON.parse(row.attributes) as Attributes,
            droppedAttributesCount: Number(row.dropped_attributes_count),
            schemaUrl: row.schema_url,
          }
        : { attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
      if (row) remember(this.resources, id, r);
    }
    return r;
  }

  private scope(id: bigint): ScopeRecord {
    let s = this.scopes.get(id);
    if (!s) {
      const row = this.stmts.scope.get(id);
      s = row
        ? {
            name: row.name,
            version: row.version,
            attributes: JSON.parse(row.attributes) as Attributes,
            droppedAttributesCount: Number(row.dropped_attributes_count),
            schemaUrl: row.schema_url,
          }
        : { name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
      if (row) remember(this.scopes, id, s);
    }
    return s;
  }
}

const CACHE_LIMIT = 10_000;

/** Resources and scopes never change once stored; keep a bounded cache of them. */
function remember<V>(cache: Map<bigint, V>, id: bigint, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, value);
}

export function toRunSummary(r: DbRunRow): RunSummary {
  const durationMs = Number(r.end_ns - r.start_ns) / 1e6;
  return {
    traceId: r.trace_id,
    name: r.name,
    service: r.service,
    startTime: new Date(Number(r.start_ns / 1_000_000n)).toISOString(),
    startNs: r.start_ns.toString(),
    endNs: r.end_ns.toString(),
    durationMs,
    status: r.error_count > 0n ? 'error' : 'ok',
    spanCount: Number(r.span_count),
    errorCount: Number(r.error_count),
    origin: r.origin as RunOrigin,
    hasRoot: r.root_span_id !== null,
  };
}
