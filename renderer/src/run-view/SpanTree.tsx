import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { SpanRecord } from '../../../shared/domain/run';
import { formatDuration } from '../../../shared/format/format-duration';
import { ColumnHeaders } from '../common/ColumnHeaders';
import { buildSpanTreeRows, type SpanTreeRow } from './span-tree-rows';

/** Must match `--span-row-height` and `--table-header-height` in styles.css. */
const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 28;
/** Matches the first column's left padding in styles.css. */
const BASE_INDENT_PX = 14;
const INDENT_PX = 14;
/** Deeper levels stop indenting further, so names stay readable. */
const MAX_INDENT_DEPTH = 24;
/** OTLP StatusCode for an error. */
const STATUS_ERROR = 2;

const SPAN_COLUMNS = [{ label: 'Span' }, { label: 'Duration', numeric: true }, { label: 'Timeline' }] as const;

export function SpanTree({ spans }: { spans: readonly SpanRecord[] }) {
  const rows = useMemo(() => buildSpanTreeRows(spans), [spans]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.span.spanId ?? index,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  return (
    <div
      ref={scrollRef}
      className="span-tree"
      data-testid="span-tree"
      role="treegrid"
      aria-label="Spans"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
    >
      <ColumnHeaders className="span-tree__header" columns={SPAN_COLUMNS} />
      <div className="span-tree__rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return <SpanRow key={item.key} row={row} top={item.start - HEADER_HEIGHT} rowIndex={item.index + 2} />;
        })}
      </div>
    </div>
  );
}

const SpanRow = memo(function SpanRow({ row, top, rowIndex }: { row: SpanTreeRow; top: number; rowIndex: number }) {
  const { span, depth } = row;
  const isError = span.statusCode === STATUS_ERROR;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-level={depth + 1}
      className={isError ? 'span-row is-error' : 'span-row'}
      data-testid="span-row"
      data-span-id={span.spanId}
      data-depth={depth}
      style={{ height: ROW_HEIGHT, transform: `translateY(${String(top)}px)` }}
    >
      <div
        role="gridcell"
        className="cell span-row__name"
        style={{ paddingLeft: BASE_INDENT_PX + Math.min(depth, MAX_INDENT_DEPTH) * INDENT_PX }}
        title={span.statusMessage ? `${span.name} — ${span.statusMessage}` : span.name}
      >
        <span className="span-row__twig" aria-hidden="true">
          {row.hasChildren ? '▾' : '·'}
        </span>
        <span className="span-row__label">{span.name === '' ? '(unnamed)' : span.name}</span>
      </div>
      <div role="gridcell" className="cell cell--num">
        {formatDuration(span.durationMs)}
      </div>
      <div role="gridcell" className="cell span-row__track">
        <div className="span-row__bar" style={{ left: percent(row.offsetRatio), width: percent(row.widthRatio) }} />
      </div>
    </div>
  );
});

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(3)}%`;
}
