import type { ReactNode } from 'react';

interface ChartCardProps {
  testId: string;
  title: string;
  /** What the pointer is on (or a summary when it is on nothing): one line, its room always kept. */
  readout: ReactNode;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | null;
  /** Extra line under the chart (units, caveats). */
  note?: ReactNode;
  /** The chart's height: an empty or loading chart keeps it, so nothing moves when data arrives. */
  height: number;
  children: ReactNode;
}

/** A titled panel for one chart, with a fixed-height readout line for hover values. */
export function ChartCard({ testId, title, readout, empty = null, note, height, children }: ChartCardProps) {
  return (
    <section className="chart-card" data-testid={testId} data-state={empty === null ? 'ready' : 'empty'}>
      <header className="chart-card__head">
        <h2 className="chart-card__title">{title}</h2>
        <div className="chart-card__readout" data-testid="chart-readout" aria-live="polite">
          {empty === null ? readout : null}
        </div>
      </header>
      {empty === null ? (
        children
      ) : (
        <p className="chart-card__empty muted" style={{ height }}>
          {empty}
        </p>
      )}
      <p className="chart-card__note muted">{note}</p>
    </section>
  );
}
