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

/**
 * Moves WAL checkpoints off the writer's connection: the writer stops auto-checkpointing and a
 * worker thread copies frames into the database every 200 ms on its own connection (PASSIVE, never
 * blocking the writer). Under steady writes a passive checkpoint never finishes, so SQLite would
 * never rewind the WAL; once the worker reports the WAL past 64 MiB, the writer runs a RESTART
 * checkpoint itself, cheap because the worker has already copied nearly everything. If the worker
 * cannot start or dies, the writer goes back to SQLite's automatic checkpoints.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;

  constructor(
    private readonly db: Database.Database,
    file: string,
    onError: (err: unknown) => void = () => {},
  ) {
    try {
      const worker = startWorkerThread(import.meta.url, 'checkpoint-worker', { file, intervalMs: INTERVAL_MS });
      worker.on('error', (err) => {
        onError(err);
        this.fallBack();
      });
      worker.on('message', (m: { error?: string; log?: number; checkpointed?: number }) => {
        if (m.error) onError(new Error(`WAL checkpoint failed: ${m.error}`));
        else if (m.log !== undefined && m.log >= RESTART_FRAMES) this.restart(onError);
      });
      worker.unref();
      this.worker = worker;
      db.pragma('wal_autocheckpoint = 0');
    } catch (err) {
      onError(err);
    }
  }

  private restarting = false;

  private restart(onError: (err: unknown) => void): void {
    if (this.restarting) return;
    this.restarting = true;
    setImmediate(() => {
      this.restarting = false;
      try {
        if (this.db.open) this.db.pragma('wal_checkpoint(RESTART)');
      } catch (err) {
        onError(err);
      }
    });
  }

  private fallBack(): void {
    this.worker = null;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }

  /** Stops the worker; the caller's final checkpoint (on close) folds the rest of the WAL in. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
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
