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
import { SerializedResult } from '../../../shared/api/serialized-result';
import type { CostSource, RunOutline, RunSteps, StepView } from '../../../shared/domain/step';
import type { RunFacets, RunFilter, RunSortKey, SessionSummary } from '../../../shared/domain/run-filter';
import { type StoredCost, buildRunSteps, describeSpan } from '../genai/run-steps';
import { type DbStepOutlineRow, STEP_OUTLINE_COLUMNS, toStepOutlines } from './step-outlines';
import { type RunFilterParams, RunStatementCache, runFilterSql, runListSql } from './run-list-query';
import type { DbLogRow, DbResourceRow, DbRunRow, DbScopeRow, DbSpanView } from './db-rows';
import { RUN_COLUMNS, roundUsd, toRunSummary } from './run-summary-row';
import { decodeModelList } from './run-model-list';

const SPAN_VIEW_COLUMNS = `span_id, parent_span_id, trace_state, flags, name, kind,
  CAST(start_ns AS TEXT), CAST(end_ns AS TEXT), end_ns - start_ns,
  status_code, status_message, attributes, dropped_attributes_count, events, dropped_events_count,
  links, dropped_links_count, resource_id, scope_id`;

/** Read side of the store: converts Db* rows to domain types at this boundary. */
export class RunQueries {
  private readonly stmts;
  private readonly resources = new Map<bigint, ResourceRecord>();
  private readonly scopes = new Map<bigint, ScopeRecord>();
  private readonly statements: RunStatementCache;

  constructor(db: Database.Database) {
    this.statements = new RunStatementCache(db);
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
        .prepare<
          [string],
          DbSpanView
        >(`SELECT ${SPAN_VIEW_COLUMNS} FROM spans WHERE trace_id = ? ORDER BY start_ns, id`)
        .raw(true),
      span: db
        .prepare<
          [string, string],
          DbSpanView
        >(`SELECT ${SPAN_VIEW_COLUMNS} FROM spans WHERE trace_id = ? AND span_id = ?`)
        .raw(true),
      outline: db
        .prepare<
          { traceId: string; runStartNs: bigint },
          DbStepOutlineRow
        >(`SELECT ${STEP_OUTLINE_COLUMNS} FROM spans WHERE trace_id = @traceId ORDER BY start_ns, id`)
        .raw(true),
      spanLogs: db
        .prepare<
          [string, string],
          DbLogRow
        >('SELECT * FROM logs WHERE trace_id = ? AND span_id = ? ORDER BY time_ns, id')
        .safeIntegers(true),
      logs: db
        .prepare<[string], DbLogRow>('SELECT * FROM logs WHERE trace_id = ? ORDER BY time_ns, id')
        .safeIntegers(true),
      resource: db.prepare<[bigint], DbResourceRow>('SELECT * FROM resources WHERE id = ?').safeIntegers(true),
      scope: db.prepare<[bigint], DbScopeRow>('SELECT * FROM scopes WHERE id = ?').safeIntegers(true),
      services: db.prepare<[], string>("SELECT DISTINCT service FROM runs WHERE service <> '' ORDER BY 1").pluck(),
      modelLists: db.prepare<[], string>("SELECT DISTINCT models FROM runs WHERE models <> ''").pluck(),
      origins: db.prepare<[], string>('SELECT DISTINCT origin FROM runs ORDER BY 1').pluck(),
      costs: db.prepare<[string], { span_id: string; cost_usd: number | null; cost_source: string | null }>(
        'SELECT span_id, cost_usd, cost_source FROM spans WHERE trace_id = ?',
      ),
    };
  }

  /**
   * Runs matching `filter`, newest first unless `sort` says otherwise. Newest-first pages with
   * `after` (the last run of the previous page: no gaps or repeats while runs arrive); other orders
   * page with `offset`.
   */
  listRuns(
    limit: number,
    after?: { startNs: string; traceId: string },
    filter?: RunFilter,
    sort?: { by: RunSortKey; dir: 'asc' | 'desc' },
    offset = 0,
  ): RunSummary[] {
    const { where, params } = runFilterSql(filter);
    const byStart = sort === undefined || (sort.by === 'start' && sort.dir === 'desc');
    if (byStart && where.length === 0 && offset === 0) {
      const rows =
        after === undefined
          ? this.stmts.newest.all({ limit })
          : this.stmts.newestBefore.all({ limit, startNs: BigInt(after.startNs), traceId: after.traceId });
      return rows.map(toRunSummary);
    }
    if (byStart && after !== undefined) {
      where.push('(runs.start_ns < @afterNs OR (runs.start_ns = @afterNs AND runs.trace_id < @afterTraceId))');
      params.afterNs = BigInt(after.startNs);
      params.afterTraceId = after.traceId;
    }
    const stmt = this.statements.get(runListSql(RUN_COLUMNS, where, sort)).safeIntegers(true) as Database.Statement<
      RunFilterParams,
      DbRunRow
    >;
    return stmt.all({ ...params, limit, offset }).map(toRunSummary);
  }

  /** Services, models and origins present, for the filter menus. */
  runFacets(): RunFacets {
    return {
      services: this.stmts.services.all(),
      models: [...new Set(this.stmts.modelLists.all().flatMap(decodeModelList))].sort(),
      origins: this.stmts.origins.all() as RunOrigin[],
    };
  }

  /** Runs grouped by session id, most recent first, with totals. */
  listSessions(limit: number, filter?: RunFilter): SessionSummary[] {
    const { where, params } = runFilterSql(filter);
    where.push('runs.session_id IS NOT NULL');
    const sql = `SELECT session_id, count(*), sum(error_count > 0), min(start_ns), max(end_ns),
        total(end_ns - start_ns), sum(llm_calls), sum(tool_calls), total(input_tokens), total(output_tokens),
        total(cost_usd), sum(cost_unknown), group_concat(DISTINCT service), max(user_id)
      FROM runs WHERE ${where.join(' AND ')}
      GROUP BY session_id ORDER BY max(start_ns) DESC LIMIT @limit`;
    const stmt = this.statements.get(sql).safeIntegers(true).raw(true) as Database.Statement<
      RunFilterParams,
      unknown[]
    >;
    return stmt.all({ ...params, limit }).map((r) => {
      // Sums that may pass 2^63 (absurd durations or token counts a sender reported) are total()s:
      // floats, where sum() would fail the whole list with an integer overflow.
      const [id, runs, errors, first, last, total, llm, tools, input, output, cost, unknown, services, user] = r as [
        string,
        bigint,
        bigint,
        bigint,
        bigint,
        number,
        bigint,
        bigint,
        number,
        number,
        number,
        bigint,
        string | null,
        string | null,
      ];
      return {
        sessionId: id,
        runs: Number(runs),
        errorRuns: Number(errors),
        firstStartTime: new Date(Number(first / 1_000_000n)).toISOString(),
        lastEndTime: new Date(Number(last / 1_000_000n)).toISOString(),
        totalDurationMs: Number(total) / 1e6,
        llmCalls: Number(llm),
        toolCalls: Number(tools),
        inputTokens: Number(input),
        outputTokens: Number(output),
        costUsd: roundUsd(cost),
        costComplete: unknown === 0n,
        services: services === null ? [] : services.split(',').filter((x) => x !== ''),
        userId: user,
      };
    });
  }

  getRun(traceId: string): RunDetail | null {
    const row = this.stmts.run.get(traceId);
    if (!row) return null;
    const resources = new IndexedRecords((id) => this.resource(id));
    const scopes = new IndexedRecords((id) => this.scope(id));
    const spans = this.stmts.spans.all(traceId).map((s) => this.toSpan(traceId, s, resources, scopes));
    const logs = this.stmts.logs.all(traceId).map((l) => this.toLog(l, resources, scopes));
    return { run: toRunSummary(row), spans, logs, resources: resources.records, scopes: scopes.records };
  }

  /** The run with its spans read as steps (GenAI fields, messages, cost, self time, critical path). */
  getRunSteps(traceId: string): RunSteps | null {
    const detail = this.getRun(traceId);
    if (!detail) return null;
    const costs = new Map<string, StoredCost>();
    for (const c of this.stmts.costs.all(traceId))
      costs.set(c.span_id, { costUsd: c.cost_usd, costSource: c.cost_source as CostSource | null });
    return { run: detail.run, steps: buildRunSteps(detail, costs) };
  }

  /** The run for the timeline: every step's outline from the stored step columns (no attribute JSON parsed). */
  getRunOutline(traceId: string): RunOutline | null {
    const row = this.stmts.run.get(traceId);
    if (!row) return null;
    return {
      run: toRunSummary(row),
      steps: toStepOutlines(this.stmts.outline.all({ traceId, runStartNs: row.start_ns })),
    };
  }

  /** One step read in full for the step panel: the normalized detail, the raw span, its resource, scope and logs. */
  getStepView(traceId: string, spanId: string): StepView | null {
    const row = this.stmts.span.get(traceId, spanId);
    if (!row) return null;
    const resources = new IndexedRecords((id) => this.resource(id));
    const scopes = new IndexedRecords((id) => this.scope(id));
    const span = this.toSpan(traceId, row, resources, scopes);
    const logs = this.stmts.spanLogs.all(traceId, spanId).map((l) => this.toLog(l, resources, scopes));
    const resource = resources.records[span.resourceIndex] ?? null;
    const scope = scopes.records[span.scopeIndex] ?? null;
    return { detail: describeSpan(span, resource ?? undefined, scope ?? undefined, logs), span, resource, scope, logs };
  }

  /**
   * The same RunDetail as getRun, encoded as JSON text without parsing the stored attribute, event
   * and link JSON (it was written by JSON.stringify at ingest, and ids are validated hex): about
   * half the time of parse + stringify for a large run.
   */
  getRunSerialized(traceId: string): SerializedResult<RunDetail> | null {
    const row = this.stmts.run.get(traceId);
    if (!row) return null;
    const resources = new IndexedRecords((id) => this.resource(id));
    const scopes = new IndexedRecords((id) => this.scope(id));
    const spans = this.stmts.spans.all(traceId).map((s) => spanJson(traceId, s, resources, scopes));
    const logs = this.stmts.logs.all(traceId).map((l) => this.toLog(l, resources, scopes));
    return new SerializedResult<RunDetail>(
      `{"run":${JSON.stringify(toRunSummary(row))},"spans":[${spans.join(',')}],"logs":${JSON.stringify(logs)},` +
        `"resources":${JSON.stringify(resources.records)},"scopes":${JSON.stringify(scopes.records)}}`,
    );
  }

  private toSpan(
    traceId: string,
    s: DbSpanView,
    resources: IndexedRecords<ResourceRecord>,
    scopes: IndexedRecords<ScopeRecord>,
  ): SpanRecord {
    const [spanId, parentSpanId, traceState, flags, name, kind, startNs, endNs, durationNs, statusCode, statusMessage] =
      s;
    const [
      attributes,
      droppedAttributesCount,
      events,
      droppedEventsCount,
      links,
      droppedLinksCount,
      resourceId,
      scopeId,
    ] = s.slice(11) as [string, number, string, number, string, number, number, number];
    return {
      traceId,
      spanId,
      parentSpanId,
      traceState,
      flags,
      name,
      kind,
      startNs,
      endNs,
      durationMs: durationNs / 1e6,
      statusCode,
      statusMessage,
      attributes: JSON.parse(attributes) as Attributes,
      droppedAttributesCount,
      // Stored with timeNs as a decimal string (see SpanWriter).
      events: events === '[]' ? [] : (JSON.parse(events) as SpanRecord['events']),
      droppedEventsCount,
      links: links === '[]' ? [] : (JSON.parse(links) as SpanRecord['links']),
      droppedLinksCount,
      resourceIndex: resources.indexOf(BigInt(resourceId)),
      scopeIndex: scopes.indexOf(BigInt(scopeId)),
    };
  }

  private toLog(
    l: DbLogRow,
    resources: IndexedRecords<ResourceRecord>,
    scopes: IndexedRecords<ScopeRecord>,
  ): LogRecordRecord {
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
      resourceIndex: resources.indexOf(l.resource_id),
      scopeIndex: scopes.indexOf(l.scope_id),
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

/** SpanRecord as JSON text, with the stored JSON columns spliced in verbatim (see getRunSerialized). */
function spanJson(
  traceId: string,
  s: DbSpanView,
  resources: IndexedRecords<ResourceRecord>,
  scopes: IndexedRecords<ScopeRecord>,
): string {
  return (
    `{"traceId":"${traceId}","spanId":"${s[0]}","parentSpanId":"${s[1]}","traceState":${JSON.stringify(s[2])},` +
    `"flags":${s[3]},"name":${JSON.stringify(s[4])},"kind":${s[5]},"startNs":"${s[6]}","endNs":"${s[7]}",` +
    `"durationMs":${s[8] / 1e6},"statusCode":${s[9]},"statusMessage":${JSON.stringify(s[10])},"attributes":${s[11]},` +
    `"droppedAttributesCount":${s[12]},"events":${s[13]},"droppedEventsCount":${s[14]},"links":${s[15]},` +
    `"droppedLinksCount":${s[16]},"resourceIndex":${resources.indexOf(BigInt(s[17]))},` +
    `"scopeIndex":${scopes.indexOf(BigInt(s[18]))}}`
  );
}

/** Collects the distinct records a run references, in first-use order, and hands out their index. */
class IndexedRecords<T> {
  readonly records: T[] = [];
  private readonly index = new Map<bigint, number>();

  constructor(private readonly load: (id: bigint) => T) {}

  indexOf(id: bigint): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.records.push(this.load(id)) - 1;
      this.index.set(id, i);
    }
    return i;
  }
}

const CACHE_LIMIT = 10_000;

/** Resources and scopes never change once stored; keep a bounded cache of them. */
function remember<V>(cache: Map<bigint, V>, id: bigint, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, value);
}
