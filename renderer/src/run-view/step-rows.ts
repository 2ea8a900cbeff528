import type { StepOutline } from '../../../shared/domain/step';
import { buildSpanTreeRows, type SpanTreeRow } from './span-tree-rows';

/** A step placed in the tree. */
export interface StepNode {
  spanId: string;
  parentSpanId: string;
  startMs: number;
  endMs: number;
  step: StepOutline;
}

export type StepRow = SpanTreeRow<StepNode>;

/** The run's steps as tree rows: pre-order, with depth and timeline bars (see buildSpanTreeRows). */
export function buildStepRows(steps: readonly StepOutline[]): StepRow[] {
  return buildSpanTreeRows(
    steps.map((step) => ({
      spanId: step.spanId,
      parentSpanId: step.parentSpanId,
      startMs: step.startOffsetMs,
      endMs: step.startOffsetMs + step.durationMs,
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
