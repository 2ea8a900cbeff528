import { describe, expect, it } from 'vitest';
import {
  MAX_MINIMAP_ROW_PX,
  MIN_MINIMAP_BAR_PX,
  minimapBars,
  minimapRowHeight,
  scrollTopForMinimapY,
  viewportBand,
} from '../../../../../renderer/src/run-view/minimap-geometry';
import type { StepRow } from '../../../../../renderer/src/run-view/step-rows';
import type { StepOutline } from '../../../../../shared/domain/step';
import { runStep } from '../../../../helpers/run-step';

function row(i: number, fields: Partial<StepOutline> = {}, offsetRatio = 0, widthRatio = 0.5): StepRow {
  const step = runStep(`s${i}`, '', 0, 0, { kind: 'llm', ...fields });
  return {
    span: { spanId: step.spanId, parentSpanId: '', startMs: 0, endMs: 0, step },
    depth: 0,
    hasChildren: false,
    offsetRatio,
    widthRatio,
  };
}

describe('minimap geometry', () => {
  it('gives short runs rows of at most a few pixels, long runs a fraction of one', () => {
    expect(minimapRowHeight(10, 400)).toBe(MAX_MINIMAP_ROW_PX);
    expect(minimapRowHeight(100_000, 500)).toBe(0.005);
    expect(minimapRowHeight(0, 400)).toBe(0);
  });

  it('draws one bar per row at its place on the timeline, coloured by kind, errors marked', () => {
    const bars = minimapBars(
      [row(0, { kind: 'agent' }, 0, 1), row(1, { status: 'error' }, 0.25, 0.5), row(2, { kind: 'tool' }, 1, 0)],
      80,
      400,
    );
    expect(bars).toEqual([
      { y: 0, height: 3, x: 0, width: 80, kind: 'agent', error: false },
      { y: 4, height: 3, x: 20, width: 40, kind: 'llm', error: true },
      // An instant step at the very end: still visible, inside the strip.
      { y: 8, height: 3, x: 77, width: MIN_MINIMAP_BAR_PX, kind: 'tool', error: false },
    ]);
  });

  it('merges rows sharing a pixel line per kind, so 100,000 rows stay a few thousand rectangles', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      row(i, { kind: i % 2 === 0 ? 'llm' : 'tool', status: i === 50_001 ? 'error' : 'ok' }, (i % 100) / 200, 0.01),
    );
    const bars = minimapBars(rows, 100, 500);
    expect(bars).toHaveLength(1000);
    expect(bars[0]).toMatchObject({ y: 0, height: 1, kind: 'llm', x: 0 });
    // Line 0 holds rows 0–199: llm bars start at offsets 0…0.49 of the width and are merged into one span
    // (each at least MIN_MINIMAP_BAR_PX wide).
    expect(bars[0]!.x + bars[0]!.width).toBeCloseTo(49 + MIN_MINIMAP_BAR_PX);
    expect(bars.filter((b) => b.error)).toEqual([expect.objectContaining({ y: 250, kind: 'tool' })]);
  });

  it('places the viewport band over the rows on screen, at least 6 px and inside the strip', () => {
    expect(viewportBand(100, 10, 20, 400)).toEqual({ y: 40, height: 80 });
    expect(viewportBand(100_000, 50_000, 20, 500)).toEqual({ y: 250, height: 6 });
    expect(viewportBand(100, 95, 20, 400)).toEqual({ y: 320, height: 80 });
  });

  it('turns a click into the scroll offset that centres the rows under it, clamped', () => {
    // 1,000 rows in 500 px: y 250 is row 500; 20 rows on screen → first row 490, 26 px each.
    expect(scrollTopForMinimapY(250, 1000, 500, 26, 20)).toBe(490 * 26);
    expect(scrollTopForMinimapY(0, 1000, 500, 26, 20)).toBe(0);
    expect(scrollTopForMinimapY(500, 1000, 500, 26, 20)).toBe(980 * 26);
  });
});
