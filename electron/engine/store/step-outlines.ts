import type { CostSource, StepKind, StepOutline } from '../../../shared/domain/step';
import { stepTimings } from '../../../shared/domain/step-timing';

/**
 * The stored columns the timeline needs, in the order the outline query selects them. Times come
 * as nanoseconds since the run's start (`@runStartNs`), which plain numbers hold exactly.
 */
export const STEP_OUTLINE_COLUMNS = `span_id, parent_span_id, name, CAST(start_ns AS TEXT),
  start_ns - @runStartNs, end_ns - start_ns, status_code, status_message, step_kind, operation, provider,
  COALESCE(response_model, request_model), tool_name, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, cost_usd, cost_source`;

export type DbStepOutlineRow = [
  span_id: string,
  parent_span_id: string,
  name: string,
  start_ns: string,
  start_offset_ns: number,
  duration_ns: number,
  status_code: number,
  status_message: string,
  step_kind: string,
  operation: string | null,
  provider: string | null,
  model: string | null,
  tool_name: string | null,
  input_tokens: number | null,
  output_tokens: number | null,
  cache_read_tokens: number | null,
  cache_write_tokens: number | null,
  reasoning_tokens: number | null,
  cost_usd: number | null,
  cost_source: string | null,
];

const STATUS = ['unset', 'ok', 'error'] as const;

/**
 * A run's stored step rows as outlines, with self time and the critical path computed over the
 * whole run. Nothing here parses JSON: the step columns were filled at ingest.
 */
export function toStepOutlines(rows: readonly DbStepOutlineRow[]): StepOutline[] {
  const timings = stepTimings(
    rows.map((r) => ({ spanId: r[0], parentSpanId: r[1], startNs: r[4], endNs: r[4] + r[5] })),
  );
  return rows.map((r) => {
    const timing = timings.get(r[0]);
    const durationMs = r[5] / 1e6;
    return {
      spanId: r[0],
      parentSpanId: r[1],
      name: r[2],
      kind: r[8] as StepKind,
      startNs: r[3],
      startOffsetMs: r[4] / 1e6,
      durationMs,
      selfTimeMs: timing ? timing.selfTimeNs / 1e6 : durationMs,
      onCriticalPath: timing?.onCriticalPath ?? false,
      status: STATUS[r[6]] ?? 'unset',
      statusMessage: r[7],
      operation: r[9],
      provider: r[10],
      model: r[11],
      toolName: r[12],
      inputTokens: r[13],
      outputTokens: r[14],
      cacheReadTokens: r[15],
      cacheWriteTokens: r[16],
      reasoningTokens: r[17],
      costUsd: r[18],
      costSource: r[19] as CostSource | null,
    };
  });
}
