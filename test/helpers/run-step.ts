import type { StepOutline } from '../../shared/domain/step';

const BASE_NS = 1_795_438_987_698_000_000n;

/** A step as the run page's tree reads it (its outline), starting `startMs` into the run. */
export function runStep(
  spanId: string,
  parentSpanId: string,
  startMs: number,
  durationMs: number,
  fields: Partial<StepOutline> = {},
): StepOutline {
  return {
    spanId,
    parentSpanId,
    name: spanId,
    kind: 'other',
    startNs: (BASE_NS + BigInt(startMs) * 1_000_000n).toString(),
    startOffsetMs: startMs,
    durationMs,
    selfTimeMs: durationMs,
    onCriticalPath: false,
    status: 'ok',
    statusMessage: '',
    operation: null,
    provider: null,
    model: null,
    toolName: null,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    costUsd: null,
    costSource: null,
    ...fields,
  };
}
