import { memo } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatClock, nanosToEpochMs } from '../../../shared/format/time';
import { runCostLabel, runTokensLabel } from '../common/cost-label';
import { FigureText } from '../common/FigureText';
import { StatusBadge } from '../common/StatusBadge';
import { runRowId } from './run-row-id';

interface RunRowProps {
  run: RunSummary;
  /** Offset from the top of the rows, in pixels. */
  top: number;
  height: number;
  rowIndex: number;
  selected: boolean;
  onOpen: (traceId: string) => void;
}

export const RunRow = memo(function RunRow({ run, top, height, rowIndex, selected, onOpen }: RunRowProps) {
  return (
    <div
      id={runRowId(run.traceId)}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={selected ? 'run-row is-selected' : 'run-row'}
      data-testid="run-row"
      data-trace-id={run.traceId}
      data-status={run.status}
      style={{ height, transform: `translateY(${String(top)}px)` }}
      onClick={() => {
        onOpen(run.traceId);
      }}
    >
      <div role="gridcell" className="cell cell--time" title={run.startTime}>
        {formatClock(nanosToEpochMs(run.startNs))}
      </div>
      <div role="gridcell" className="cell cell--name" title={run.name}>
        {run.name === '' ? <span className="muted">(unnamed)</span> : run.name}
        {!run.hasRoot && (
          <span className="run-row__partial" title="The root span has not arrived yet">
            in progress
          </span>
        )}
      </div>
      <div role="gridcell" className="cell cell--service" title={run.service}>
        {run.service}
      </div>
      <div role="gridcell" className="cell cell--status">
        <StatusBadge status={run.status} />
      </div>
      <div role="gridcell" className="cell cell--num">
        {formatDuration(run.durationMs)}
      </div>
      <div role="gridcell" className="cell cell--num">
        {formatCount(run.spanCount)}
      </div>
      <div role="gridcell" className="cell cell--num" data-testid="run-row-llm-calls">
        {run.llmCalls === 0 ? <span className="muted">0</span> : formatCount(run.llmCalls)}
      </div>
      <div role="gridcell" className="cell cell--num">
        <FigureText label={runTokensLabel(run)} testId="run-row-tokens" />
      </div>
      <div role="gridcell" className="cell cell--num">
        <FigureText label={runCostLabel(run)} testId="run-row-cost" />
      </div>
    </div>
  );
});
