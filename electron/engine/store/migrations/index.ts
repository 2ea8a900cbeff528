import { sql as initialSchema } from './0001-initial-schema';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. Never edit an entry once released: start-up refuses a changed hash. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
];
