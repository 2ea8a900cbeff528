import type { StepRow } from './step-rows';

/**
 * Collapsing the step tree. Rows are the run's pre-order list (see buildSpanTreeRows): a row's
 * descendants are the rows right after it that are deeper, so hiding them is one linear pass.
 */

/** The rows to show: every row except the descendants of a collapsed one. */
export function visibleRows(rows: readonly StepRow[], collapsed: ReadonlySet<string>): readonly StepRow[] {
  if (collapsed.size === 0) return rows;
  const out: StepRow[] = [];
  let hideDeeperThan = Infinity;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Infinity;
    out.push(row);
    if (row.hasChildren && collapsed.has(row.span.spanId)) hideDeeperThan = row.depth;
  }
  return out;
}

/** Each row's parent row index (-1 for roots), from depths: one pass with a stack. */
export function parentIndexes(rows: readonly StepRow[]): Int32Array {
  const parents = new Int32Array(rows.length);
  const stack: number[] = [];
  rows.forEach((row, i) => {
    while (stack.length > row.depth) stack.pop();
    parents[i] = stack.length > 0 ? (stack[stack.length - 1] ?? -1) : -1;
    stack.push(i);
  });
  return parents;
}

/**
 * The collapsed set with every ancestor of the given rows expanded, so they can be seen. The same
 * set when nothing hid them (callers can skip a re-render).
 */
export function revealRows(
  rows: readonly StepRow[],
  parents: Int32Array,
  collapsed: ReadonlySet<string>,
  rowIndexes: Iterable<number>,
): ReadonlySet<string> {
  if (collapsed.size === 0) return collapsed;
  let next: Set<string> | null = null;
  const visited = new Set<number>();
  for (const start of rowIndexes) {
    for (let i = parents[start] ?? -1; i !== -1 && !visited.has(i); i = parents[i] ?? -1) {
      visited.add(i);
      const id = rows[i]?.span.spanId;
      if (id !== undefined && collapsed.has(id)) (next ??= new Set(collapsed)).delete(id);
    }
  }
  return next ?? collapsed;
}
