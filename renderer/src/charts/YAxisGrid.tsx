/** Horizontal grid lines with their value labels at the left (the baseline drawn as the axis). */
export function YAxisGrid(props: {
  ticks: readonly number[];
  y: (value: number) => number;
  left: number;
  width: number;
  format: (value: number) => string;
}) {
  const { ticks, y, left, width, format } = props;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line
            className={t === 0 ? 'chart-axis-line' : 'chart-grid'}
            x1={left}
            x2={left + width}
            y1={Math.round(y(t)) + 0.5}
            y2={Math.round(y(t)) + 0.5}
          />
          <text className="chart-tick" x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}
