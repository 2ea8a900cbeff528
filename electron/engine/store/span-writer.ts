import type Database from 'better-sqlite3';
import { isBilledKind } from '../../../shared/domain/step';
import type { CostInputs, StepCost } from '../pricing/step-cost';
import { type RunDelta, foldIntoRun, runUpsertValues } from './run-totals';
import { unionModelLists } from './run-model-list';
import { RunSortBacklog } from './run-sort-backlog';
import { BusyMeter } from './busy-meter';
import {
  type InsertBatch,
  type LogInsert,
  type ResourceInsert,
  SPAN,
  SPAN_ROW_COLUMNS,
  type ScopeInsert,
  costInputsOf,
  insertCount,
} from './insert-batch';

/** The write queue is full: the sender should retry later (HTTP 503 + Retry-After, gRPC UNAVAILABLE). */
export class QueueFullError extends Error {
  constructor() {
    super('Loupe is busy writing earlier data; retry shortly');
    this.name = 'QueueFullError';
  }
}

/** The database refused the write (disk full, locked, corrupt). Nothing of the batch was stored. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export interface WriteResult {
  /** Spans newly stored (a retried span already present is not counted). */
  insertedSpans: number;
  insertedLogs: number;
  traceIds: string[];
}

/** Prices one step (engine/pricing): reported cost, computed cost, or unknown. */
export type StepPricer = (step: CostInputs, startNs: bigint) => StepCost;

/** Without a price table every model call without a reported cost is unknown. */
export const reportedCostOnly: StepPricer = (step) =>
  step.reportedCostUsd !== null
    ? { costUsd: step.reportedCostUsd, source: 'reported' }
    : { costUsd: null, source: isBilledKind(step.kind) ? 'unknown' : null };

export interface SpanWriterOptions {
  /** Prices model calls as they are stored (default: reported costs only). */
  pricer?: StepPricer;
  /** Items (spans + logs) that may wait for a transaction before new requests are refused. */
  maxQueuedItems?: number;
  /** Called after every commit with the runs that changed. */
  onCommit?: (traceIds: string[]) => void;
  now?: () => number;
}

interface Pending {
  batch: InsertBatch;
  items: number;
  resolve: (r: WriteResult) => void;
  reject: (e: Error) => void;
}

const RESOURCE_CACHE_LIMIT = 10_000;

/**
 * The single writer. Requests queue up and are written together in one transaction per turn of the
 * event loop; each request's promise settles only after its transaction committed (so an OTLP 200
 * means the data is on disk). Spans re-sent by an SDK retry are ignored by the unique
 * (trace_id, span_id) index, and only newly inserted spans count towards their run.
 */
export class SpanWriter {
  private readonly queue: Pending[] = [];
  private queuedItems = 0;
  private scheduled = false;
  private readonly drained: Array<() => void> = [];
  private readonly maxQueuedItems: number;
  private readonly onCommit: (traceIds: string[]) => void;
  private readonly now: () => number;
  private readonly pricer: StepPricer;
  private readonly resourceIds = new Map<string, bigint>();
  private readonly scopeIds = new Map<string, bigint>();
  private readonly stmts;
  private readonly writeAll: (pending: Pending[]) => WriteResult[];

  constructor(db: Database.Database, options: SpanWriterOptions = {}) {
    this.maxQueuedItems = options.maxQueuedItems ?? 50_000;
    this.onCommit = options.onCommit ?? (() => {});
    this.now = options.now ?? Date.now;
    this.pricer = options.pricer ?? reportedCostOnly;
    // The runs upsert merges a run's model list with the models a transaction saw.
    db.function('loupe_union_models', { deterministic: true }, (stored: unknown, added: unknown) =>
      unionModelLists(String(stored), String(added)),
    );
    this.stmts = {
      insertResource: db.prepare(
        `INSERT OR IGNORE INTO resources (hash, service_name, attributes, dropped_attributes_count, schema_url)
         VALUES (@hash, @serviceName, @attributes, @dropped, @schemaUrl)`,
      ),
      resourceId: db.prepare('SELECT id FROM resources WHERE hash = ?').pluck().safeIntegers(true),
      insertScope: db.prepare(
        `INSERT OR IGNORE INTO scopes (hash, name, version, attributes, dropped_attributes_count, schema_url)
         VALUES (@hash, @name, @version, @attributes, @dropped, @schemaUrl)`,
      ),
      scopeId: db.prepare('SELECT id FROM scopes WHERE hash = ?').pluck().safeIntegers(true),
      // A row's values, then the cost (a reported one wins, so coalesce(reported, priced) is the
      // pricer's answer), its source, the resource and scope ids and the receive time.
      insertSpan: db.prepare(
        `INSERT OR IGNORE INTO spans (${SPAN_ROW_COLUMNS.join(', ')}, cost_usd, cost_source, resource_id, scope_id,
           received_at_ms)
         VALUES (${SPAN_ROW_COLUMNS.map(() => '?').join(', ')}, coalesce(?, ?), ?, ?, ?, ?)`,
      ),
      insertLog: db.prepare(
        `INSERT OR IGNORE INTO logs (trace_id, span_id, time_ns, observed_time_ns, severity_number,
           severity_text, event_name, body, attributes, dropped_attributes_count, flags, resource_id,
           scope_id, content_hash, received_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertRun: db.prepare(
        `INSERT INTO runs (trace_id, root_span_id, name, service, start_ns, end_ns, span_count, error_count,
           origin, source, first_received_at_ms, last_received_at_ms, llm_calls, tool_calls, input_tokens,
           output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_unknown, cost_usd,
           cost_unknown, session_id, user_id, models)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (trace_id) DO UPDATE SET
           name = CASE
             WHEN runs.root_span_id IS NULL AND (excluded.root_span_id IS NOT NULL OR excluded.start_ns < runs.start_ns)
             THEN excluded.name ELSE runs.name END,
           service = CASE
             WHEN runs.root_span_id IS NULL AND (excluded.root_span_id IS NOT NULL OR excluded.start_ns < runs.start_ns)
             THEN excluded.service ELSE runs.service END,
           root_span_id = coalesce(runs.root_span_id, excluded.root_span_id),
           start_ns = min(runs.start_ns, excluded.start_ns),
           end_ns = max(runs.end_ns, excluded.end_ns),
           span_count = runs.span_count + excluded.span_count,
           error_count = runs.error_count + excluded.error_count,
           last_received_at_ms = excluded.last_received_at_ms,
           llm_calls = runs.llm_calls + excluded.llm_calls,
           tool_calls = runs.tool_calls + excluded.tool_calls,
           input_tokens = runs.input_tokens + excluded.input_tokens,
           output_tokens = runs.output_tokens + excluded.output_tokens,
           cache_read_tokens = runs.cache_read_tokens + excluded.cache_read_tokens,
           cache_write_tokens = runs.cache_write_tokens + excluded.cache_write_tokens,
           reasoning_tokens = runs.reasoning_tokens + excluded.reasoning_tokens,
           usage_unknown = runs.usage_unknown + excluded.usage_unknown,
           cost_usd = runs.cost_usd + excluded.cost_usd,
           cost_unknown = runs.cost_unknown + excluded.cost_unknown,
           session_id = coalesce(runs.session_id, excluded.session_id),
           user_id = coalesce(runs.user_id, excluded.user_id),
           models = CASE WHEN excluded.models IN ('', runs.models) THEN runs.models
             ELSE loupe_union_models(runs.models, excluded.models) END`,
      ),
    };
    this.writeAll = db.transaction((pending: Pending[]) => this.writePending(pending));
    this.sortBacklog = new RunSortBacklog(db, this.now, () => this.held === 0);
  }

  /** When the last transaction was written (ms, this writer's clock). */
  private lastWriteAt = 0;
  private readonly sortBacklog: RunSortBacklog;
  private readonly busy = new BusyMeter();

  /** Nothing queued, not held, and nothing written for `quietMs`. */
  isQuiet(quietMs: number): boolean {
    return (
      this.held === 0 && this.queue.length === 0 && !this.scheduled && performance.now() - this.lastWriteAt >= quietMs
    );
  }

  /** The share of the last second this writer spent writing (0–1); near 1 when ingest saturates it. */
  busyShare(): number {
    return this.busy.share();
  }

  private held = 0;

  /**
   * Holds back this writer's writes (requests and the sort backlog's moves) until the returned
   * release is called: requests are still accepted and queued (up to the queue's limit), and the
   * first flush after the release writes them together. The WAL checkpointer holds the writer while
   * another connection rewinds the WAL, which needs the write lock; the writer's thread meanwhile
   * keeps reading requests and handing them to decoding instead of waiting on that lock. (Other
   * writes on this connection, such as a retention prune, would wait on SQLite's busy timeout.)
   */
  hold(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      if (this.held === 0 && this.queue.length > 0) this.schedule();
    };
  }

  /** Whether a request of about `items` more items would be refused right now. */
  isFull(items = 1): boolean {
    return this.queuedItems > 0 && this.queuedItems + items > this.maxQueuedItems;
  }

  /** Queues a batch; resolves after it is committed. Throws QueueFullError when the queue is full. */
  write(batch: InsertBatch): Promise<WriteResult> {
    const items = insertCount(batch);
    if (this.isFull(items)) return Promise.reject(new QueueFullError());
    if (items === 0) return Promise.resolve({ insertedSpans: 0, insertedLogs: 0, traceIds: [] });
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ batch, items, resolve, reject });
      this.queuedItems += items;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    // Held (a WAL rewind is running on another connection): requests keep queuing; release() flushes.
    if (this.held > 0) return;
    const startedAt = performance.now();
    this.lastWriteAt = startedAt;
    const pending = this.queue.splice(0, this.queue.length);
    if (pending.length === 0) return;
    const changed = new Set<string>();
    if (!this.commit(pending, changed)) {
      // One bad request must not fail the others it was batched with: retry each on its own.
      for (const p of pending) this.commit([p], changed);
    }
    for (const p of pending) this.queuedItems -= p.items;
    if (changed.size > 0) {
      try {
        this.onCommit([...changed]);
      } catch {
        // A listener's failure must not undo or disturb a commit that already happened.
      }
    }
    this.busy.note(startedAt);
    if (this.queue.length === 0) for (const resolve of this.drained.splice(0)) resolve();
  }

  /**
   * Writes `pending` in one transaction and settles their promises; false (with nothing settled)
   * when a multi-request transaction failed, so the caller can retry them one by one.
   */
  private commit(pending: Pending[], changed: Set<string>): boolean {
    let results: WriteResult[];
    try {
      results = this.writeAll(pending);
    } catch (err) {
      // The transaction rolled back: drop cached ids that may point at rolled-back rows.
      this.resourceIds.clear();
      this.scopeIds.clear();
      if (pending.length > 1) return false;
      pending[0]!.reject(
        new StorageError(`could not write to the database: ${(err as Error).message}`, { cause: err }),
      );
      return true;
    }
    pending.forEach((p, i) => {
      const r = results[i]!;
      for (const t of r.traceIds) changed.add(t);
      p.resolve(r);
    });
    return true;
  }

  /** Forgets cached row ids: stored data was deleted behind the writer's back (Settings › Storage). */
  forgetCachedIds(): void {
    this.resourceIds.clear();
    this.scopeIds.clear();
  }

  /** Resolves once everything queued so far is committed (or failed). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private writePending(pending: Pending[]): WriteResult[] {
    const receivedAt = this.now();
    const runs = new Map<string, RunDelta>();
    const results = pending.map((p) => this.writeBatch(p.batch, receivedAt, runs));
    for (const d of runs.values()) {
      if (d.spanCount > 0) this.stmts.upsertRun.run(...runUpsertValues(d, receivedAt));
    }
    this.sortBacklog.afterWrite(receivedAt);
    return results;
  }

  private writeBatch(batch: InsertBatch, receivedAt: number, runs: Map<string, RunDelta>): WriteResult {
    let insertedSpans = 0;
    let insertedLogs = 0;
    const traceIds = new Set<string>();
    for (const g of batch.spanGroups) {
      const resourceId = this.resourceId(g.resource);
      const scopeId = this.scopeId(g.scope);
      for (const s of g.rows) {
        const cost = this.pricer(costInputsOf(s), s[SPAN.startNs]);
        if (this.stmts.insertSpan.run(...s, cost.costUsd, cost.source, resourceId, scopeId, receivedAt).changes !== 1)
          continue;
        insertedSpans++;
        traceIds.add(s[SPAN.traceId]);
        foldIntoRun(runs, s, cost.costUsd, g.resource.serviceName, batch);
      }
    }
    for (const g of batch.logGroups) {
      const resourceId = this.resourceId(g.resource);
      const scopeId = this.scopeId(g.scope);
      for (const l of g.rows) {
        if (this.insertLog(l, resourceId, scopeId, receivedAt)) {
          insertedLogs++;
          if (l.traceId !== '') traceIds.add(l.traceId);
        }
      }
    }
    return { insertedSpans, insertedLogs, traceIds: [...traceIds] };
  }

  private insertLog(l: LogInsert, resourceId: bigint, scopeId: bigint, receivedAt: number): boolean {
    return (
      this.stmts.insertLog.run(
        l.traceId,
        l.spanId,
        l.timeNs,
        l.observedTimeNs,
        l.severityNumber,
        l.severityText,
        l.eventName,
        l.bodyJson,
        l.attributesJson,
        l.droppedAttributesCount,
        l.flags,
        resourceId,
        scopeId,
        l.contentHash,
        receivedAt,
      ).changes === 1
    );
  }

  private resourceId(r: ResourceInsert): bigint {
    return this.idFor(this.resourceIds, r.hash, () => {
      this.stmts.insertResource.run({
        hash: r.hash,
        serviceName: r.serviceName,
        attributes: r.attributesJson,
        dropped: r.droppedAttributesCount,
        schemaUrl: r.schemaUrl,
      });
      return this.stmts.resourceId.get(r.hash) as bigint;
    });
  }

  private scopeId(s: ScopeInsert): bigint {
    return this.idFor(this.scopeIds, s.hash, () => {
      this.stmts.insertScope.run({
        hash: s.hash,
        name: s.name,
        version: s.version,
        attributes: s.attributesJson,
        dropped: s.droppedAttributesCount,
        schemaUrl: s.schemaUrl,
      });
      return this.stmts.scopeId.get(s.hash) as bigint;
    });
  }

  private idFor(cache: Map<string, bigint>, hash: string, create: () => bigint): bigint {
    const cached = cache.get(hash);
    if (cached !== undefined) return cached;
    const id = create();
    if (cache.size >= RESOURCE_CACHE_LIMIT) cache.clear();
    cache.set(hash, id);
    return id;
  }
}
