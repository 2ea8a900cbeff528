import type { RunStep } from '../../../shared/domain/step';
import { buildSpanTreeRows, type SpanTreeRow } from './span-tree-rows';

/** A step placed in the tree (the step's end time, which the API leaves out, derived from its duration). */
export interface StepNode {
  spanId: string;
  parentSpanId: string;
  startNs: string;
  endNs: string;
  step: RunStep;
}

export type StepRow = SpanTreeRow<StepNode>;

/** End of a step in exact nanoseconds (decimal text): start plus the duration, rounded to the nanosecond. */
export function stepEndNs(step: Pick<RunStep, 'startNs' | 'durationMs'>): string {
  const durationNs = Number.isFinite(step.durationMs) && step.durationMs > 0 ? Math.round(step.durationMs * 1e6) : 0;
  return (BigInt(step.startNs) + BigInt(durationNs)).toString();
}

/** The run's steps as tree rows: pre-order, with depth and timeline bars (see buildSpanTreeRows). */
export function buildStepRows(steps: readonly RunStep[]): StepRow[] {
  return buildSpanTreeRows(
    steps.map((step) => ({
      spanId: step.spanId,
      parentSpanId: step.parentSpanId,
      startNs: step.startNs,
      endNs: stepEndNs(step),
      step,
    })),
  );
}

/** The index of the row `delta` rows away from the selected one (the first row when nothing is selected). */
export function stepIndexAfter(rows: readonly StepRow[], selectedSpanId: string | null, delta: number): number | null {
  if (rows.length === 0) return null;
  const current = selectedSpanId === null ? -1 : rows.findIndex((row) => row.span.spanId === selectedSpanId);
  if (current === -1) return 0;
  return Math.min(rows.length - 1, Math.max(0, current + delta));
}
