import { useEffect, useState } from 'react';
import type { TimeRange } from '../routing/view-query';

/** How often a relative range ("last 15 minutes") slides forward. */
const TICK_MS = 15_000;

function tick(): number {
  return Math.floor(Date.now() / TICK_MS) * TICK_MS;
}

/**
 * "Now" for resolving a relative time range, in steps of 15 s: queries built from it stay equal
 * between steps (no refetch on every render) and the window still slides while the page is open.
 * Fixed ranges never need the clock; they get a constant.
 */
export function useRangeNow(range: TimeRange): number {
  const relative = range.kind === 'last';
  const [now, setNow] = useState(tick);
  useEffect(() => {
    if (!relative) return;
    setNow(tick());
    const timer = setInterval(() => {
      setNow(tick());
    }, TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, [relative]);
  return relative ? now : 0;
}
