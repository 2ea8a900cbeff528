import { useEffect, useRef } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatClock, nanosToEpochMs } from '../../../shared/format/time';
import { isShortcutEvent } from '../common/keyboard';
import { StatusBadge } from '../common/StatusBadge';
import { navigateBackToRuns } from '../routing/route';
import { SpanTree } from './SpanTree';
import { useRunDetail } from './useRunDetail';

/** One run: its summary and its span tree, drawn over the runs list. Esc goes back. */
export function RunView({ traceId }: { traceId: string }) {
  const { state, retry } = useRunDetail(traceId);
  const viewRef = useRef<HTMLElement>(null);

  useEffect(() => {
    viewRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !isShortcutEvent(event)) return;
      event.preventDefault();
      navigateBackToRuns();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return (
    <section
      ref={viewRef}
      className="run-view"
      data-testid="run-view"
      data-state={state.status}
      data-trace-id={traceId}
      aria-label="Run"
      tabIndex={-1}
    >
      <div className="run-view__bar">
        <button
          type="button"
          className="button button--quiet"
          data-testid="back-button"
          onClick={navigateBackToRuns}
          title="Back to runs (Esc)"
        >
          ← Runs
        </button>
        {state.status === 'ready' && <RunHeader run={state.data.run} />}
      </div>
      {state.status === 'loading' && <p className="run-view__message muted">Loading run…</p>}
      {state.status === 'error' && (
        <div className="run-view__message" role="alert" data-testid="run-error">
          <p>
            {state.error.code === 'not_found'
              ? 'This run is not in the store (it may have been removed by retention).'
              : `Could not load this run: ${state.error.message}`}
          </p>
          <button type="button" className="button" data-testid="retry-button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && (
        <div className="run-view__body">
          <SpanTree spans={state.data.spans} />
        </div>
      )}
    </section>
  );
}

function RunHeader({ run }: { run: RunSummary }) {
  return (
    <div className="run-header" data-testid="run-header">
      <h1 className="run-header__name" data-testid="run-name" title={run.name}>
        {run.name === '' ? '(unnamed)' : run.name}
      </h1>
      <StatusBadge status={run.status} />
      <dl className="run-header__facts">
        <Fact label="Duration" value={formatDuration(run.durationMs)} testId="run-duration" />
        <Fact label="Spans" value={formatCount(run.spanCount)} testId="run-span-count" />
        <Fact label="Service" value={run.service} testId="run-service" />
        <Fact label="Started" value={formatClock(nanosToEpochMs(run.startNs))} testId="run-started" />
      </dl>
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
