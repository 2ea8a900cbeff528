import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, memo, useEffect, useRef } from 'react';
import { formatDuration } from '../../../shared/format/format-duration';
import { ColumnHeaders } from '../common/ColumnHeaders';
import { stepCostLabel, stepTokensLabel } from '../common/cost-label';
import { FigureText } from '../common/FigureText';
import { isShortcutEvent } from '../common/keyboard';
import { KindBadge } from '../common/KindBadge';
import { type StepRow, stepIndexAfter } from './step-rows';

/** Must match `--span-row-height` and `--table-header-height` in styles.css. */
export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 28;
/** Matches the first column's left padding in styles.css. */
const BASE_INDENT_PX = 14;
const INDENT_PX = 14;
/** Deeper levels stop indenting further, so names stay readable. */
const MAX_INDENT_DEPTH = 24;

const STEP_COLUMNS = [
  { label: 'Step' },
  { label: 'Model' },
  { label: 'Tokens', numeric: true, title: 'Input + output tokens' },
  { label: 'Cost', numeric: true, title: 'USD of the step’s own model call' },
  { label: 'Duration', numeric: true },
  { label: 'Critical path', labelHidden: true, title: '◆ on the critical path: the steps that set when the run ended' },
  { label: 'Timeline' },
] as const;

interface StepTreeProps {
  rows: readonly StepRow[];
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
  /** The scrolling element (shared with the minimap). */
  scrollRef: RefObject<HTMLDivElement | null>;
  collapsedIds: ReadonlySet<string>;
  onToggle: (spanId: string) => void;
  /** Steps matching the search within the run (highlighted). */
  matchIds: ReadonlySet<string>;
}

/** The run's steps as an indented, virtualized grid with timeline bars. j/k (↓/↑) move the selection. */
export function StepTree({
  rows,
  selectedSpanId,
  onSelect,
  scrollRef,
  collapsedIds,
  onToggle,
  matchIds,
}: StepTreeProps) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.span.spanId ?? index,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const latest = useRef({ rows, selectedSpanId, onSelect, virtualizer });
  useEffect(() => {
    latest.current = { rows, selectedSpanId, onSelect, virtualizer };
  });
  // Whatever selected the step (a click, j/k, a search match, an error, the transcript): bring it on screen.
  useEffect(() => {
    if (selectedSpanId === null) return;
    const { rows, virtualizer } = latest.current;
    const index = rows.findIndex((row) => row.span.spanId === selectedSpanId);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedSpanId]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutEvent(event)) return;
      const delta =
        event.key === 'j' || event.key === 'ArrowDown' ? 1 : event.key === 'k' || event.key === 'ArrowUp' ? -1 : 0;
      if (delta === 0) return;
      const { rows, selectedSpanId, onSelect, virtualizer } = latest.current;
      const index = stepIndexAfter(rows, selectedSpanId, delta);
      const row = index === null ? undefined : rows[index];
      if (index === null || row === undefined) return;
      event.preventDefault();
      onSelect(row.span.spanId);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return (
    <div
      ref={scrollRef}
      className="span-tree"
      data-testid="span-tree"
      role="treegrid"
      aria-label="Steps"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
    >
      <ColumnHeaders className="span-tree__header" columns={STEP_COLUMNS} />
      <div className="span-tree__rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return (
            <StepTreeRow
              key={item.key}
              row={row}
              top={item.start - HEADER_HEIGHT}
              rowIndex={item.index + 2}
              selected={row.span.spanId === selectedSpanId}
              matched={matchIds.has(row.span.spanId)}
              collapsed={collapsedIds.has(row.span.spanId)}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          );
        })}
      </div>
    </div>
  );
}

interface StepTreeRowProps {
  row: StepRow;
  top: number;
  rowIndex: number;
  selected: boolean;
  matched: boolean;
  collapsed: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}

const StepTreeRow = memo(function StepTreeRow({
  row,
  top,
  rowIndex,
  selected,
  matched,
  collapsed,
  onSelect,
  onToggle,
}: StepTreeRowProps) {
  const { step } = row.span;
  const { depth } = row;
  const isError = step.status === 'error';
  const cost = stepCostLabel(step);
  const classes = ['span-row'];
  if (isError) classes.push('is-error');
  if (selected) classes.push('is-selected');
  if (matched) classes.push('is-match');
  return (
    // The positioned row keeps the span tree's `span-row` test id; the step's own grid sits inside it.
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? !collapsed : undefined}
      className={classes.join(' ')}
      data-testid="span-row"
      data-span-id={step.spanId}
      data-depth={depth}
      data-match={matched || undefined}
      style={{ height: ROW_HEIGHT, transform: `translateY(${String(top)}px)` }}
      onClick={() => {
        onSelect(step.spanId);
      }}
    >
      <div
        className="step-row"
        data-testid="step-row"
        data-span-id={step.spanId}
        data-kind={step.kind}
        data-critical={step.onCriticalPath}
        data-selected={selected}
      >
        <div
          role="gridcell"
          className="cell span-row__name"
          style={{ paddingLeft: BASE_INDENT_PX + Math.min(depth, MAX_INDENT_DEPTH) * INDENT_PX }}
          title={isError && step.statusMessage !== '' ? `${step.name} — ${step.statusMessage}` : step.name}
        >
          {row.hasChildren ? (
            <button
              type="button"
              className="span-row__twig span-row__twig--toggle"
              data-testid="step-toggle"
              aria-label={collapsed ? 'Expand' : 'Collapse'}
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation();
                onToggle(step.spanId);
              }}
            >
              {collapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="span-row__twig" aria-hidden="true">
              ·
            </span>
          )}
          <KindBadge kind={step.kind} />
          <span className="span-row__label">{stepLabel(step)}</span>
        </div>
        <div role="gridcell" className="cell cell--model" title={modelTitle(step.model, step.provider)}>
          {step.model ?? ''}
        </div>
        <div role="gridcell" className="cell cell--num">
          <FigureText label={stepTokensLabel(step)} />
        </div>
        <div role="gridcell" className="cell cell--num">
          {cost.state === 'unknown' ? (
            <span className="no-price-badge" data-testid="step-cost" data-state="unknown" title={cost.title}>
              {cost.text}
            </span>
          ) : (
            <FigureText label={cost} testId="step-cost" />
          )}
        </div>
        <div role="gridcell" className="cell cell--num">
          {formatDuration(step.durationMs)}
        </div>
        <div role="gridcell" className="cell cell--marker">
          {step.onCriticalPath && (
            <span className="critical-marker" title="On the critical path" aria-label="On the critical path">
              ◆
            </span>
          )}
        </div>
        <div role="gridcell" className="cell span-row__track">
          <div className="span-row__bar" style={{ left: percent(row.offsetRatio), width: percent(row.widthRatio) }} />
        </div>
      </div>
    </div>
  );
});

function stepLabel(step: StepRow['span']['step']): string {
  if (step.name !== '') return step.name;
  return step.toolName ?? step.operation ?? '(unnamed)';
}

function modelTitle(model: string | null, provider: string | null): string | undefined {
  if (model === null) return undefined;
  return provider === null ? model : `${model} (${provider})`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(3)}%`;
}
