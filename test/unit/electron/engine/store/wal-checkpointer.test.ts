import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../../../../electron/engine/store/open-database';
import { WalCheckpointer, type WalCheckpointerOptions } from '../../../../../electron/engine/store/wal-checkpointer';
import { makeTempDir } from '../../../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
  db.exec('CREATE TABLE filler (data BLOB)');
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

/** Frames in the WAL since it was last rewound (a PASSIVE checkpoint changes nothing else). */
function walFrames(): number {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
  return r!.log;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake writer hold that records when each hold began and ended. */
function holdRecorder() {
  const holds: Array<{ at: number; releasedAt: number | null }> = [];
  return {
    holds,
    held: () => holds.some((h) => h.releasedAt === null),
    holdWrites: () => {
      const hold = { at: Date.now(), releasedAt: null as number | null };
      holds.push(hold);
      return () => {
        hold.releasedAt ??= Date.now();
      };
    },
  };
}

/**
 * A checkpointer on the test's database that checkpoints every 20 ms and whose hold limit is far
 * beyond the test's waits: every release a test sees is the worker's answer.
 */
function startCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  return new WalCheckpointer(db, join(tmp.dir, DATABASE_FILE), { intervalMs: 20, holdLimitMs: 60_000, ...options });
}

describe('WalCheckpointer', () => {
  it('rewinds a WAL past its limit on the worker, holding the writer until the worker answers', async () => {
    const rec = holdRecorder();
    const checkpointer = startCheckpointer({ restartFrames: 64, holdWrites: rec.holdWrites });
    try {
      // Automatic checkpoints are off on this connection: only the worker checkpoints.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const insert = db.prepare('INSERT INTO filler VALUES (randomblob(12000))');
      // ~100 pages, written only while no hold is on (as the held writer does).
      for (let i = 0; i < 100; i++) {
        if (rec.held()) await until(() => !rec.held(), 'a release');
        insert.run();
      }
      await until(() => rec.holds.length > 0 && !rec.held(), 'a rewind');
      for (const h of rec.holds) expect(h.releasedAt! - h.at).toBeLessThan(5000);
      // Rewound: a small write now starts the WAL over instead of appending past 100 frames.
      insert.run();
      expect(walFrames()).toBeLessThan(64);
      expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(101);
    } finally {
      await checkpointer.close();
    }
    expect(rec.held()).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('does not hold the writer again for a WAL that only waits for the next write to start over', async () => {
    const rec = holdRecorder();
    const checkpointer = startCheckpointer({ restartFrames: 8, holdWrites: rec.holdWrites });
    try {
      const insert = db.prepare('INSERT INTO filler VALUES (randomblob(12000))');
      for (let i = 0; i < 20; i++) insert.run();
      await until(() => rec.holds.length > 0 && !rec.held(), 'a rewind');
      // No writes: the reports still show the old length for ~15 more checkpoints.
      const after = rec.holds.length;
      await sleep(300);
      expect(rec.holds.length).toBe(after);
    } finally {
      await checkpointer.close();
    }
  });

  it('waits before trying again when a reader kept a rewind from finishing', async () => {
    const rec = holdRecorder();
    const checkpointer = startCheckpointer({ restartFrames: 8, busyBackoffMs: 60_000, holdWrites: rec.holdWrites });
    // Another connection reading a snapshot that needs the WAL, as a long export would.
    const reader = new Database(join(tmp.dir, DATABASE_FILE), { readonly: true });
    try {
      const insert = db.prepare('INSERT INTO filler VALUES (randomblob(12000))');
      for (let i = 0; i < 4; i++) insert.run();
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM filler').pluck().get();
      for (let i = 0; i < 16; i++) insert.run();
      await until(() => rec.holds.length > 0 && !rec.held(), 'a first try');
      // Each try waits for the reader (up to 250 ms): without the back-off, 1 s would see several.
      await sleep(1000);
      expect(rec.holds).toHaveLength(1);
    } finally {
      reader.close();
      await checkpointer.close();
    }
  });

  it('lets the writer go at once when it is closed during a rewind', async () => {
    let released = false;
    let releasedWhenCloseReturned: boolean | null = null;
    let checkpointer: WalCheckpointer | null = null;
    checkpointer = startCheckpointer({
      restartFrames: 1,
      intervalMs: 10,
      holdWrites: () => {
        // Before the worker can answer (its answer is a later message): close, and look at once.
        queueMicrotask(() => {
          const closing = checkpointer!.close();
          releasedWhenCloseReturned = released;
          void closing;
        });
        return () => {
          released = true;
        };
      },
    });
    db.prepare('INSERT INTO filler VALUES (randomblob(20000))').run();
    await until(() => releasedWhenCloseReturned !== null, 'a hold');
    expect(releasedWhenCloseReturned).toBe(true);
    await checkpointer.close();
  });
});
