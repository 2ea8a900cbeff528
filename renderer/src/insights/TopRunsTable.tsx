import type { MouseEvent } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatClock, nanosToEpochMs } from '../../../shared/format/time';
import { runCostLabel } from '../common/cost-label';
import { FigureText } from '../common/FigureText';
import { StatusBadge } from '../common/StatusBadge';
import { navigate, routeToHash } from '../routing/route';

interface TopRunsTableProps {
  testId: string;
  title: string;
  /** null while loading. */
  runs: readonly RunSummary[] | null;
  /** The figure the runs are ranked by, shown first. */
  metric: 'cost' | 'duration';
}

const ROWS = 10;

/** The top runs by cost or duration; each opens its run. Keeps the height of ten rows. */
export function TopRunsTable({ testId, title, runs, metric }: TopRunsTableProps) {
  const open = (traceId: string) => (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    navigate({ page: 'run', traceId });
  };
  return (
    <section className="chart-card top-runs" data-testid={testId}>
      <header className="chart-card__head">
        <h2 className="chart-card__title">{title}</h2>
      </header>
      <div className="top-runs__body" style={{ minHeight: ROWS * 27 + 26 }}>
        {runs === null ? (
          <p className="muted top-runs__message">Loading…</p>
        ) : runs.length === 0 ? (
          <p className="muted top-runs__message">No runs.</p>
        ) : (
          <table className="data-table data-table--compact">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Service</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  {metric === 'cost' ? 'Cost' : 'Duration'}
                </th>
                <th scope="col" className="num">
                  {metric === 'cost' ? 'Duration' : 'Cost'}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const href = routeToHash({ page: 'run', traceId: run.traceId });
                const cost = <FigureText label={runCostLabel(run)} />;
                const duration = formatDuration(run.durationMs);
                return (
                  <tr
                    key={run.traceId}
                    data-testid="insights-run-row"
                    data-trace-id={run.traceId}
                    onClick={open(run.traceId)}
                  >
                    <td className="top-runs__name" title={run.name}>
                      <a href={href} className="row-link" onClick={open(run.traceId)}>
                        {run.name === '' ? '(unnamed)' : run.name}
                      </a>
                    </td>
                    <td className="muted top-runs__service" title={run.service}>
                      {run.service}
                    </td>
                    <td className="muted" title={run.startTime}>
                      {formatClock(nanosToEpochMs(run.startNs))}
                    </td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td className="num top-runs__metric">{metric === 'cost' ? cost : duration}</td>
                    <td className="num muted">{metric === 'cost' ? duration : cost}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
