/**
 * Initial schema. Spans keep every OTLP field losslessly (JSON columns hold attributes in the
 * lossless AttrValue form of shared/domain/attributes.ts). Resources and scopes are stored once each
 * and referenced. Runs are maintained incrementally by the writer as spans arrive in any order.
 */
export const sql = `
CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  service_name TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL,
  dropped_attributes_count INTEGER NOT NULL DEFAULT 0,
  schema_url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE scopes (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  attributes TEXT NOT NULL,
  dropped_attributes_count INTEGER NOT NULL DEFAULT 0,
  schema_url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE spans (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT NOT NULL DEFAULT '',
  trace_state TEXT NOT NULL DEFAULT '',
  flags INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL,
  dropped_attributes_count INTEGER NOT NULL DEFAULT 0,
  events TEXT NOT NULL DEFAULT '[]',
  dropped_events_count INTEGER NOT NULL DEFAULT 0,
  links TEXT NOT NULL DEFAULT '[]',
  dropped_links_count INTEGER NOT NULL DEFAULT 0,
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  scope_id INTEGER NOT NULL REFERENCES scopes(id),
  received_at_ms INTEGER NOT NULL
);
-- A span re-sent by an SDK retry is stored once.
CREATE UNIQUE INDEX spans_by_trace ON spans(trace_id, span_id);

CREATE TABLE logs (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL DEFAULT '',
  span_id TEXT NOT NULL DEFAULT '',
  time_ns INTEGER NOT NULL,
  observed_time_ns INTEGER NOT NULL,
  severity_number INTEGER NOT NULL DEFAULT 0,
  severity_text TEXT NOT NULL DEFAULT '',
  event_name TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  attributes TEXT NOT NULL,
  dropped_attributes_count INTEGER NOT NULL DEFAULT 0,
  flags INTEGER NOT NULL DEFAULT 0,
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  scope_id INTEGER NOT NULL REFERENCES scopes(id),
  content_hash TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL
);
-- Joins log events to their span whichever arrives first; also dedupes retried log exports.
CREATE UNIQUE INDEX logs_by_span ON logs(trace_id, span_id, content_hash);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL UNIQUE,
  root_span_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  service TEXT NOT NULL DEFAULT '',
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  span_count INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  origin TEXT NOT NULL DEFAULT 'live',
  source TEXT,
  first_received_at_ms INTEGER NOT NULL,
  last_received_at_ms INTEGER NOT NULL
);
CREATE INDEX runs_by_start ON runs(start_ns);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;
