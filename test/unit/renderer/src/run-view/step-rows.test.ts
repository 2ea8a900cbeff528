import { describe, expect, it } from 'vitest';
import { buildStepRows, stepIndexAfter } from '../../../../../renderer/src/run-view/step-rows';
import { runStep } from '../../../../helpers/run-step';

const step = (spanId: string, parentSpanId: string, startMs: number, durationMs: number) =>
  runStep(spanId, parentSpanId, startMs, durationMs);

describe('buildStepRows', () => {
  it('nests steps under their parents in start order, with timeline bars', () => {
    const rows = buildStepRows([
      step('tool', 'root', 1200, 400),
      step('root', '', 0, 4000),
      step('llm1', 'root', 0, 1000),
      step('inner', 'llm1', 100, 500),
    ]);
    expect(rows.map((r) => [r.span.spanId, r.depth, r.hasChildren])).toEqual([
      ['root', 0, true],
      ['llm1', 1, true],
      ['inner', 2, false],
      ['tool', 1, false],
    ]);
    const tool = rows[3]!;
    expect(tool.offsetRatio).toBeCloseTo(0.3);
    expect(tool.widthRatio).toBeCloseTo(0.1);
    expect(tool.span.step.name).toBe('tool');
  });
});

describe('stepIndexAfter', () => {
  const rows = buildStepRows([step('a', '', 0, 10), step('b', 'a', 1, 2), step('c', 'a', 3, 2)]);

  it('starts at the first row, then moves and stops at the ends', () => {
    expect(stepIndexAfter(rows, null, 1)).toBe(0);
    expect(stepIndexAfter(rows, 'unknown', -1)).toBe(0);
    expect(stepIndexAfter(rows, 'a', 1)).toBe(1);
    expect(stepIndexAfter(rows, 'c', 1)).toBe(2);
    expect(stepIndexAfter(rows, 'a', -1)).toBe(0);
    expect(stepIndexAfter([], null, 1)).toBeNull();
  });
});
