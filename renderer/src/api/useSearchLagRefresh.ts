import { useCallback, useEffect, useRef } from 'react';

/** The engine fills its full-text index in the background, about a second behind ingest. */
const FOLLOW_UPS_MS = [1200, 3000] as const;

/**
 * Wraps `refresh` for lists narrowed by a full-text search: the engine reports new runs before it
 * has indexed their text, so a search refreshed at once can miss them. While `searchText` is set,
 * each refresh (and each new search) is followed by a couple more once the index has caught up.
 */
export function useSearchLagRefresh(refresh: () => void, searchText: string | null): () => void {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });

  const clear = useCallback(() => {
    for (const timer of timers.current) clearTimeout(timer);
    timers.current = [];
  }, []);

  const followUp = useCallback(() => {
    clear();
    timers.current = FOLLOW_UPS_MS.map((ms) =>
      setTimeout(() => {
        latest.current();
      }, ms),
    );
  }, [clear]);

  const searching = searchText !== null;
  useEffect(() => {
    if (searching) followUp();
    return clear;
  }, [searching, searchText, followUp, clear]);

  return useCallback(() => {
    latest.current();
    if (searching) followUp();
  }, [searching, followUp]);
}
