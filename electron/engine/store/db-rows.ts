/** Row types exactly as the schema stores them (read with safeIntegers: every INTEGER is a bigint). */

export interface DbRunRow {
  id: bigint;
  trace_id: string;
  root_span_id: string | null;
  name: string;
  service: string;
  start_ns: bigint;
  end_ns: bigint;
  span_count: bigint;
  error_count: bigint;
  origin: string;
  source: string | null;
  first_received_at_ms: bigint;
  last_received_at_ms: bigint;
  llm_calls: bigint;
  tool_calls: bigint;
  input_tokens: bigint;
  output_tokens: bigint;
  cache_read_tokens: bigint;
  cache_write_tokens: bigint;
  reasoning_tokens: bigint;
  usage_unknown: bigint;
  cost_usd: number;
  cost_unknown: bigint;
  session_id: string | null;
  user_id: string | null;
}

export interface DbSpanRow {
  id: bigint;
  trace_id: string;
  span_id: string;
  parent_span_id: string;
  trace_state: string;
  flags: bigint;
  name: string;
  kind: bigint;
  start_ns: bigint;
  end_ns: bigint;
  status_code: bigint;
  status_message: string;
  attributes: string;
  dropped_attributes_count: bigint;
  events: string;
  dropped_events_count: bigint;
  links: string;
  dropped_links_count: bigint;
  resource_id: bigint;
  scope_id: bigint;
  received_at_ms: bigint;
  step_kind: string;
  operation: string | null;
  provider: string | null;
  request_model: string | null;
  response_model: string | null;
  input_tokens: bigint | null;
  output_tokens: bigint | null;
  cache_read_tokens: bigint | null;
  cache_write_tokens: bigint | null;
  reasoning_tokens: bigint | null;
  cost_usd: number | null;
  cost_source: string | null;
  finish_reason: string | null;
  tool_name: string | null;
  tool_call_id: string | null;
  session_id: string | null;
  user_id: string | null;
  agent_name: string | null;
  ttft_ms: number | null;
}

export interface DbResourceRow {
  id: bigint;
  hash: string;
  service_name: string;
  attributes: string;
  dropped_attributes_count: bigint;
  schema_url: string;
}

export interface DbScopeRow {
  id: bigint;
  hash: string;
  name: string;
  version: string;
  attributes: string;
  dropped_attributes_count: bigint;
  schema_url: string;
}

export interface DbLogRow {
  id: bigint;
  trace_id: string;
  span_id: string;
  time_ns: bigint;
  observed_time_ns: bigint;
  severity_number: bigint;
  severity_text: string;
  event_name: string;
  body: string;
  attributes: string;
  dropped_attributes_count: bigint;
  flags: bigint;
  resource_id: bigint;
  scope_id: bigint;
  content_hash: string;
  received_at_ms: bigint;
}

/**
 * A span as the run view reads it (not a table row), in raw mode (an array: building objects with
 * 20 keys per row took half the time of opening a 10,000-span run). Exact ns times come as decimal
 * text straight from SQLite and the duration in ns, so the other integers can be plain numbers.
 */
export type DbSpanView = [
  span_id: string,
  parent_span_id: string,
  trace_state: string,
  flags: number,
  name: string,
  kind: number,
  start_ns: string,
  end_ns: string,
  duration_ns: number,
  status_code: number,
  status_message: string,
  attributes: string,
  dropped_attributes_count: number,
  events: string,
  dropped_events_count: number,
  links: string,
  dropped_links_count: number,
  resource_id: number,
  scope_id: number,
];
