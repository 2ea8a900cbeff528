/**
 * Filters and search for the runs page. `run_models` lists the models each run called (kept by the
 * writer), so a model filter is an index lookup. `span_search` is an FTS5 index over step names,
 * prompts, outputs and tool I/O, filled by a background indexer (store/search-indexer.ts) so ingest
 * never waits for it; its rowid is the span's id, or minus the log record's id for log events. Triggers keep both in step with retention.
 */
export const sql = `
CREATE TABLE run_models (
  trace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  PRIMARY KEY (trace_id, model)
) WITHOUT ROWID;
CREATE INDEX run_models_by_model ON run_models(model);

CREATE VIRTUAL TABLE span_search USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER spans_unsearch AFTER DELETE ON spans BEGIN
  DELETE FROM span_search WHERE rowid = old.id;
END;
CREATE TRIGGER logs_unsearch AFTER DELETE ON logs BEGIN
  DELETE FROM span_search WHERE rowid = -old.id;
END;
CREATE TRIGGER runs_forget_models AFTER DELETE ON runs BEGIN
  DELETE FROM run_models WHERE trace_id = old.trace_id;
END;

CREATE INDEX runs_by_cost ON runs(cost_usd);

INSERT INTO run_models (trace_id, model)
  SELECT DISTINCT trace_id, coalesce(response_model, request_model) FROM spans
  WHERE step_kind IN ('llm', 'embedding') AND coalesce(response_model, request_model) IS NOT NULL
  UNION
  SELECT DISTINCT trace_id, request_model FROM spans
  WHERE step_kind IN ('llm', 'embedding') AND request_model IS NOT NULL;
`;
