import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../worker-thread';

const INTERVAL_MS = 200;
/**
 * WAL frames (16 KiB pages) after which the WAL is rewound: 64 MiB. The WAL file is then
 * reused from its start without being cut back (journal_size_limit in open-database.ts is above
 * this), so the file system never frees and reallocates its blocks under load. Measured with 4
 * senders: 64 MiB without truncation 23.5–24.9k spans/s; 256 MiB, truncated to 64 MiB after every
 * rewind, 21.1–22.5k.
 */
const RESTART_FRAMES = 4096;
/**
 * The longest the writer is held for a rewind. Normally 10–45 ms here, almost all of it the two
 * fsyncs of a checkpoint (with the checkpoint connection's fsyncs switched off, as a test only,
 * the same rewinds took under 1 ms).
 */
const RESTART_HOLD_LIMIT_MS = 1000;
/**
 * After a rewind that readers kept from finishing (a long export or `loupe runs` on the same file),
 * how long to wait before holding the writer for another try: each try can hold it ~0.5 s.
 */
const RESTART_BUSY_BACKOFF_MS = 2000;

/** What the checkpoint worker posts: after each checkpoint, or once stopped. */
export interface CheckpointReport {
  /** WAL frames, and how many of them are in the database file. */
  log?: number;
  checkpointed?: number;
  /** The checkpoint could not finish: a writer or readers were in the way. */
  busy?: boolean;
  /** Answers a `restart` request (the RESTART ran, or failed with `error`). */
  restarted?: true;
  error?: string;
  stopped?: boolean;
}

export interface WalCheckpointerOptions {
  onError?: (err: unknown) => void;
  /**
   * Holds the writer back until the returned release is called (SpanWriter.hold). Without it, a
   * write that comes during a rewind waits on SQLite's busy timeout instead.
   */
  holdWrites?: () => () => void;
  /** WAL frames after which the WAL is rewound (default 64 MiB of 16 KiB pages). */
  restartFrames?: number;
  intervalMs?: number;
  /** The longest the writer is held for one rewind (default 1 s). */
  holdLimitMs?: number;
  /** How long to wait after a rewind readers kept from finishing (default 2 s). */
  busyBackoffMs?: number;
}

/**
 * Moves WAL checkpoints off the writer's connection: the writer stops auto-checkpointing and a
 * worker thread copies frames into the database every 200 ms on its own connection (PASSIVE, never
 * blocking the writer). Under steady writes a passive checkpoint never finishes, so SQLite would
 * never rewind the WAL; once the worker reports the WAL past 64 MiB, the writer is held and the
 * worker runs a RESTART checkpoint, cheap because it has already copied nearly everything; the
 * writer's first write after the release starts the WAL over. If the worker cannot start or dies,
 * the writer goes back to SQLite's automatic checkpoints.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private readonly holdWrites: () => () => void;
  private readonly holdLimitMs: number;
  private readonly busyBackoffMs: number;

  constructor(
    private readonly db: Database.Database,
    file: string,
    options: WalCheckpointerOptions = {},
  ) {
    const onError = options.onError ?? (() => {});
    const restartFrames = options.restartFrames ?? RESTART_FRAMES;
    this.holdWrites = options.holdWrites ?? (() => () => {});
    this.holdLimitMs = options.holdLimitMs ?? RESTART_HOLD_LIMIT_MS;
    this.busyBackoffMs = options.busyBackoffMs ?? RESTART_BUSY_BACKOFF_MS;
    try {
      const worker = startWorkerThread(import.meta.url, 'checkpoint-worker', {
        file,
        intervalMs: options.intervalMs ?? INTERVAL_MS,
      });
      worker.on('error', (err) => {
        onError(err);
        this.fallBack();
      });
      worker.on('message', (m: CheckpointReport) => {
        if (m.restarted) this.restartAnswered(m);
        if (m.error) onError(new Error(`WAL checkpoint failed: ${m.error}`));
        else if (!m.restarted && m.log !== undefined && m.log >= restartFrames && m.log !== this.rewoundAt)
          this.restart();
      });
      worker.on('exit', () => {
        this.awaitingAnswer = false;
        this.endRestart();
      });
      worker.unref();
      this.worker = worker;
      db.pragma('wal_autocheckpoint = 0');
    } catch (err) {
      onError(err);
    }
  }

  /** Releases the writer once the rewind in progress is over; null when none is. */
  private releaseWrites: (() => void) | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  /**
   * A restart request is not answered yet (even if its hold already ran out): no other is sent
   * meanwhile, so every answer belongs to the one request outstanding.
   */
  private awaitingAnswer = false;
  /**
   * The WAL's length when a RESTART last finished: the WAL starts over only at the next write, so
   * until then reports still show that length, and asking again would only hold the writer again.
   */
  private rewoundAt: number | null = null;
  /** No new rewind before this time (performance.now()): the last one was kept from finishing. */
  private retryAt = 0;

  /**
   * Asks the worker to rewind the WAL (a RESTART checkpoint on its connection) and holds the writer
   * meanwhile, so the rewind gets the write lock at once and the writer's thread goes on reading
   * and decoding requests instead of waiting on the rewind's copying and fsyncs. (Run on the
   * writer's connection, the rewind took ~4% of that thread's time under load, mostly blocked.)
   */
  private restart(): void {
    const worker = this.worker;
    if (!worker || this.awaitingAnswer || performance.now() < this.retryAt) return;
    this.awaitingAnswer = true;
    this.releaseWrites = this.holdWrites();
    // Never hold the writer for long, whatever happens to the worker's answer. Not unref'd: while
    // it is pending, queued writes are waiting for it (a shutdown's drain among them).
    this.restartTimer = setTimeout(() => this.endRestart(), this.holdLimitMs);
    worker.postMessage({ type: 'restart' });
  }

  private restartAnswered(m: CheckpointReport): void {
    this.awaitingAnswer = false;
    if (!m.error && !m.busy && m.log !== undefined) this.rewoundAt = m.log;
    if (m.busy) this.retryAt = performance.now() + this.busyBackoffMs;
    this.endRestart();
  }

  private endRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const release = this.releaseWrites;
    this.releaseWrites = null;
    release?.();
  }

  private fallBack(): void {
    this.awaitingAnswer = false;
    this.endRestart();
    this.worker = null;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }

  /** Stops the worker; the caller's final checkpoint (on close) folds the rest of the WAL in. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.endRestart();
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      // Its connection is closed once it says so (a report or an answer may come first).
      worker.on('message', (m: CheckpointReport) => {
        if (!m.stopped) return;
        clearTimeout(timer);
        resolve();
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'stop' });
    });
    await worker.terminate();
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
