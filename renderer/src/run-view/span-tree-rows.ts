/**
 * What the tree needs of a span: ids, and start and end in ms since the run's start (the engine
 * computes them from exact nanoseconds; plain numbers keep 100,000-span runs fast).
 */
export interface TreeSpan {
  spanId: string;
  parentSpanId: string;
  startMs: number;
  endMs: number;
}

/** One line of the span tree: a span, its depth, and where its bar sits on the run's timeline. */
export interface SpanTreeRow<S extends TreeSpan = TreeSpan> {
  span: S;
  depth: number;
  hasChildren: boolean;
  /** Start of the bar, as a fraction (0–1) of the whole run's time span. */
  offsetRatio: number;
  /** Length of the bar, as a fraction (0–1) of the whole run's time span. */
  widthRatio: number;
}

const byStart = (a: TreeSpan, b: TreeSpan) =>
  a.startMs - b.startMs || a.endMs - b.endMs || (a.spanId < b.spanId ? -1 : 1);

/**
 * Flattens spans into a pre-order list (parents before children, siblings by start time). Spans
 * whose parent is missing (not arrived yet, or outside the trace) are shown as roots. Malformed
 * data (cycles, duplicate ids) still yields every span exactly once.
 */
export function buildSpanTreeRows<S extends TreeSpan>(spans: readonly S[]): SpanTreeRow<S>[] {
  if (spans.length === 0) return [];
  const sorted = [...spans].sort(byStart);
  const knownIds = new Set(sorted.map((span) => span.spanId));
  const childrenOf = new Map<string, S[]>();
  const roots: S[] = [];
  for (const span of sorted) {
    const parent = span.parentSpanId;
    if (parent === '' || parent === span.spanId || !knownIds.has(parent)) {
      roots.push(span);
    } else {
      const siblings = childrenOf.get(parent);
      if (siblings) siblings.push(span);
      else childrenOf.set(parent, [span]);
    }
  }

  const timeline = timeWindow(sorted);
  const rows: SpanTreeRow<S>[] = [];
  const placed = new Set<S>();
  const expandedIds = new Set<string>();
  const visit = (root: S) => {
    // Iterative depth-first walk: traces can be deeper than the call stack allows.
    const stack: { span: S; depth: number }[] = [{ span: root, depth: 0 }];
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      const { span, depth } = entry;
      if (placed.has(span)) continue;
      placed.add(span);
      // Children of a duplicated span id are listed once, under its first copy.
      const children = expandedIds.has(span.spanId) ? [] : (childrenOf.get(span.spanId) ?? []);
      expandedIds.add(span.spanId);
      rows.push({ span, depth, hasChildren: children.length > 0, ...barOf(span, timeline) });
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== undefined) stack.push({ span: child, depth: depth + 1 });
      }
    }
  };
  for (const root of roots) visit(root);
  // Whatever a parent cycle kept unreachable.
  for (const span of sorted) if (!placed.has(span)) visit(span);
  return rows;
}

interface TimeWindow {
  startMs: number;
  totalMs: number;
}

function timeWindow(sorted: readonly TreeSpan[]): TimeWindow {
  const first = sorted[0];
  if (first === undefined) return { startMs: 0, totalMs: 0 };
  let endMs = first.endMs;
  for (const span of sorted) if (span.endMs > endMs) endMs = span.endMs;
  return { startMs: first.startMs, totalMs: endMs - first.startMs };
}

function barOf(span: TreeSpan, timeline: TimeWindow): { offsetRatio: number; widthRatio: number } {
  if (timeline.totalMs <= 0) return { offsetRatio: 0, widthRatio: 1 };
  const offsetRatio = clamp01((span.startMs - timeline.startMs) / timeline.totalMs);
  const widthRatio = clamp01((span.endMs - span.startMs) / timeline.totalMs);
  return { offsetRatio, widthRatio: Math.min(widthRatio, 1 - offsetRatio) };
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
