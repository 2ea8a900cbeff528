/**
 * The models a run called move from the run_models table onto the run's row (see
 * run-model-list.ts for the format): two rows and four B-tree inserts per run fewer at ingest, and
 * a model filter becomes a test on the row the runs list already reads (was a subquery per run).
 */
export const sql = `
ALTER TABLE runs ADD COLUMN models TEXT NOT NULL DEFAULT '';
UPDATE runs SET models = coalesce(
  (SELECT char(1) || group_concat(model, char(1)) || char(1) FROM run_models WHERE run_models.trace_id = runs.trace_id),
  '');
DROP TRIGGER runs_forget_models;
DROP TABLE run_models;
`;
