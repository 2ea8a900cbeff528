import { useState } from 'react';
import type { Percentiles } from '../../../shared/domain/fleet-stats';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { ChartCard } from './ChartCard';
import { linearScale, zeroBasedAxis } from './chart-math';
import { useElementWidth } from './useElementWidth';

export interface PercentileRow extends Percentiles {
  key: string;
  label: string;
  /** Small text after the label (the step kind, the provider). */
  tag?: string;
  count: number;
  /** What `count` counts: "calls", "runs". */
  countUnit: string;
}

interface PercentileBarsProps {
  testId: string;
  title: string;
  rows: readonly PercentileRow[];
  empty?: string | null;
  /** Rows drawn at most (the busiest come first); the chart keeps this height whatever the data. */
  maxRows?: number;
}

const ROW_H = 24;
const LABEL_W = 190;
const AXIS_H = 20;
const MARGIN_RIGHT = 12;
const MARKS = ['p50', 'p95', 'p99'] as const;

/**
 * Latency percentiles as horizontal bars, one row per step name or model: p99 widest and lightest,
 * p95 over it, p50 darkest, on one shared time axis.
 */
export function PercentileBars({ testId, title, rows, empty = null, maxRows = 8 }: PercentileBarsProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const shown = rows.slice(0, maxRows);
  const height = maxRows * ROW_H + AXIS_H;
  const plotX = LABEL_W;
  const plotW = Math.max(0, width - LABEL_W - MARGIN_RIGHT);
  const axis = zeroBasedAxis(Math.max(0, ...shown.map((r) => r.p99)), Math.max(2, Math.floor(plotW / 90)));
  const x = linearScale([0, axis.max], [plotX, plotX + plotW]);
  const hovered = hover === null ? undefined : shown[hover];

  const readout =
    hovered === undefined ? (
      <span className="chart-legend">
        {MARKS.map((m) => (
          <span key={m} className="chart-readout__item">
            <span className={`chart-swatch chart-fill--${m}`} aria-hidden="true" />
            {m}
          </span>
        ))}
      </span>
    ) : (
      <span data-testid="chart-hover">
        <strong>{hovered.label}</strong>
        {MARKS.map((m) => (
          <span key={m} className="chart-readout__item">
            {m} {formatDuration(hovered[m])}
          </span>
        ))}
        <span className="chart-readout__item muted">
          {formatCount(hovered.count)} {hovered.countUnit}
        </span>
      </span>
    );

  const note = rows.length > shown.length ? `${formatCount(rows.length - shown.length)} more not shown` : undefined;

  return (
    <ChartCard testId={testId} title={title} readout={readout} empty={empty} note={note} height={height}>
      <div ref={ref} className="chart-card__plot" style={{ height }}>
        {width > 0 && (
          <svg
            width={width}
            height={height}
            className="chart"
            role="img"
            aria-label={`${title}: ${String(shown.length)} rows`}
            onMouseLeave={() => {
              setHover(null);
            }}
          >
            {axis.ticks.map((t) => (
              <g key={t}>
                <line
                  className={t === 0 ? 'chart-axis-line' : 'chart-grid'}
                  x1={Math.round(x(t)) + 0.5}
                  x2={Math.round(x(t)) + 0.5}
                  y1={0}
                  y2={shown.length * ROW_H}
                />
                <text
                  className="chart-tick"
                  x={x(t)}
                  y={shown.length * ROW_H + 14}
                  textAnchor={t === axis.max ? 'end' : 'middle'}
                >
                  {t === 0 ? '0' : formatDuration(t)}
                </text>
              </g>
            ))}
            {shown.map((row, i) => {
              const top = i * ROW_H;
              return (
                <g
                  key={row.key}
                  className={hover === i ? 'chart-row is-hovered' : 'chart-row'}
                  data-testid="chart-row"
                  onMouseEnter={() => {
                    setHover(i);
                  }}
                >
                  <rect className="chart-hover-band" x={0} y={top} width={width} height={ROW_H} />
                  <text className="chart-label" x={0} y={top + ROW_H / 2} dy="0.32em">
                    {truncate(row.label, row.tag ? 22 : 28)}
                    {row.tag && <tspan className="chart-label__tag"> {row.tag}</tspan>}
                  </text>
                  {MARKS.toReversed().map((m, j) => {
                    const inset = [4, 7, 9][j]!;
                    return (
                      <rect
                        key={m}
                        className={`chart-bar chart-fill--${m}`}
                        x={plotX}
                        y={top + inset}
                        width={Math.max(1, x(row[m]) - plotX)}
                        height={ROW_H - inset * 2}
                      />
                    );
                  })}
                  <title>{`${row.label}: p50 ${formatDuration(row.p50)}, p95 ${formatDuration(row.p95)}, p99 ${formatDuration(row.p99)} (${formatCount(row.count)} ${row.countUnit})`}</title>
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </ChartCard>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
