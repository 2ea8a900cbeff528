import type { StepKind } from '../../../shared/domain/step';
import type { StepRow } from './step-rows';

/**
 * The minimap: the whole (visible) step list squeezed into a strip, one thin bar per row at its
 * place on the run's timeline. Everything here is in CSS pixels of the strip.
 */

export interface MinimapBar {
  y: number;
  height: number;
  x: number;
  width: number;
  kind: StepKind;
  error: boolean;
}

/** Rows never get taller than this, so a short run does not turn into thick blocks. */
export const MAX_MINIMAP_ROW_PX = 4;
/** Short steps still show their kind's colour. */
export const MIN_MINIMAP_BAR_PX = 3;

/** How tall one row is in the strip. */
export function minimapRowHeight(rowCount: number, height: number): number {
  if (rowCount <= 0 || height <= 0) return 0;
  return Math.min(MAX_MINIMAP_ROW_PX, height / rowCount);
}

/**
 * One bar per row. When rows are thinner than a pixel, consecutive rows that fall on the same pixel
 * line are merged per kind (an error wins), so a 100,000-row run draws a few thousand rectangles.
 */
export function minimapBars(rows: readonly StepRow[], width: number, height: number): MinimapBar[] {
  const rowPx = minimapRowHeight(rows.length, height);
  if (rowPx === 0 || width <= 0) return [];
  const bars: MinimapBar[] = [];
  const lastOnLine = new Map<StepKind, MinimapBar>();
  let line = -1;
  rows.forEach((row, i) => {
    const y = i * rowPx;
    const w = Math.min(width, Math.max(MIN_MINIMAP_BAR_PX, row.widthRatio * width));
    const x = Math.min(row.offsetRatio * width, width - w);
    const kind = row.span.step.kind;
    const error = row.span.step.status === 'error';
    if (rowPx < 1) {
      const rowLine = Math.floor(y);
      if (rowLine !== line) {
        line = rowLine;
        lastOnLine.clear();
      }
      const same = lastOnLine.get(kind);
      if (same !== undefined) {
        const end = Math.max(same.x + same.width, x + w);
        same.x = Math.min(same.x, x);
        same.width = end - same.x;
        same.error ||= error;
        return;
      }
      const bar = { y: rowLine, height: 1, x, width: w, kind, error };
      lastOnLine.set(kind, bar);
      bars.push(bar);
      return;
    }
    bars.push({ y, height: Math.max(1, rowPx - (rowPx >= 3 ? 1 : 0)), x, width: w, kind, error });
  });
  return bars;
}

/** The band showing which rows the tree has on screen. At least a few pixels tall, so it can be grabbed. */
export function viewportBand(
  rowCount: number,
  firstRow: number,
  visibleRowCount: number,
  height: number,
): { y: number; height: number } {
  const rowPx = minimapRowHeight(rowCount, height);
  if (rowPx === 0) return { y: 0, height: 0 };
  const band = Math.max(6, Math.min(rowCount, visibleRowCount) * rowPx);
  const y = Math.min(Math.max(0, firstRow * rowPx), Math.max(0, rowCount * rowPx - band));
  return { y, height: band };
}

/** The tree's scroll offset that centres the rows under strip position `y` (a click or drag). */
export function scrollTopForMinimapY(
  y: number,
  rowCount: number,
  height: number,
  rowHeightPx: number,
  visibleRowCount: number,
): number {
  const rowPx = minimapRowHeight(rowCount, height);
  if (rowPx === 0) return 0;
  const row = y / rowPx - visibleRowCount / 2;
  const maxRow = Math.max(0, rowCount - visibleRowCount);
  return Math.round(Math.min(maxRow, Math.max(0, row)) * rowHeightPx);
}
