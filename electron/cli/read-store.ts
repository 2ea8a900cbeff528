import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, nativeBinding } from '../engine/store/open-database';
import { RunQueries } from '../engine/store/run-queries';
import { migrations } from '../engine/store/migrations';
import { CliError } from './cli-error';

function schemaVersion(db: Database.Database): number {
  try {
    return (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Opens a data dir's database for reading, whether or not an engine is running on it (WAL lets
 * readers and the engine's writer work side by side). A data dir without a database holds no runs.
 */
export function withReadOnlyDb<T>(dataDir: string, use: (db: Database.Database) => T, whenEmpty: T): T {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    console.error(
      `loupe: no Loupe data in ${dataDir} yet (start \`loupe serve\` and send traces, or pass --data-dir).`,
    );
    return whenEmpty;
  }
  let db;
  try {
    // Read-only: never migrate or change a database an engine (maybe another version) is using.
    db = new Database(join(dataDir, DATABASE_FILE), {
      readonly: true,
      fileMustExist: true,
      timeout: 5000,
      ...nativeBinding(),
    });
  } catch (err) {
    throw new CliError(`cannot open the Loupe database in ${dataDir}: ${(err as Error).message}`);
  }
  try {
    const version = schemaVersion(db);
    if (version < migrations.length)
      throw new CliError(
        `the data in ${dataDir} was written by an older Loupe (schema ${version}, this one reads ${migrations.length}); ` +
          'start `loupe serve` on it once to upgrade it',
      );
    return use(db);
  } finally {
    db.close();
  }
}

export function withRunQueries<T>(dataDir: string, use: (queries: RunQueries) => T, whenEmpty: T): T {
  return withReadOnlyDb(dataDir, (db) => use(new RunQueries(db)), whenEmpty);
}
