import type Database from 'better-sqlite3';
import type { RunSearchResult } from '../../../shared/domain/transcript';
import { ftsQuery } from './search-text';

const SPANS_INDEXED = 'search_indexed_span_id';

interface IdRange {
  lo: number | null;
  hi: number | null;
}

/**
 * Search within one run over the full-text index (span_search): step names, messages, tool I/O,
 * attributes and the log events joined to a span. The index is matched only within the run's own
 * rowid range (its spans and log records were stored close together), so a common word stays as
 * cheap as in a small database; the trace id then keeps exactly the run's rows.
 */
export class RunSearchQuery {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      spanIds: db.prepare<[string], IdRange>('SELECT min(id) AS lo, max(id) AS hi FROM spans WHERE trace_id = ?'),
      logIds: db.prepare<[string], IdRange>(
        "SELECT min(id) AS lo, max(id) AS hi FROM logs WHERE trace_id = ? AND span_id <> ''",
      ),
      indexedThrough: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      matches: db
        .prepare<
          { traceId: string; text: string; lo: number; hi: number; logLo: number; logHi: number; limit: number },
          string
        >(
          `SELECT span_id FROM spans WHERE trace_id = @traceId AND id IN (
             SELECT rowid FROM span_search WHERE span_search MATCH @text AND rowid BETWEEN @lo AND @hi)
           UNION
           SELECT span_id FROM logs WHERE trace_id = @traceId AND span_id <> '' AND id IN (
             SELECT -rowid FROM span_search WHERE span_search MATCH @text AND rowid BETWEEN -@logHi AND -@logLo)
           LIMIT @limit`,
        )
        .pluck(),
    };
  }

  /** The run's steps matching every word of `query` (as prefixes). */
  search(traceId: string, query: string, limit: number): RunSearchResult {
    const spans = this.stmts.spanIds.get(traceId);
    const text = ftsQuery(query);
    if (spans === undefined || spans.lo === null || spans.hi === null || text === null)
      return { spanIds: [], truncated: false, complete: true };
    const logs = this.stmts.logIds.get(traceId);
    const found = this.stmts.matches.all({
      traceId,
      text,
      lo: spans.lo,
      hi: spans.hi,
      // No linked log records: an empty range.
      logLo: logs?.lo ?? 1,
      logHi: logs?.hi ?? 0,
      limit: limit + 1,
    });
    const indexed = Number(this.stmts.indexedThrough.get(SPANS_INDEXED) ?? 0);
    return { spanIds: found.slice(0, limit), truncated: found.length > limit, complete: indexed >= spans.hi };
  }
}
