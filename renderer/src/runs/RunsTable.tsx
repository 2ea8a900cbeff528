import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { RUN_SORT_KEYS, type RunSortKey } from '../../../shared/domain/run-filter';
import { ColumnHeaders } from '../common/ColumnHeaders';
import type { RunSort } from '../routing/view-query';
import { NoMatch } from '../common/NoMatch';
import { EmptyState } from './EmptyState';
import { RunRow } from './RunRow';
import { runRowId } from './run-row-id';
import { anchoredScrollTop } from './scroll-anchor';
import type { RunsList } from './useRuns';
import { useListKeyboard } from '../common/useListKeyboard';

/** Must match `--row-height` and `--table-header-height` in styles.css. */
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 28;
/** Ask for older runs when the viewport gets this close to the last loaded one. */
const LOAD_MORE_THRESHOLD = 30;

interface RunsTableProps {
  list: RunsList;
  /** False while a run is open on top of the list: keys then belong to the run view. */
  active: boolean;
  selectedTraceId: string | null;
  onSelect: (traceId: string) => void;
  onOpen: (traceId: string) => void;
  otlpHttpUrl: string | null;
  sort: RunSort;
  onSort: (by: RunSortKey) => void;
  /** Filters narrow the list: an empty answer then means "nothing matches", not "no runs yet". */
  filtered: boolean;
  onClearFilters: () => void;
  /** Changes with the filters and sort: the list then starts again from the top. */
  resetKey: string;
}

const traceIdOf = (run: RunSummary) => run.traceId;

const RUN_COLUMNS = [
  { label: 'Time', sortKey: 'start', title: 'When the run started' },
  { label: 'Name' },
  { label: 'Service' },
  { label: 'Status' },
  { label: 'Duration', numeric: true, sortKey: 'duration' },
  { label: 'Spans', numeric: true },
  { label: 'LLM calls', numeric: true, title: 'Model calls in the run', sortKey: 'llmCalls' },
  { label: 'Tokens', numeric: true, title: 'Input + output tokens over the run’s model calls', sortKey: 'tokens' },
  {
    label: 'Cost',
    numeric: true,
    title: 'USD over the run’s model calls; “≥” when some could not be priced',
    sortKey: 'cost',
  },
] as const;

export function RunsTable(props: RunsTableProps) {
  const { list, active, selectedTraceId, onSelect, onOpen, sort, onSort, resetKey } = props;
  const { runs, state } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => runs[index]?.traceId ?? index,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();

  useListKeyboard({
    enabled: active,
    keys: runs.map((run) => run.traceId),
    selected: selectedTraceId,
    onSelect: (traceId, index) => {
      onSelect(traceId);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    onOpen,
  });

  // Keep the rows in view where they were when a refetch inserts newer runs above them.
  const lastScrollTop = useRef(0);
  const previousRuns = useRef(runs);
  // Other filters or another order: a different list, shown from its top.
  const previousResetKey = useRef(resetKey);
  useLayoutEffect(() => {
    if (previousResetKey.current === resetKey) return;
    previousResetKey.current = resetKey;
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollTop = 0;
    lastScrollTop.current = 0;
  }, [resetKey]);
  useLayoutEffect(() => {
    const previous = previousRuns.current;
    previousRuns.current = runs;
    const scroller = scrollRef.current;
    if (previous === runs || !scroller || lastScrollTop.current === 0) return;
    const target = anchoredScrollTop(previous, runs, lastScrollTop.current, ROW_HEIGHT, traceIdOf);
    if (target !== null) {
      scroller.scrollTop = target;
      lastScrollTop.current = target;
    }
  }, [runs]);

  const lastVisibleIndex = items.at(-1)?.index ?? -1;
  const { hasMore, loadMore } = list;
  useEffect(() => {
    if (hasMore && lastVisibleIndex >= runs.length - LOAD_MORE_THRESHOLD) loadMore();
  }, [hasMore, lastVisibleIndex, runs.length, loadMore]);

  // Coming back from a run: give the keyboard focus back to the list.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) scrollRef.current?.focus({ preventScroll: true });
    wasActive.current = active;
  }, [active]);

  const activeDescendant =
    selectedTraceId !== null && runs.some((run) => run.traceId === selectedTraceId)
      ? runRowId(selectedTraceId)
      : undefined;

  return (
    <div className="runs-table" data-testid="runs-table" data-state={state}>
      <div
        ref={scrollRef}
        className="runs-table__scroller"
        role="grid"
        aria-label="Runs"
        aria-rowcount={runs.length + 1}
        aria-activedescendant={activeDescendant}
        tabIndex={0}
        onScroll={(event) => {
          lastScrollTop.current = event.currentTarget.scrollTop;
        }}
      >
        <ColumnHeaders
          className="runs-table__header"
          columns={RUN_COLUMNS}
          sort={{ key: sort.by, dir: sort.dir }}
          onSort={(key) => {
            const by = RUN_SORT_KEYS.find((k) => k === key);
            if (by !== undefined) onSort(by);
          }}
        />
        <div className="runs-table__rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const run = runs[item.index];
            if (run === undefined) return null;
            return (
              <RunRow
                key={item.key}
                run={run}
                top={item.start - HEADER_HEIGHT}
                height={ROW_HEIGHT}
                rowIndex={item.index + 2}
                selected={run.traceId === selectedTraceId}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
      {state !== 'ready' && (
        <div className="runs-table__overlay">
          <RunsTableMessage {...props} />
        </div>
      )}
    </div>
  );
}

function RunsTableMessage({ list, otlpHttpUrl, filtered, onClearFilters }: RunsTableProps) {
  switch (list.state) {
    case 'loading':
      return (
        <p className="runs-table__message muted" data-testid="runs-loading">
          Loading runs…
        </p>
      );
    case 'empty':
      return filtered ? <NoMatch onClearFilters={onClearFilters} /> : <EmptyState otlpHttpUrl={otlpHttpUrl} />;
    case 'error':
      return (
        <div className="runs-table__message runs-table__error" role="alert" data-testid="runs-error">
          <p>Could not load runs: {list.error?.message ?? 'unknown error'}</p>
          <button type="button" className="button" data-testid="retry-button" onClick={list.retry}>
            Retry
          </button>
        </div>
      );
    case 'ready':
      return null;
  }
}
