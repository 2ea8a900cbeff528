import type Database from 'better-sqlite3';

/** How often new runs move from the sort backlog into the cost and duration indexes. */
const INTERVAL_MS = 1000;
/** How soon the timer looks again when the writer was held. */
const HELD_RETRY_MS = 50;

/**
 * New runs wait in a backlog (migration 7) instead of each landing on a random page of the cost
 * and duration sort indexes in every ingest transaction. This moves the whole backlog into those
 * indexes in one update: in a write transaction at most once a second, on a timer once writes
 * stop, and when a writer opens the database. Sorted lists read the backlog too (runListSql), so
 * when the move happens changes only cost, never results.
 */
export class RunSortBacklog {
  private readonly move: Database.Statement;
  /** When the backlog was last moved (the writer's clock). */
  private movedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    /** False while the writer is held (SpanWriter.hold): the timer then waits instead of writing. */
    private readonly mayWrite: () => boolean = () => true,
  ) {
    this.move = db.prepare('UPDATE runs SET sort_indexed = 1 WHERE sort_indexed = 0');
    // Runs an earlier writer left in the backlog (it stopped before its timer fired).
    this.tryMove();
  }

  /** Called inside a write transaction that may have added runs, at `now`. */
  afterWrite(now: number): void {
    if (now - this.movedAt >= INTERVAL_MS) this.moveAt(now);
    else this.timer ??= setTimeout(() => this.onTimer(), INTERVAL_MS).unref();
  }

  private moveAt(now: number): void {
    this.move.run();
    this.movedAt = now;
  }

  /**
   * Writes stopped with runs in the backlog: move them now (between transactions, same thread), or
   * once a second has passed since a write moved it (runs may have joined after that move).
   */
  private onTimer(): void {
    if (!this.mayWrite()) {
      this.timer = setTimeout(() => this.onTimer(), HELD_RETRY_MS).unref();
      return;
    }
    const sinceMove = this.now() - this.movedAt;
    if (sinceMove >= INTERVAL_MS) {
      this.timer = undefined;
      this.tryMove();
    } else {
      this.timer = setTimeout(() => this.onTimer(), INTERVAL_MS - sinceMove).unref();
    }
  }

  private tryMove(): void {
    if (!this.db.open) return;
    try {
      this.moveAt(this.now());
    } catch {
      // Busy (another process writing) or closing: a later write moves them, and sorted lists
      // include the backlog meanwhile anyway.
    }
  }
}
