import { useEffect, useMemo, useState } from 'react';
import { useAppServices } from '../app/useAppServices';
import { matchingRowIndexes, normalizeRunQuery } from './run-search';
import type { StepRow } from './step-rows';

/** Typing pauses this long before the engine is asked (names match at once). */
const ENGINE_DEBOUNCE_MS = 200;
/** The engine indexes text in the background: ask again while it has not reached the whole run. */
const INDEX_LAG_RETRY_MS = 1500;

const NONE: ReadonlySet<string> = new Set();

export interface RunSearch {
  text: string;
  setText: (text: string) => void;
  /** Row indexes (into the full row list, ascending) of the matching steps. */
  matches: readonly number[];
  /** The engine's text matches for the current words are still on their way. */
  pending: boolean;
}

/**
 * Search within one run: step names, models and tools matched here as you type, and messages, tool
 * I/O and attributes matched by the engine's full-text index (`searchRun`), asked again while the
 * index lags and when the run grows.
 */
export function useRunSearch(traceId: string, rows: readonly StepRow[]): RunSearch {
  const { api } = useAppServices();
  const [text, setText] = useState('');
  const query = normalizeRunQuery(text);
  const [asked, setAsked] = useState<string | null>(null);
  const [found, setFound] = useState<{ query: string; spanIds: ReadonlySet<string> } | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setAsked(query);
    }, ENGINE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [query]);

  const rowCount = rows.length;
  useEffect(() => {
    if (asked === null) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      api.call('searchRun', { traceId, query: asked }).then(
        (result) => {
          if (cancelled) return;
          setFound({ query: asked, spanIds: new Set(result.spanIds) });
          if (!result.complete) retry = setTimeout(ask, INDEX_LAG_RETRY_MS);
        },
        () => {
          // Names still match here; the text search is retried with the next change.
          if (!cancelled) setFound({ query: asked, spanIds: NONE });
        },
      );
    };
    ask();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [api, traceId, asked, rowCount]);

  const textMatches = found !== null && found.query === query ? found.spanIds : NONE;
  const matches = useMemo(() => matchingRowIndexes(rows, query, textMatches), [rows, query, textMatches]);
  return { text, setText, matches, pending: query !== null && found?.query !== query };
}
