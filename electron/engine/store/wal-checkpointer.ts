import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../worker-thread';

const INTERVAL_MS = 200;
/**
 * WAL frames (16 KiB pages) after which the writer rewinds the WAL: 64 MiB. The WAL file is then
 * reused from its start without being cut back (journal_size_limit in open-database.ts is above
 * this), so the file system never frees and reallocates its blocks under load. Measured with 4
 * senders: 64 MiB without truncation 23.5–24.9k spans/s; 256 MiB, truncated to 64 MiB after every
 * rewind, 21.1–22.5k.
 */
const RESTART_FRAMES = 4096;
/** The longest the writer is held for a rewind (normally 10–30 ms). */
const RESTART_HOLD_LIMIT_MS = 1000;

/** What the checkpoint worker posts: after each checkpoint, or once stopped. */
export interface CheckpointReport {
  /** WAL frames, and how many of them are in the database file. */
  log?: number;
  checkpointed?: number;
  /** Answers a `restart` request (the rewind ran, or failed with `error`). */
  restarted?: boolean;
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
}

/**
 * Moves WAL checkpoints off the writer's connection: the writer stops auto-checkpointing and a
 * worker thread copies frames into the database every 200 ms on its own connection (PASSIVE, never
 * blocking the writer). Under steady writes a passive checkpoint never finishes, so SQLite would
 * never rewind the WAL; once the worker reports the WAL past 64 MiB, the writer is held and the
 * worker runs a RESTART checkpoint, cheap because it has already copied nearly everything. If the
 * worker cannot start or dies, the writer goes back to SQLite's automatic checkpoints.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private readonly holdWrites: () => () => void;

  constructor(
    private readonly db: Database.Database,
    file: string,
    options: WalCheckpointerOptions = {},
  ) {
    const onError = options.onError ?? (() => {});
    const restartFrames = options.restartFrames ?? RESTART_FRAMES;
    this.holdWrites = options.holdWrites ?? (() => () => {});
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
        if (m.restarted) this.endRestart();
        if (m.error) onError(new Error(`WAL checkpoint failed: ${m.error}`));
        else if (!m.restarted && m.log !== undefined && m.log >= restartFrames) this.restart();
      });
      worker.on('exit', () => this.endRestart());
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
   * Asks the worker to rewind the WAL (a RESTART checkpoint on its connection) and holds the writer
   * meanwhile, so the rewind gets the write lock at once and the writer's thread goes on reading
   * and decoding requests instead of waiting on the rewind's copying and fsyncs. (Run on the
   * writer's connection, the rewind took ~4% of that thread's time under load, mostly blocked.)
   */
  private restart(): void {
    const worker = this.worker;
    if (!worker || this.releaseWrites) return;
    this.releaseWrites = this.holdWrites();
    // Never hold the writer for long, whatever happens to the worker's answer.
    this.restartTimer = setTimeout(() => this.endRestart(), RESTART_HOLD_LIMIT_MS);
    this.restartTimer.unref();
    worker.postMessage({ type: 'restart' });
  }

  private endRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const release = this.releaseWrites;
    this.releaseWrites = null;
    release?.();
  }

  private fallBack(): void {
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
      worker.once('message', () => {
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
