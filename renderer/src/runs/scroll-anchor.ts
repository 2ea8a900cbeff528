/**
 * Where to scroll after a list of fixed-height rows was replaced, so the row at the top of the
 * viewport stays put even when newer rows were inserted above it. At the very top the list stays at
 * the top (new rows come into view). Returns null when nothing needs to move.
 */
export function anchoredScrollTop<T>(
  previous: readonly T[],
  next: readonly T[],
  scrollTop: number,
  rowHeight: number,
  keyOf: (item: T) => string,
): number | null {
  if (scrollTop <= 0 || rowHeight <= 0) return null;
  const anchorIndex = Math.floor(scrollTop / rowHeight);
  const anchor = previous[anchorIndex];
  if (anchor === undefined) return null;
  const anchorKey = keyOf(anchor);
  const nextIndex = next.findIndex((item) => keyOf(item) === anchorKey);
  if (nextIndex === -1 || nextIndex === anchorIndex) return null;
  return nextIndex * rowHeight + (scrollTop - anchorIndex * rowHeight);
}
