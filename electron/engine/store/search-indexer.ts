import type Database from 'better-sqlite3';
import { logSearchText, spanSearchText } from './search-text';

const SPANS_DONE = 'search_indexed_span_id';
const LOGS_DONE = 'search_indexed_log_id';

/**
 * Fills the full-text index (span_search) in the background: small batches of newly stored spans
 * and log records, when the writer has nothing queued, so ingest never waits for indexing. Search
 * results lag ingest by about a second while Loupe is busy.
 */
export class SearchIndexer {
  private readonly stmts;
  private readonly indexBatch: Database.Transaction<(limit: number) => number>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    db: Database.Database,
    private readonly isWriterBusy: () => boolean = () => false,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.stmts = {
      getDone: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      setDone: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      spans: db
        .prepare<
          [number, number],
          [number, string, string, string, string]
        >('SELECT id, name, status_message, attributes, events FROM spans WHERE id > ? ORDER BY id LIMIT ?')
        .raw(true),
      logs: db
        .prepare<
          [number, number],
          [number, string, string, string]
        >('SELECT id, event_name, body, attributes FROM logs WHERE id > ? ORDER BY id LIMIT ?')
        .raw(true),
      insert: db.prepare('INSERT INTO span_search (rowid, text) VALUES (?, ?)'),
    };
    this.indexBatch = db.transaction((limit: number) => {
      let n = 0;
      const spansDone = Number(this.stmts.getDone.get(SPANS_DONE) ?? 0);
      let lastSpan = spansDone;
      for (const [id, name, status, attributes, events] of this.stmts.spans.all(spansDone, limit)) {
        this.stmts.insert.run(id, spanSearchText(name, status, attributes, events));
        lastSpan = id;
        n++;
      }
      if (lastSpan !== spansDone) this.stmts.setDone.run(SPANS_DONE, String(lastSpan));
      const logsDone = Number(this.stmts.getDone.get(LOGS_DONE) ?? 0);
      let lastLog = logsDone;
      for (const [id, eventName, body, attributes] of this.stmts.logs.all(logsDone, limit)) {
        this.stmts.insert.run(-id, logSearchText(eventName, body, attributes));
        lastLog = id;
        n++;
      }
      if (lastLog !== logsDone) this.stmts.setDone.run(LOGS_DONE, String(lastLog));
      return n;
    });
  }

  /** Indexes up to `limit` spans and `limit` log records; returns how many it indexed. */
  indexSome(limit = 500): number {
    // IMMEDIATE: another connection (an import, a CLI) may write between this read and write.
    return this.indexBatch.immediate(limit);
  }

  /** Indexes everything stored so far (tests, and the CLI after an import). */
  indexAll(): number {
    let total = 0;
    for (let n = this.indexSome(2000); n > 0; n = this.indexSome(2000)) total += n;
    return total;
  }

  start(): void {
    this.schedule(1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.isWriterBusy()) return this.schedule(250);
    try {
      const n = this.indexSome(500);
      this.schedule(n > 0 ? 20 : 500);
    } catch (err) {
      this.onError(err);
      this.schedule(5000);
    }
  }
}
