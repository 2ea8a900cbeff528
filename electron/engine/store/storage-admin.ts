import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import {
  type DeleteAllResult,
  RETENTION_BOUNDS,
  type RetentionCaps,
  type StorageInfo,
} from '../../../shared/domain/storage';
import type { Retention } from './retention';

/** The settings-table key holding the user's retention caps as JSON. */
export const RETENTION_SETTING_KEY = 'retention';

/** Problems with caps the user asks for ([] when they are acceptable). */
export function retentionCapsProblems(caps: RetentionCaps): string[] {
  const problems: string[] = [];
  const { minBytes, maxBytes, maxAgeDays } = RETENTION_BOUNDS;
  if (!Number.isFinite(caps.maxBytes) || caps.maxBytes < minBytes || caps.maxBytes > maxBytes) {
    problems.push(`maxBytes must be between ${String(minBytes)} and ${String(maxBytes)}`);
  }
  if (!Number.isInteger(caps.maxAgeDays) || caps.maxAgeDays < 0 || caps.maxAgeDays > maxAgeDays) {
    problems.push(`maxAgeDays must be a whole number from 0 (keep forever) to ${String(maxAgeDays)}`);
  }
  return problems;
}

/** Stored caps, read defensively: anything unreadable or out of bounds is ignored (null). */
export function parseStoredRetention(json: string): RetentionCaps | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { maxBytes, maxAgeDays } = raw as { maxBytes?: unknown; maxAgeDays?: unknown };
  if (typeof maxBytes !== 'number' || typeof maxAgeDays !== 'number') return null;
  const caps = { maxBytes, maxAgeDays };
  return retentionCapsProblems(caps).length === 0 ? caps : null;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Settings › Storage on the engine side: the user's retention caps (settings table), sizes and
 * counts, and deletion at the user's request — one run at a time through Retention's delete path,
 * or everything stored, with the freed pages given back to the file system.
 */
export class StorageAdmin {
  private readonly stmts;
  private readonly wipeTx: () => number;

  constructor(
    db: Database.Database,
    private readonly dbPath: string,
    private readonly retention: Retention,
  ) {
    this.stmts = {
      getSetting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      putSetting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      countRuns: db.prepare<[], number>('SELECT count(*) FROM runs').pluck(),
      countSpans: db.prepare<[], number>('SELECT count(*) FROM spans').pluck(),
      existingRun: db
        .prepare<{ traceId: string }, string>('SELECT trace_id FROM runs WHERE trace_id = @traceId')
        .pluck(),
    };
    const wipe = [
      // Empty the contentless full-text index in one step rather than row by row through the triggers.
      db.prepare("INSERT INTO span_search (span_search) VALUES ('delete-all')"),
      db.prepare('DELETE FROM spans'),
      db.prepare('DELETE FROM logs'),
      db.prepare('DELETE FROM resources'),
      db.prepare('DELETE FROM scopes'),
      // Row ids start over; the search indexer's progress must too.
      db.prepare("DELETE FROM settings WHERE key IN ('search_indexed_span_id', 'search_indexed_log_id')"),
    ];
    const deleteRuns = db.prepare('DELETE FROM runs');
    this.wipeTx = db.transaction(() => {
      for (const stmt of wipe) stmt.run();
      return deleteRuns.run().changes;
    });
  }

  /** The user's caps, or null when none are stored (or they are unreadable). */
  storedRetention(): RetentionCaps | null {
    const json = this.stmts.getSetting.get(RETENTION_SETTING_KEY);
    return json === undefined ? null : parseStoredRetention(json);
  }

  saveRetention(caps: RetentionCaps): RetentionCaps {
    const clean = { maxBytes: Math.round(caps.maxBytes), maxAgeDays: caps.maxAgeDays };
    this.stmts.putSetting.run(RETENTION_SETTING_KEY, JSON.stringify(clean));
    return clean;
  }

  fileSizes(): { databaseBytes: number; walBytes: number } {
    return { databaseBytes: fileSize(this.dbPath), walBytes: fileSize(`${this.dbPath}-wal`) };
  }

  info(dataDir: string, retention: RetentionCaps): StorageInfo {
    return {
      dataDir,
      ...this.fileSizes(),
      runs: this.stmts.countRuns.get() ?? 0,
      spans: this.stmts.countSpans.get() ?? 0,
      retention: { maxBytes: retention.maxBytes, maxAgeDays: retention.maxAgeDays },
    };
  }

  /** Deletes these runs with their spans and logs; returns the trace ids that existed. */
  deleteRuns(traceIds: readonly string[]): string[] {
    const existing = [...new Set(traceIds)].filter((traceId) => this.stmts.existingRun.get({ traceId }) !== undefined);
    if (existing.length === 0) return [];
    this.retention.deleteRuns(existing);
    this.retention.reclaim();
    return existing;
  }

  /**
   * Deletes every run, span, log record, resource, scope and the search index (settings, prices and
   * the token stay), then shrinks the file: incremental vacuum and a truncating WAL checkpoint.
   */
  deleteAll(): DeleteAllResult {
    const before = this.fileSizes();
    const runsDeleted = this.wipeTx();
    this.retention.reclaim();
    const after = this.fileSizes();
    return {
      runsDeleted,
      bytesBefore: before.databaseBytes + before.walBytes,
      bytesAfter: after.databaseBytes + after.walBytes,
    };
  }
}
