import { type ReactNode, useState } from 'react';
import { YAxisGrid } from './YAxisGrid';
import { ChartCard } from './ChartCard';
import { formatTimeTick, labelIndices, linearScale, spansDays, zeroBasedAxis } from './chart-math';
import { useElementWidth } from './useElementWidth';

export interface BarSeries {
  key: string;
  label: string;
  /** Colour class suffix: `chart-fill--<tone>` in styles.css. */
  tone: string;
  values: readonly number[];
}

interface TimeBarsChartProps {
  testId: string;
  title: string;
  /** Bucket start times (ms), evenly spaced by `bucketMs`. */
  starts: readonly number[];
  bucketMs: number;
  /** Stacked bottom to top, in this order. */
  series: readonly BarSeries[];
  formatValue: (value: number) => string;
  formatTick: (value: number) => string;
  integer?: boolean;
  /** The readout when the pointer is on no bucket. */
  summary: ReactNode;
  /** Extra readout text for a hovered bucket (e.g. its error rate). */
  describe?: (index: number) => string | null;
  empty?: string | null;
}

const HEIGHT = 170;
const MARGIN = { top: 8, right: 10, bottom: 22, left: 52 };
const MAX_BAR_WIDTH = 28;

/** Stacked bars per time bucket, with a value axis, time labels and the hovered bucket's values. */
export function TimeBarsChart(props: TimeBarsChartProps) {
  const { starts, bucketMs, series, formatValue, formatTick } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);

  const totals = starts.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const axis = zeroBasedAxis(Math.max(0, ...totals), 4, { integer: props.integer ?? false });
  const plotW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = linearScale([0, axis.max], [MARGIN.top + plotH, MARGIN.top]);
  const slot = starts.length > 0 ? plotW / starts.length : 0;
  const barW = Math.max(1, Math.min(MAX_BAR_WIDTH, slot * 0.72));
  const multiDay = starts.length > 0 && spansDays(starts[0]!, starts[starts.length - 1]! + bucketMs);
  const labels = labelIndices(starts.length, Math.max(1, Math.floor(plotW / (multiDay ? 96 : 56))));

  const hovered = hover === null ? undefined : starts[hover];
  const readout =
    hover === null || hovered === undefined ? (
      props.summary
    ) : (
      <span data-testid="chart-hover">
        <strong>{formatTimeTick(hovered, bucketMs, multiDay)}</strong>
        {series.map((s) => (
          <span key={s.key} className="chart-readout__item">
            <span className={`chart-swatch chart-fill--${s.tone}`} aria-hidden="true" />
            {s.label} {formatValue(s.values[hover] ?? 0)}
          </span>
        ))}
        {props.describe?.(hover) && <span className="chart-readout__item">{props.describe(hover)}</span>}
      </span>
    );

  return (
    <ChartCard testId={props.testId} title={props.title} readout={readout} empty={props.empty} height={HEIGHT}>
      <div ref={ref} className="chart-card__plot" style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            className="chart"
            role="img"
            aria-label={`${props.title}: ${starts.length} time buckets`}
            onMouseLeave={() => {
              setHover(null);
            }}
          >
            <YAxisGrid ticks={axis.ticks} y={y} left={MARGIN.left} width={plotW} format={formatTick} />
            {starts.map((start, i) => {
              const cx = MARGIN.left + slot * (i + 0.5);
              let base = 0;
              return (
                <g key={start} className={hover === i ? 'chart-bucket is-hovered' : 'chart-bucket'}>
                  <rect
                    className="chart-hover-band"
                    x={MARGIN.left + slot * i}
                    y={MARGIN.top}
                    width={slot}
                    height={plotH}
                  />
                  {series.map((s) => {
                    const v = s.values[i] ?? 0;
                    if (v <= 0) return null;
                    const top = y(base + v);
                    const bottom = y(base);
                    base += v;
                    return (
                      <rect
                        key={s.key}
                        className={`chart-bar chart-fill--${s.tone}`}
                        x={cx - barW / 2}
                        y={top}
                        width={barW}
                        height={Math.max(1, bottom - top)}
                      />
                    );
                  })}
                  <rect
                    className="chart-hit"
                    data-testid="chart-bucket"
                    x={MARGIN.left + slot * i}
                    y={MARGIN.top}
                    width={slot}
                    height={plotH}
                    onMouseEnter={() => {
                      setHover(i);
                    }}
                  >
                    <title>
                      {`${formatTimeTick(start, bucketMs, multiDay)}: ${series
                        .map((s) => `${s.label} ${formatValue(s.values[i] ?? 0)}`)
                        .join(', ')}`}
                    </title>
                  </rect>
                </g>
              );
            })}
            {labels.map((i) => {
              const start = starts[i];
              if (start === undefined) return null;
              return (
                <text
                  key={start}
                  className="chart-tick"
                  x={MARGIN.left + slot * (i + 0.5)}
                  y={HEIGHT - 6}
                  textAnchor="middle"
                >
                  {formatTimeTick(start, bucketMs, multiDay)}
                </text>
              );
            })}
          </svg>
        )}
      </div>
    </ChartCard>
  );
}
