import { useEffect, useMemo, useRef } from 'react';
import { ErrorJump } from './ErrorJump';
import { Minimap } from './Minimap';
import { RunSearchBox } from './RunSearchBox';
import { HEADER_HEIGHT, ROW_HEIGHT, StepTree } from './StepTree';
import { errorRowIndexes, markedPosition, nextMarkedIndex } from './step-navigation';
import type { StepRow } from './step-rows';
import { useCollapsedSteps } from './useCollapsedSteps';
import { useRunSearch } from './useRunSearch';
import { useTimelineKeyboard } from './useTimelineKeyboard';

/** Runs with at least this many rows on show get the minimap. */
export const MINIMAP_MIN_ROWS = 40;

interface RunTimelineProps {
  traceId: string;
  /** Every step of the run, pre-order (see buildStepRows). */
  rows: readonly StepRow[];
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
}

/** The Timeline tab: search within the run, jump to errors, the collapsible step tree and its minimap. */
export function RunTimeline({ traceId, rows, selectedSpanId, onSelect }: RunTimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tree = useCollapsedSteps(rows);
  const search = useRunSearch(traceId, rows);
  const errors = useMemo(() => errorRowIndexes(rows), [rows]);
  const selectedIndex = useMemo(() => {
    const i = selectedSpanId === null ? -1 : rows.findIndex((row) => row.span.spanId === selectedSpanId);
    return i === -1 ? null : i;
  }, [rows, selectedSpanId]);
  const matchIds = useMemo(
    () => new Set(search.matches.map((i) => rows[i]?.span.spanId ?? '')),
    [rows, search.matches],
  );

  // Matches inside collapsed steps are shown: their ancestors open.
  const { reveal } = tree;
  useEffect(() => {
    if (search.matches.length > 0) reveal(search.matches);
  }, [search.matches, reveal]);

  const goTo = (index: number | null) => {
    const row = index === null ? undefined : rows[index];
    if (index === null || row === undefined) return;
    reveal([index]);
    onSelect(row.span.spanId);
  };
  const nextMatch = (direction: 1 | -1) => {
    goTo(nextMarkedIndex(search.matches, selectedIndex, direction));
  };
  const nextError = (direction: 1 | -1) => {
    goTo(nextMarkedIndex(errors, selectedIndex, direction));
  };

  useTimelineKeyboard({
    focusSearch: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    nextMatch,
    nextError,
    setSelectedExpanded: (expanded) => {
      const row = selectedIndex === null ? undefined : rows[selectedIndex];
      if (row === undefined || !row.hasChildren) return;
      if (tree.collapsed.has(row.span.spanId) === expanded) tree.toggle(row.span.spanId);
    },
  });

  const showMinimap = tree.visible.length >= MINIMAP_MIN_ROWS;
  return (
    <div className="run-timeline" role="tabpanel" id="run-tab-panel-timeline" aria-labelledby="run-tab-timeline">
      <div className="page-toolbar">
        <RunSearchBox
          inputRef={searchRef}
          text={search.text}
          onText={search.setText}
          matchCount={search.matches.length}
          position={markedPosition(search.matches, selectedIndex)}
          pending={search.pending}
          onStep={nextMatch}
        />
        <ErrorJump errorCount={errors.length} position={markedPosition(errors, selectedIndex)} onJump={nextError} />
      </div>
      <div className={showMinimap ? 'run-timeline__body has-minimap' : 'run-timeline__body'}>
        <div className="run-timeline__tree">
          <StepTree
            rows={tree.visible}
            selectedSpanId={selectedSpanId}
            onSelect={onSelect}
            scrollRef={scrollRef}
            collapsedIds={tree.collapsed}
            onToggle={tree.toggle}
            matchIds={matchIds}
          />
        </div>
        {showMinimap && (
          <Minimap rows={tree.visible} scrollRef={scrollRef} rowHeightPx={ROW_HEIGHT} headerHeightPx={HEADER_HEIGHT} />
        )}
      </div>
    </div>
  );
}
