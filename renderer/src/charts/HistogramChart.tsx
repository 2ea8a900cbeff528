import { type ReactNode, useState } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { YAxisGrid } from './YAxisGrid';
import { ChartCard } from './ChartCard';
import {
  type Histogram,
  formatCompactCount,
  labelIndices,
  linearScale,
  placeMarkers,
  zeroBasedAxis,
} from './chart-math';
import { useElementWidth } from './useElementWidth';

export interface HistogramMarker {
  label: string;
  value: number;
}

interface HistogramChartProps {
  testId: string;
  title: string;
  histogram: Histogram;
  /** How bin edges and markers read: "$0.01". */
  formatValue: (value: number) => string;
  /** What is counted: "runs". */
  unit: string;
  /** Vertical lines, e.g. the p50/p95/p99 of the same values. */
  markers?: readonly HistogramMarker[];
  summary: ReactNode;
  empty?: string | null;
  note?: ReactNode;
}

const HEIGHT = 170;
const MARGIN = { top: 16, right: 12, bottom: 22, left: 44 };
/** Markers closer than this (px) share one line and label. */
const MARKER_GAP = 30;

interface Column {
  key: string;
  label: string;
  x0: number;
  x1: number;
  count: number;
}

/**
 * A histogram drawn as equal-width columns, one per bin (on a log scale the bins are 1-2-5 steps,
 * so equal widths are close to a true log axis); markers sit inside their bin, interpolated.
 */
export function HistogramChart(props: HistogramChartProps) {
  const { histogram, formatValue, unit, markers = [] } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);

  const columns: Column[] = histogram.bins.map((b) => ({
    key: `${String(b.x0)}-${String(b.x1)}`,
    label: `${formatValue(b.x0)}–${formatValue(b.x1)}`,
    ...b,
  }));
  if (histogram.zeros > 0)
    columns.unshift({ key: 'zero', label: formatValue(0), x0: 0, x1: 0, count: histogram.zeros });

  const plotW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const axis = zeroBasedAxis(Math.max(0, ...columns.map((c) => c.count)), 4, { integer: true });
  const y = linearScale([0, axis.max], [MARGIN.top + plotH, MARGIN.top]);
  const slot = columns.length > 0 ? plotW / columns.length : 0;
  const edgeLabels = labelIndices(columns.length + 1, Math.max(2, Math.floor(plotW / 64)));

  /** Where a value sits along the x axis: inside its bin, linearly (or logarithmically on a log scale). */
  const xOf = (value: number): number | null => {
    const i = columns.findIndex((c) => (c.x1 === c.x0 ? value === c.x0 : value < c.x1));
    const index = i === -1 ? columns.length - 1 : i;
    const c = columns[index];
    if (c === undefined) return null;
    let t = 0.5;
    if (c.x1 > c.x0) {
      t =
        histogram.scale === 'log' && c.x0 > 0 && value > 0
          ? Math.log(value / c.x0) / Math.log(c.x1 / c.x0)
          : (value - c.x0) / (c.x1 - c.x0);
    }
    return MARGIN.left + slot * (index + Math.min(1, Math.max(0, t)));
  };

  const placed = placeMarkers(
    markers.flatMap((m) => {
      const x = xOf(m.value);
      return x === null ? [] : [{ ...m, x }];
    }),
    MARKER_GAP,
  );
  const hovered = hover === null ? undefined : columns[hover];
  const readout =
    hovered === undefined ? (
      props.summary
    ) : (
      <span data-testid="chart-hover">
        <strong>{hovered.label}</strong>
        <span className="chart-readout__item">
          {formatCount(hovered.count)} {unit}
        </span>
      </span>
    );

  return (
    <ChartCard
      testId={props.testId}
      title={props.title}
      readout={readout}
      empty={props.empty}
      note={props.note}
      height={HEIGHT}
    >
      <div ref={ref} className="chart-card__plot" style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            className="chart"
            role="img"
            aria-label={`${props.title}: ${String(columns.length)} bins`}
            onMouseLeave={() => {
              setHover(null);
            }}
          >
            <YAxisGrid ticks={axis.ticks} y={y} left={MARGIN.left} width={plotW} format={formatCompactCount} />
            {columns.map((c, i) => {
              const top = y(c.count);
              return (
                <g key={c.key} className={hover === i ? 'chart-bucket is-hovered' : 'chart-bucket'}>
                  <rect
                    className="chart-hover-band"
                    x={MARGIN.left + slot * i}
                    y={MARGIN.top}
                    width={slot}
                    height={plotH}
                  />
                  {c.count > 0 && (
                    <rect
                      className="chart-bar chart-fill--cost"
                      x={MARGIN.left + slot * i + 1}
                      y={top}
                      width={Math.max(1, slot - 2)}
                      height={Math.max(1, y(0) - top)}
                    />
                  )}
                  <rect
                    className="chart-hit"
                    data-testid="chart-bin"
                    x={MARGIN.left + slot * i}
                    y={MARGIN.top}
                    width={slot}
                    height={plotH}
                    onMouseEnter={() => {
                      setHover(i);
                    }}
                  >
                    <title>{`${c.label}: ${formatCount(c.count)} ${unit}`}</title>
                  </rect>
                </g>
              );
            })}
            {edgeLabels.map((i) => {
              // Edge i is the left edge of column i (the last one: the right edge of the last column).
              const c = columns[Math.min(i, columns.length - 1)];
              if (c === undefined || (c.key === 'zero' && i > 0)) return null;
              const value = i < columns.length ? c.x0 : c.x1;
              const anchor = i === 0 ? 'start' : i === columns.length ? 'end' : 'middle';
              return (
                <text key={i} className="chart-tick" x={MARGIN.left + slot * i} y={HEIGHT - 6} textAnchor={anchor}>
                  {formatValue(value)}
                </text>
              );
            })}
            {placed.map((m) => (
              <g key={m.label} className="chart-marker" data-testid="chart-marker" data-label={m.label}>
                <line
                  x1={Math.round(m.x) + 0.5}
                  x2={Math.round(m.x) + 0.5}
                  y1={MARGIN.top - 4}
                  y2={MARGIN.top + plotH}
                />
                <text
                  x={Math.min(m.x, MARGIN.left + plotW)}
                  y={MARGIN.top - 6}
                  textAnchor={m.x > MARGIN.left + plotW - 24 ? 'end' : 'middle'}
                >
                  {m.label}
                </text>
                <title>{m.members.map((p) => `${p.label} ${formatValue(p.value)}`).join(', ')}</title>
              </g>
            ))}
          </svg>
        )}
      </div>
    </ChartCard>
  );
}
