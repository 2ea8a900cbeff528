import { describe, expect, it } from 'vitest';
import {
  buildSpanTreeRows,
  type SpanTreeRow,
  type TreeSpan,
} from '../../../../../renderer/src/run-view/span-tree-rows';

type NamedSpan = TreeSpan & { name: string };

/** A span from `start` to `end` ms after the run's start. */
function span(spanId: string, parentSpanId: string, start: number, end: number, name = spanId): NamedSpan {
  return { spanId, parentSpanId, startMs: start, endMs: end, name };
}

/** "id@depth" per row, for compact order/depth assertions. */
const shape = (rows: SpanTreeRow[]) => rows.map((r) => `${r.span.spanId}@${r.depth}`);

/** Every input span object appears exactly once in the output. */
function expectEachSpanOnce(spans: NamedSpan[], rows: SpanTreeRow[]) {
  expect(rows).toHaveLength(spans.length);
  expect(new Set(rows.map((r) => r.span)).size).toBe(spans.length);
  for (const s of spans) expect(rows.some((r) => r.span === s)).toBe(true);
}

describe('buildSpanTreeRows: structure', () => {
  it('returns no rows for no spans', () => {
    expect(buildSpanTreeRows([])).toEqual([]);
  });

  it('lists parents before children in pre-order, siblings by start time', () => {
    const spans = [
      span('c2', 'root', 50, 90),
      span('g1', 'c1', 15, 20),
      span('root', '', 0, 100),
      span('c1', 'root', 10, 40),
      span('g2', 'c1', 12, 14),
    ];
    const rows = buildSpanTreeRows(spans);
    expect(shape(rows)).toEqual(['root@0', 'c1@1', 'g2@2', 'g1@2', 'c2@1']);
    expect(rows.map((r) => r.hasChildren)).toEqual([true, true, false, false, false]);
  });

  it('does not mutate the input array', () => {
    const spans = [span('b', '', 5, 6), span('a', '', 0, 1)];
    const copy = [...spans];
    buildSpanTreeRows(spans);
    expect(spans).toEqual(copy);
    expect(spans[0]).toBe(copy[0]);
  });

  it('orders siblings with equal starts by end, then by span id', () => {
    const spans = [span('z', 'r', 10, 30), span('y', 'r', 10, 20), span('b', 'r', 10, 20), span('r', '', 0, 40)];
    expect(shape(buildSpanTreeRows(spans))).toEqual(['r@0', 'b@1', 'y@1', 'z@1']);
  });

  it('orders by start to the nanosecond (sub-millisecond offsets), whatever the input order and ids', () => {
    const earlier = span('later-id-a', 'r', 0.000001, 10);
    const later = span('earlier-id-b', 'r', 0.000002, 10);
    const root = span('r', '', 0, 10);
    expect(shape(buildSpanTreeRows([later, root, earlier]))).toEqual(['r@0', 'later-id-a@1', 'earlier-id-b@1']);
  });

  it('shows spans whose parent is missing as roots, ordered with the other roots', () => {
    const spans = [span('orphan', 'not-arrived', 5, 15), span('root', '', 0, 20), span('kid', 'orphan', 6, 7)];
    const rows = buildSpanTreeRows(spans);
    expect(shape(rows)).toEqual(['root@0', 'orphan@0', 'kid@1']);
    expect(rows.find((r) => r.span.spanId === 'orphan')!.hasChildren).toBe(true);
    expect(rows.find((r) => r.span.spanId === 'root')!.hasChildren).toBe(false);
  });

  it('treats a self-parented span as a root and does not loop', () => {
    const spans = [span('self', 'self', 0, 10), span('kid', 'self', 1, 2)];
    const rows = buildSpanTreeRows(spans);
    expect(shape(rows)).toEqual(['self@0', 'kid@1']);
    expectEachSpanOnce(spans, rows);
  });

  it('still lists every span of a parent cycle exactly once', () => {
    const spans = [span('a', 'b', 0, 10), span('b', 'a', 1, 9), span('c', 'b', 2, 3), span('real-root', '', 20, 30)];
    const rows = buildSpanTreeRows(spans);
    expectEachSpanOnce(spans, rows);
    // Roots come first; the unreachable cycle is then entered at its earliest span.
    expect(shape(rows)).toEqual(['real-root@0', 'a@0', 'b@1', 'c@2']);
  });

  it('handles a three-span cycle and a cycle hanging off nothing but itself', () => {
    const spans = [span('x', 'z', 3, 4), span('y', 'x', 4, 5), span('z', 'y', 5, 6)];
    const rows = buildSpanTreeRows(spans);
    expectEachSpanOnce(spans, rows);
    expect(shape(rows)).toEqual(['x@0', 'y@1', 'z@2']);
  });

  it('lists duplicated span ids once each, with their children under the first copy only', () => {
    const first = span('dup', '', 0, 10, 'first');
    const second = span('dup', '', 20, 30, 'second');
    const kid = span('kid', 'dup', 1, 2);
    const rows = buildSpanTreeRows([second, kid, first]);
    expectEachSpanOnce([first, second, kid], rows);
    expect(rows.map((r) => `${r.span.name}@${r.depth}`)).toEqual(['first@0', 'kid@1', 'second@0']);
    expect(rows.map((r) => r.hasChildren)).toEqual([true, false, false]);
  });

  it('survives a duplicate id that is its own ancestor', () => {
    const spans = [span('x', '', 0, 10, 'x1'), span('z', 'x', 1, 5), span('x', 'z', 2, 3, 'x2')];
    const rows = buildSpanTreeRows(spans);
    expectEachSpanOnce(spans, rows);
    expect(rows.map((r) => `${r.span.name}@${r.depth}`)).toEqual(['x1@0', 'z@1', 'x2@2']);
  });

  it('handles chains deeper than the call stack', () => {
    const depth = 20_000;
    const spans = Array.from({ length: depth }, (_, i) => span(`s${i}`, i === 0 ? '' : `s${i - 1}`, i, 2 * depth - i));
    const rows = buildSpanTreeRows(spans.slice().reverse());
    expect(rows).toHaveLength(depth);
    expect(rows[0]!.span.spanId).toBe('s0');
    expect(rows[depth - 1]!.depth).toBe(depth - 1);
    expect(rows.every((r, i) => r.depth === i)).toBe(true);
  });
});

describe('buildSpanTreeRows: timeline bars', () => {
  it('places bars as fractions of the whole run', () => {
    const rows = buildSpanTreeRows([span('root', '', 0, 100), span('a', 'root', 25, 75), span('b', 'root', 50, 150)]);
    const bar = (id: string) => {
      const r = rows.find((row) => row.span.spanId === id)!;
      return [r.offsetRatio, r.widthRatio];
    };
    // The run spans 0..150 ms: the latest end, not the root's end, closes the window.
    expect(bar('root')[0]).toBe(0);
    expect(bar('root')[1]).toBeCloseTo(100 / 150, 12);
    expect(bar('a')[0]).toBeCloseTo(25 / 150, 12);
    expect(bar('a')[1]).toBeCloseTo(50 / 150, 12);
    expect(bar('b')[0]).toBeCloseTo(50 / 150, 12);
    expect(bar('b')[1]).toBeCloseTo(100 / 150, 12);
  });

  it('keeps sub-millisecond precision', () => {
    const rows = buildSpanTreeRows([span('r', '', 0, 0.001), span('c', 'r', 0.00025, 0.00075)]);
    expect(rows[1]!.offsetRatio).toBeCloseTo(0.25, 12);
    expect(rows[1]!.widthRatio).toBeCloseTo(0.5, 12);
  });

  it('gives every bar the full width when the run has no duration', () => {
    const rows = buildSpanTreeRows([span('a', '', 5, 5), span('b', 'a', 5, 5)]);
    for (const r of rows) expect([r.offsetRatio, r.widthRatio]).toEqual([0, 1]);
  });

  it('clamps bars of malformed spans (end before start) into 0..1 and never past the end', () => {
    const rows = buildSpanTreeRows([span('r', '', 0, 100), span('backwards', 'r', 80, 40)]);
    const backwards = rows.find((r) => r.span.spanId === 'backwards')!;
    expect(backwards.offsetRatio).toBeCloseTo(0.8, 12);
    expect(backwards.widthRatio).toBe(0);
    for (const r of rows) {
      expect(r.offsetRatio).toBeGreaterThanOrEqual(0);
      expect(r.widthRatio).toBeGreaterThanOrEqual(0);
      expect(r.offsetRatio + r.widthRatio).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
