import { sql as initialSchema } from './0001-initial-schema';
import { sql as retentionIndex } from './0002-retention-index';
import { sql as genaiSteps } from './0003-genai-steps';
import { sql as runSearch } from './0004-run-search';
import { sql as runSortIndexes } from './0005-run-sort-indexes';
import { sql as runModelsColumn } from './0006-run-models-column';
import { sql as runSortBacklog } from './0007-run-sort-backlog';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. Never edit an entry once released: start-up refuses a changed hash. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
  { version: 2, name: 'retention-index', sql: retentionIndex },
  { version: 3, name: 'genai-steps', sql: genaiSteps },
  { version: 4, name: 'run-search', sql: runSearch },
  { version: 5, name: 'run-sort-indexes', sql: runSortIndexes },
  { version: 6, name: 'run-models-column', sql: runModelsColumn },
  { version: 7, name: 'run-sort-backlog', sql: runSortBacklog },
];
