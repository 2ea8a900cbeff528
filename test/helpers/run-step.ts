import type { StepOutline } from '../../shared/domain/step';

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
