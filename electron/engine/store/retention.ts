import type Database from 'better-sqlite3';

export interface RetentionPolicy {
  /** Size cap of the database's used pages, in bytes. */
  maxBytes: number;
  /** Runs that ended longer ago than this are deleted. 0 keeps runs forever. */
  maxAgeDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxBytes: 2 * 1024 ** 3, maxAgeDays: 30 };

export interface PruneResult {
  runsDeleted: number;
  logsDeleted: number;
  bytesBefore: number;
  bytesAfter: number;
}

const BATCH = 200;
const LOG_BATCH = 5000;
const MS_PER_DAY = 86_400_000;

/**
 * Enforces the retention policy by deleting whole runs, oldest received first (a run is never left
 * half-deleted), and log records that belong to no run, then gives the freed pages back to the file
 * system with an incremental vacuum. Age is judged by when Loupe received the data, not by the
 * sender's clock (a skewed clock or an imported old trace must not vanish minutes after its 200).
 */
export class Retention {
  private readonly stmts;
  private readonly deleteRunsTx: (ids: readonly string[]) => number;
  private readonly deleteLogIdsTx: (ids: readonly number[]) => number;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      expired: db
        .prepare<
          { cutoffMs: number; limit: number },
          string
        >('SELECT trace_id FROM runs WHERE last_received_at_ms < @cutoffMs ORDER BY last_received_at_ms LIMIT @limit')
        .pluck(),
      countRuns: db.prepare<[], number>('SELECT count(*) FROM runs').pluck(),
      oldest: db
        .prepare<{ limit: number }, string>('SELECT trace_id FROM runs ORDER BY last_received_at_ms LIMIT @limit')
        .pluck(),
      orphanLogs: db
        .prepare<{ cutoffMs: number; limit: number }, number>(
          `SELECT id FROM logs WHERE received_at_ms < @cutoffMs
             AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.trace_id = logs.trace_id)
           ORDER BY id LIMIT @limit`,
        )
        .pluck(),
      deleteSpans: db.prepare<{ traceId: string }>('DELETE FROM spans WHERE trace_id = @traceId'),
      deleteLogs: db.prepare<{ traceId: string }>('DELETE FROM logs WHERE trace_id = @traceId'),
      deleteRun: db.prepare<{ traceId: string }>('DELETE FROM runs WHERE trace_id = @traceId'),
      deleteLog: db.prepare<{ id: number }>('DELETE FROM logs WHERE id = @id'),
      // Deleting the newest rows lets SQLite hand their ids out again; the search indexer's progress
      // (the last id it indexed) must then step back, or the new rows would never be indexed.
      clampSpanCursor: db.prepare(
        `UPDATE settings SET value = (SELECT coalesce(max(id), 0) FROM spans)
         WHERE key = 'search_indexed_span_id' AND CAST(value AS INTEGER) > (SELECT coalesce(max(id), 0) FROM spans)`,
      ),
      clampLogCursor: db.prepare(
        `UPDATE settings SET value = (SELECT coalesce(max(id), 0) FROM logs)
         WHERE key = 'search_indexed_log_id' AND CAST(value AS INTEGER) > (SELECT coalesce(max(id), 0) FROM logs)`,
      ),
    };
    this.deleteRunsTx = db.transaction((ids: readonly string[]) => {
      let n = 0;
      for (const traceId of ids) {
        this.stmts.deleteSpans.run({ traceId });
        this.stmts.deleteLogs.run({ traceId });
        n += this.stmts.deleteRun.run({ traceId }).changes;
      }
      this.stmts.clampSpanCursor.run();
      this.stmts.clampLogCursor.run();
      return n;
    });
    this.deleteLogIdsTx = db.transaction((ids: readonly number[]) => {
      for (const id of ids) this.stmts.deleteLog.run({ id });
      this.stmts.clampLogCursor.run();
      return ids.length;
    });
  }

  /** Bytes held by live pages (file size minus free pages). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /** Deletes runs (spans, logs and the run row) in one transaction. */
  deleteRuns(traceIds: readonly string[]): number {
    return this.deleteRunsTx(traceIds);
  }

  prune(policy: RetentionPolicy, nowMs: number = Date.now()): PruneResult {
    const bytesBefore = this.usedBytes();
    let runsDeleted = 0;
    let logsDeleted = 0;
    if (policy.maxAgeDays > 0) {
      const cutoffMs = nowMs - policy.maxAgeDays * MS_PER_DAY;
      for (
        let ids = this.stmts.expired.all({ cutoffMs, limit: BATCH });
        ids.length > 0;
        ids = this.stmts.expired.all({ cutoffMs, limit: BATCH })
      ) {
        runsDeleted += this.deleteRuns(ids);
      }
      for (
        let ids = this.stmts.orphanLogs.all({ cutoffMs, limit: LOG_BATCH });
        ids.length > 0;
        ids = this.stmts.orphanLogs.all({ cutoffMs, limit: LOG_BATCH })
      ) {
        logsDeleted += this.deleteLogIdsTx(ids);
      }
    }
    // Over the size cap: log records without a run go first (oldest first), then whole runs.
    while (this.usedBytes() > policy.maxBytes) {
      const ids = this.stmts.orphanLogs.all({ cutoffMs: nowMs + 1, limit: LOG_BATCH });
      if (ids.length === 0) break;
      logsDeleted += this.deleteLogIdsTx(ids);
    }
    for (let used = this.usedBytes(); used > policy.maxBytes; used = this.usedBytes()) {
      // Delete about as many of the oldest runs as the excess holds, judged by the average run size.
      const runs = this.stmts.countRuns.get() ?? 0;
      if (runs === 0) break;
      const perRun = used / runs;
      const limit = Math.min(BATCH, Math.max(1, Math.ceil((used - policy.maxBytes) / perRun)));
      runsDeleted += this.deleteRuns(this.stmts.oldest.all({ limit }));
    }
    if (runsDeleted > 0 || logsDeleted > 0) this.reclaim();
    return { runsDeleted, logsDeleted, bytesBefore, bytesAfter: this.usedBytes() };
  }

  /** Returns free pages to the file system and truncates the WAL. */
  reclaim(): void {
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
