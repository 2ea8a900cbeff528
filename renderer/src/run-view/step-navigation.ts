import type { StepRow } from './step-rows';

/**
 * Moving between marked steps (search matches, errors): `marked` are row indexes in ascending
 * order; the next one after `from` (or before it, going back), wrapping around the run's ends.
 * From nowhere (`null`), forward starts at the first and back at the last.
 */
export function nextMarkedIndex(marked: readonly number[], from: number | null, direction: 1 | -1): number | null {
  if (marked.length === 0) return null;
  if (from === null) return (direction === 1 ? marked[0] : marked[marked.length - 1]) ?? null;
  const at = firstAtOrAfter(marked, direction === 1 ? from + 1 : from);
  if (direction === 1) return marked[at] ?? marked[0] ?? null;
  return marked[at - 1] ?? marked[marked.length - 1] ?? null;
}

/** "3 of 17": the position (1-based) of `index` among the marked rows, or null when it is not one. */
export function markedPosition(marked: readonly number[], index: number | null): number | null {
  if (index === null) return null;
  const at = firstAtOrAfter(marked, index);
  return marked[at] === index ? at + 1 : null;
}

/** Row indexes of the failed steps. */
export function errorRowIndexes(rows: readonly StepRow[]): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (row.span.step.status === 'error') out.push(i);
  });
  return out;
}

/** Binary search: the first position in the ascending list whose value is ≥ `value`. */
function firstAtOrAfter(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
