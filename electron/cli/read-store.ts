import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, nativeBinding } from '../engine/store/open-database';
import { RunQueries } from '../engine/store/run-queries';
import { CliError } from './cli-error';

/**
 * Opens a data dir's database for reading, whether or not an engine is running on it (WAL lets
 * readers and the engine's writer work side by side). A data dir without a database holds no runs.
 */
export function withRunQueries<T>(dataDir: string, use: (queries: RunQueries) => T, whenEmpty: T): T {
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
    return use(new RunQueries(db));
  } finally {
    db.close();
  }
}
