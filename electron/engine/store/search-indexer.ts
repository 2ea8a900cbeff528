import type Database from 'better-sqlite3';
import { logSearchText, spanSearchText } from './search-text';

const SPANS_DONE = 'search_indexed_span_id';
const LOGS_DONE = 'search_indexed_log_id';
/**
 * Spans (and log records) indexed per transaction: when ingest is quiet, and between its writes.
 * Quiet batches of 4,000 (about 20 ms each here, the longest an API request or export then waits)
 * caught a backlog up at 118–123k spans/s against 96–105k with batches of 1,000: FTS5 writes fewer,
 * larger segments and merges less (scratch loads of 8 s, then the catch-up timed, 2 pairs each).
 */
const QUIET_BATCH = 4000;
const BUSY_BATCH = 200;
const QUIET_MS = 300;
/**
 * Ingest saturates Loupe when the writer is busy more than half of the last second, or when
 * payloads were waiting for or on a decode thread more than 85% of it. Measured with the ingest
 * bench's 4 closed-loop senders on 2 cores: the writer alone reads 0.43–0.50 there (it shares the
 * CPU with decoding), the decode share 0.92–1.00; a steady 45,000 spans/s reads 0.25 and 0.45.
 */
const SATURATED_WRITER_SHARE = 0.5;
const SATURATED_DECODE_SHARE = 0.85;

/** What the indexer asks of the ingest pipeline it shares the thread and the database with. */
export interface IngestActivity {
  /** Nothing queued for the writer, and nothing written for `quietMs`. */
  isQuiet(quietMs: number): boolean;
  /** The share of the last second the writer spent writing (0–1). */
  writerBusyShare(): number;
  /** The share of the last second with payloads queued for or on a decode thread (0–1). */
  decodeBusyShare(): number;
}

function saturated(ingest: IngestActivity): boolean {
  return ingest.writerBusyShare() > SATURATED_WRITER_SHARE || ingest.decodeBusyShare() > SATURATED_DECODE_SHARE;
}

const ALWAYS_QUIET: IngestActivity = { isQuiet: () => true, writerBusyShare: () => 0, decodeBusyShare: () => 0 };

/**
 * Fills the full-text index (span_search) in the background, in batches of newly stored spans and
 * log records, never while a write is queued (ingest goes first). When ingest has been quiet for
 * 300 ms it indexes 4,000 at a time back to back; while spans keep coming it fits batches of 200
 * (about a millisecond each) between writes, so search keeps up with steady traffic. Only when
 * ingest saturates the pipeline (see SATURATED_*) does indexing wait: that backlog is indexed at
 * full speed once the load drops.
 */
export class SearchIndexer {
  private readonly stmts;
  private readonly indexBatch: Database.Transaction<(limit: number) => number>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    db: Database.Database,
    private readonly ingest: IngestActivity = ALWAYS_QUIET,
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
    if (!this.ingest.isQuiet(0)) return this.schedule(20);
    const quiet = this.ingest.isQuiet(QUIET_MS);
    if (!quiet && saturated(this.ingest)) return this.schedule(100);
    try {
      // Between batches the event loop turns, so API requests and ingest wait for one batch at most.
      const n = this.indexSome(quiet ? QUIET_BATCH : BUSY_BATCH);
      this.schedule(n > 0 ? 0 : 500);
    } catch (err) {
      this.onError(err);
      this.schedule(5000);
    }
  }
}
