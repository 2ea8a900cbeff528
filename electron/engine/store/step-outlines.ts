import type { CostSource, StepKind, StepOutline } from '../../../shared/domain/step';
import { stepTimings } from '../../../shared/domain/step-timing';

/**
 * The stored columns the timeline needs, in the order the outline query selects them. Times come
 * as nanoseconds since the run's start (`@runStartNs`), which plain numbers hold exactly.
 */
export const STEP_OUTLINE_COLUMNS = `span_id, parent_span_id, name, start_ns - @runStartNs, end_ns - start_ns, status_code, status_message, step_kind, operation, provider,
  COALESCE(response_model, request_model), tool_name, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, cost_usd, cost_source`;

export type DbStepOutlineRow = [
  span_id: string,
  parent_span_id: string,
  name: string,
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
    rows.map((r) => ({ spanId: r[0], parentSpanId: r[1], startNs: r[3], endNs: r[3] + r[4] })),
  );
  return rows.map((r) => {
    const timing = timings.get(r[0]);
    const durationMs = r[4] / 1e6;
    return {
      spanId: r[0],
      parentSpanId: r[1],
      name: r[2],
      kind: r[7] as StepKind,
      startOffsetMs: r[3] / 1e6,
      durationMs,
      selfTimeMs: timing ? timing.selfTimeNs / 1e6 : durationMs,
      onCriticalPath: timing?.onCriticalPath ?? false,
      status: STATUS[r[5]] ?? 'unset',
      statusMessage: r[6],
      operation: r[8],
      provider: r[9],
      model: r[10],
      toolName: r[11],
      inputTokens: r[12],
      outputTokens: r[13],
      cacheReadTokens: r[14],
      cacheWriteTokens: r[15],
      reasoningTokens: r[16],
      costUsd: r[17],
      costSource: r[18] as CostSource | null,
    };
  });
}
