import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

interface DbMigrationRow {
  version: number;
  name: string;
  hash: string;
  applied_at_ms: number;
}

/**
 * Applies pending migrations, each in its own transaction, recording version and hash.
 * An already-applied migration whose text changed is an error (the database would no longer match
 * the code), as is a database from a newer Loupe.
 */
export function migrate(db: Database.Database, list: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    applied_at_ms INTEGER NOT NULL
  )`);
  const applied = db
    .prepare<[], DbMigrationRow>('SELECT version, name, hash, applied_at_ms FROM schema_migrations ORDER BY version')
    .all();
  const known = new Map(list.map((m) => [m.version, m]));
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `the database has migration ${row.version} (${row.name}) that this version of Loupe does not know; it was written by a newer Loupe`,
      );
    }
    if (migrationHash(m) !== row.hash) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) was changed after it was applied (hash mismatch); migrations are append-only`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const insert = db.prepare(
    'INSERT INTO schema_migrations (version, name, hash, applied_at_ms) VALUES (@version, @name, @hash, @appliedAtMs)',
  );
  let count = 0;
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      insert.run({ version: m.version, name: m.name, hash: migrationHash(m), appliedAtMs: Date.now() });
    })();
    count++;
  }
  return count;
}
