import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../../../../electron/engine/store/open-database';
import { WalCheckpointer } from '../../../../../electron/engine/store/wal-checkpointer';
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

async function until(check: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WalCheckpointer', () => {
  it('rewinds a WAL past its limit on the worker, holding the writer until the rewind is over', async () => {
    const holds: Array<{ released: boolean }> = [];
    const checkpointer = new WalCheckpointer(db, join(tmp.dir, DATABASE_FILE), {
      restartFrames: 64,
      intervalMs: 20,
      holdWrites: () => {
        const hold = { released: false };
        holds.push(hold);
        return () => {
          hold.released = true;
        };
      },
    });
    try {
      // Automatic checkpoints are off on this connection: only the worker checkpoints.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const insert = db.prepare('INSERT INTO filler VALUES (randomblob(12000))');
      // ~100 pages, written while no hold is on (as the held writer does).
      for (let i = 0; i < 100; i++) {
        if (holds.some((h) => !h.released)) await until(() => holds.every((h) => h.released), 'a release');
        insert.run();
      }
      await until(() => holds.length > 0 && holds.every((h) => h.released), 'a rewind');
      // Rewound: a small write now starts the WAL over instead of appending past 100 frames.
      insert.run();
      expect(walFrames()).toBeLessThan(64);
      expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(101);
    } finally {
      await checkpointer.close();
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves no hold on the writer once closed', async () => {
    let released = false;
    let held = false;
    const checkpointer = new WalCheckpointer(db, join(tmp.dir, DATABASE_FILE), {
      restartFrames: 1,
      intervalMs: 10,
      holdWrites: () => {
        held = true;
        return () => {
          released = true;
        };
      },
    });
    db.prepare('INSERT INTO filler VALUES (randomblob(20000))').run();
    await until(() => held, 'a hold');
    await checkpointer.close();
    expect(released).toBe(true);
  });
});
