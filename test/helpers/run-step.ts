import type { RunStep } from '../../shared/domain/step';

const BASE_NS = 1_795_438_987_698_000_000n;

/** A step as the run page's tree reads it (outline fields only), starting `startMs` into the run. */
export function runStep(
  spanId: string,
  parentSpanId: string,
  startMs: number,
  durationMs: number,
  fields: Partial<RunStep> = {},
): RunStep {
  return {
    spanId,
    parentSpanId,
    name: spanId,
    startNs: (BASE_NS + BigInt(startMs) * 1_000_000n).toString(),
    startOffsetMs: startMs,
    durationMs,
    selfTimeMs: durationMs,
    onCriticalPath: false,
    status: 'ok',
    model: null,
    toolName: null,
    costUsd: null,
    costSource: null,
    kind: 'other',
    ...fields,
  } as RunStep;
}
