import type { RunOrigin, RunSummary } from '../../../shared/domain/run';
import type { DbRunRow } from './db-rows';

/** The runs columns every run listing selects, in the order toRunSummary reads them. */
export const RUN_COLUMNS = `id, trace_id, root_span_id, name, service, start_ns, end_ns, span_count, error_count,
  origin, source, first_received_at_ms, last_received_at_ms, llm_calls, tool_calls, input_tokens, output_tokens,
  cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_unknown, cost_usd, cost_unknown, session_id, user_id`;

export function toRunSummary(r: DbRunRow): RunSummary {
  const durationMs = Number(r.end_ns - r.start_ns) / 1e6;
  return {
    traceId: r.trace_id,
    name: r.name,
    service: r.service,
    startTime: new Date(Number(r.start_ns / 1_000_000n)).toISOString(),
    startNs: r.start_ns.toString(),
    endNs: r.end_ns.toString(),
    durationMs,
    status: r.error_count > 0n ? 'error' : 'ok',
    spanCount: Number(r.span_count),
    errorCount: Number(r.error_count),
    origin: r.origin as RunOrigin,
    hasRoot: r.root_span_id !== null,
    llmCalls: Number(r.llm_calls),
    toolCalls: Number(r.tool_calls),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    cacheReadTokens: Number(r.cache_read_tokens),
    cacheWriteTokens: Number(r.cache_write_tokens),
    reasoningTokens: Number(r.reasoning_tokens),
    usageUnknownCalls: Number(r.usage_unknown),
    costUsd: r.cost_unknown > 0n && r.cost_usd === 0 ? null : roundUsd(r.cost_usd),
    costComplete: r.cost_unknown === 0n,
    unpricedCalls: Number(r.cost_unknown),
    sessionId: r.session_id,
    userId: r.user_id,
    source: r.source,
  };
}

/** Sums of float prices drift (0.1 + 0.2); a millionth of a cent is below anything shown. */
export function roundUsd(v: number): number {
  return Math.round(v * 1e8) / 1e8;
}
