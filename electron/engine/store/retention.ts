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
  bytesBefore: number;
  bytesAfter: number;
}

const BATCH = 200;
const NS_PER_DAY = 86_400_000_000_000n;

/**
 * Enforces the retention policy by deleting whole runs, oldest first (a run is never left
 * half-deleted), then gives the freed pages back to the file system with an incremental vacuum.
 */
export class Retention {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      expired: db.prepare<{ cutoff: bigint; limit: number }, string>(
        'SELECT trace_id FROM runs WHERE end_ns < @cutoff ORDER BY start_ns LIMIT @limit',
      ).pluck(),
      countRuns: db.prepare<[], number>('SELECT count(*) FROM runs').pluck(),
      oldest: db.prepare<{ limit: number }, string>('SELECT trace_id FROM runs ORDER BY start_ns LIMIT @limit').pluck(),
      deleteSpans: db.prepare('DELETE FROM spans WHERE trace_id = ?'),
      deleteLogs: db.prepare('DELETE FROM logs WHERE trace_id = ?'),
      deleteRun: db.prepare('DELETE FROM runs WHERE trace_id = ?'),
    };
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
    const tx = this.db.transaction((ids: readonly string[]) => {
      let n = 0;
      for (const id of ids) {
        this.stmts.deleteSpans.run(id);
        this.stmts.deleteLogs.run(id);
        n += this.stmts.deleteRun.run(id).changes;
      }
      return n;
    });
    return tx(traceIds);
  }

  prune(policy: RetentionPolicy, nowMs: number = Date.now()): PruneResult {
    const bytesBefore = this.usedBytes();
    let runsDeleted = 0;
    if (policy.maxAgeDays > 0) {
      const cutoff = BigInt(nowMs) * 1_000_000n - BigInt(Math.round(policy.maxAgeDays)) * NS_PER_DAY;
      for (;;) {
        const ids = this.stmts.expired.all({ cutoff, limit: BATCH });
        if (ids.length === 0) break;
        runsDeleted += this.deleteRuns(ids);
      }
    }
    for (let used = this.usedBytes(); used > policy.maxBytes; used = this.usedBytes()) {
      // Delete about as many of the oldest runs as the excess holds, judged by the average run size.
      const runs = this.stmts.countRuns.get() ?? 0;
      if (runs === 0) break;
      const perRun = used / runs;
      const limit = Math.min(BATCH, Math.max(1, Math.ceil((used - policy.maxBytes) / perRun)));
      runsDeleted += this.deleteRuns(this.stmts.oldest.all({ limit }));
    }
    if (runsDeleted > 0) this.reclaim();
    return { runsDeleted, bytesBefore, bytesAfter: this.usedBytes() };
  }

  /** Returns free pages to the file system and truncates the WAL. */
  reclaim(): void {
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
