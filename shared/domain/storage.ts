/** What Settings › Storage shows and edits: where the data lives, how big it is, the retention caps. */

export interface RetentionCaps {
  /** Size cap of the database, in bytes. */
  maxBytes: number;
  /** Runs received longer ago than this are deleted. 0 keeps runs forever. */
  maxAgeDays: number;
}

export interface StorageInfo {
  dataDir: string;
  /** Size of the database file (without the write-ahead log). */
  databaseBytes: number;
  walBytes: number;
  runs: number;
  spans: number;
  retention: RetentionCaps;
}

/** What deleting everything freed: file sizes (database + write-ahead log) before and after. */
export interface DeleteAllResult {
  runsDeleted: number;
  bytesBefore: number;
  bytesAfter: number;
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** Sane bounds for the caps the user sets. */
export const RETENTION_BOUNDS = {
  minBytes: 100 * MIB,
  maxBytes: 1024 * GIB,
  maxAgeDays: 3650,
} as const;

export const BYTES_PER_GB = GIB;
