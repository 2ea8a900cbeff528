/**
 * Normalized GenAI step fields on every span (filled at ingest by engine/genai), run totals kept
 * incrementally by the writer, and user prices. Unknown stays NULL, never 0: a model call without
 * usage or price is counted in runs.usage_unknown / runs.cost_unknown instead.
 */
export const sql = `
ALTER TABLE spans ADD COLUMN step_kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE spans ADD COLUMN operation TEXT;
ALTER TABLE spans ADD COLUMN provider TEXT;
ALTER TABLE spans ADD COLUMN request_model TEXT;
ALTER TABLE spans ADD COLUMN response_model TEXT;
ALTER TABLE spans ADD COLUMN input_tokens INTEGER;
ALTER TABLE spans ADD COLUMN output_tokens INTEGER;
ALTER TABLE spans ADD COLUMN cache_read_tokens INTEGER;
ALTER TABLE spans ADD COLUMN cache_write_tokens INTEGER;
ALTER TABLE spans ADD COLUMN reasoning_tokens INTEGER;
ALTER TABLE spans ADD COLUMN cost_usd REAL;
-- 'reported' | 'computed' | 'unknown'; NULL on steps that are not model calls and report no cost.
ALTER TABLE spans ADD COLUMN cost_source TEXT;
ALTER TABLE spans ADD COLUMN finish_reason TEXT;
ALTER TABLE spans ADD COLUMN tool_name TEXT;
ALTER TABLE spans ADD COLUMN tool_call_id TEXT;
ALTER TABLE spans ADD COLUMN session_id TEXT;
ALTER TABLE spans ADD COLUMN user_id TEXT;
ALTER TABLE spans ADD COLUMN agent_name TEXT;
ALTER TABLE spans ADD COLUMN ttft_ms REAL;

ALTER TABLE runs ADD COLUMN llm_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN tool_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
-- Model calls (llm and embedding steps) that reported no usage / could not be priced.
ALTER TABLE runs ADD COLUMN usage_unknown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN cost_unknown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN session_id TEXT;
ALTER TABLE runs ADD COLUMN user_id TEXT;
CREATE INDEX runs_by_session ON runs(session_id) WHERE session_id IS NOT NULL;

CREATE TABLE user_prices (
  id TEXT PRIMARY KEY,
  price TEXT NOT NULL
) WITHOUT ROWID;
`;
