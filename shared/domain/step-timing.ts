/**
 * Per-step timing over a run's span tree: self time (the part of a step not covered by its
 * children) and the critical path (the chain of steps that determined when the run finished, as
 * Jaeger computes it). Pure. Times are nanoseconds since the run's start as plain numbers: exact up
 * to 2^53 ns (104 days), and much cheaper than bigint on 100,000-span runs.
 */

export interface TimedSpan {
  spanId: string;
  parentSpanId: string;
  startNs: number;
  endNs: number;
}

export interface StepTiming {
  selfTimeNs: number;
  onCriticalPath: boolean;
}

export function stepTimings(spans: readonly TimedSpan[]): Map<string, StepTiming> {
  const byId = new Map<string, TimedSpan>();
  for (const s of spans) byId.set(s.spanId, s);
  const children = new Map<string, TimedSpan[]>();
  const roots: TimedSpan[] = [];
  for (const s of spans) {
    if (s.parentSpanId !== '' && byId.has(s.parentSpanId)) {
      let list = children.get(s.parentSpanId);
      if (!list) children.set(s.parentSpanId, (list = []));
      list.push(s);
    } else roots.push(s);
  }
  const out = new Map<string, StepTiming>();
  for (const s of spans)
    out.set(s.spanId, { selfTimeNs: selfTime(s, children.get(s.spanId) ?? []), onCriticalPath: false });
  // The critical path starts at the root (or orphan) that ended last.
  let last: TimedSpan | undefined;
  for (const r of roots) if (!last || r.endNs > last.endNs) last = r;
  if (last) markCriticalPath(last, last.endNs, children, out);
  return out;
}

/** The span's duration minus the union of its children's intervals (clipped to the span). */
function selfTime(s: TimedSpan, kids: readonly TimedSpan[]): number {
  const total = s.endNs - s.startNs;
  if (kids.length === 0) return total > 0 ? total : 0;
  const intervals = kids
    .map((k) => [k.startNs < s.startNs ? s.startNs : k.startNs, k.endNs > s.endNs ? s.endNs : k.endNs] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const [a, b] of intervals) {
    if (a > curEnd) {
      if (curEnd > curStart) covered += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) curEnd = b;
  }
  if (curEnd > curStart) covered += curEnd - curStart;
  const self = total - covered;
  return self > 0 ? self : 0;
}

/**
 * Walks back from the span's end: the child that finished last before the cursor is on the path;
 * the cursor then moves to that child's start, and so on (iterative, so deep trees cannot overflow).
 */
function markCriticalPath(
  root: TimedSpan,
  rootEnd: number,
  children: Map<string, TimedSpan[]>,
  out: Map<string, StepTiming>,
): void {
  const stack: Array<[TimedSpan, number]> = [[root, rootEnd]];
  while (stack.length > 0) {
    const [span, end] = stack.pop()!;
    out.get(span.spanId)!.onCriticalPath = true;
    const kids = [...(children.get(span.spanId) ?? [])].sort((x, y) => y.endNs - x.endNs);
    let cursor = end < span.endNs ? end : span.endNs;
    for (const k of kids) {
      if (k.startNs >= cursor) continue;
      stack.push([k, cursor]);
      cursor = k.startNs;
      if (cursor <= span.startNs) break;
    }
  }
}
