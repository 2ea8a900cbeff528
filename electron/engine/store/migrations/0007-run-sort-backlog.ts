/**
 * A new run enters the cost and duration sort indexes about a second after it is first stored, in
 * one bulk update with the other runs of that second, instead of one random page write per run
 * and index in every ingest transaction (those two indexes were most of the WAL written at
 * ingest). Until then it waits in a small backlog index keyed by id, which new runs append to;
 * the runs list reads both (run-queries.ts), so no run is ever missing from a sorted list.
 */
export const sql = `
ALTER TABLE runs ADD COLUMN sort_indexed INTEGER NOT NULL DEFAULT 0;
DROP INDEX runs_by_cost;
DROP INDEX runs_by_duration;
UPDATE runs SET sort_indexed = 1;
CREATE INDEX runs_by_cost ON runs(cost_usd, start_ns, trace_id) WHERE sort_indexed = 1;
CREATE INDEX runs_by_duration ON runs((end_ns - start_ns), start_ns, trace_id) WHERE sort_indexed = 1;
CREATE INDEX runs_sort_backlog ON runs(id) WHERE sort_indexed = 0;
`;
