import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

export const DATABASE_FILE = 'loupe.db';

/**
 * Opens (creating if needed) the data dir's database: WAL, NORMAL sync (commits survive an app
 * crash; see reference §4), foreign keys, incremental auto-vacuum so pruning can give space back,
 * then applies migrations. Under Electron the engine points LOUPE_SQLITE_BINDING at a build of
 * better-sqlite3 for Electron's ABI; plain Node uses the one npm built.
 */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE), { ...nativeBinding(), timeout: 5000 });
  try {
    // page_size and auto_vacuum only take effect on an empty database (before the first table).
    // 16 KiB pages suit rows of several hundred bytes (prompts): measured faster inserts than 4 KiB.
    db.pragma('page_size = 16384');
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    // After a checkpoint rewinds the WAL, trim the file back to 128 MiB: above the 64 MiB at which
    // the engine rewinds it under load (wal-checkpointer.ts), so that rewind never truncates.
    db.pragma('journal_size_limit = 134217728');
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The better-sqlite3 build to load: Electron's ABI build when LOUPE_SQLITE_BINDING names one. */
export function nativeBinding(): { nativeBinding?: string } {
  const path = process.env.LOUPE_SQLITE_BINDING;
  return path ? { nativeBinding: path } : {};
}
