import { useCallback, useMemo, useState } from 'react';
import { parentIndexes, revealRows, visibleRows } from './collapsed-rows';
import type { StepRow } from './step-rows';

const NONE: ReadonlySet<string> = new Set();

export interface CollapsedSteps {
  /** The rows on show (descendants of collapsed rows left out). */
  visible: readonly StepRow[];
  collapsed: ReadonlySet<string>;
  toggle: (spanId: string) => void;
  /** Expands whatever hides these rows (indexes into the full row list). */
  reveal: (rowIndexes: Iterable<number>) => void;
}

/** Which steps of the tree are collapsed (by span id, so it survives rows arriving live). */
export function useCollapsedSteps(rows: readonly StepRow[]): CollapsedSteps {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(NONE);
  const parents = useMemo(() => parentIndexes(rows), [rows]);
  const visible = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const toggle = useCallback((spanId: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  }, []);
  const reveal = useCallback(
    (rowIndexes: Iterable<number>) => {
      setCollapsed((current) => revealRows(rows, parents, current, rowIndexes));
    },
    [rows, parents],
  );
  return { visible, collapsed, toggle, reveal };
}
