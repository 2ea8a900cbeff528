/**
 * The cost and duration sorts go back to a top-N scan of runs, like the tokens and LLM-calls sorts
 * (tens of ms at 100k runs). Their indexes took random B-tree inserts on every run upsert: dropping
 * them made the writer about a third faster per span and halved the WAL bytes per span
 * (measured in bench:ingest; see the issue notes).
 */
export const sql = `
DROP INDEX runs_by_cost;
DROP INDEX runs_by_duration;
`;
