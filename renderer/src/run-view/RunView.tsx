import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatClock, nanosToEpochMs } from '../../../shared/format/time';
import { type FigureLabel, runCostLabel, runTokensLabel } from '../common/cost-label';
import { isShortcutEvent } from '../common/keyboard';
import { StatusBadge } from '../common/StatusBadge';
import { toApiError } from '../api/api-client';
import { useAppServices } from '../app/useAppServices';
import { ExportMenu } from '../exchange/ExportMenu';
import { navigateBackToRuns, routeToHash } from '../routing/route';
import { DEFAULT_VIEW } from '../routing/view-query';
import { RunTabs, showRunTab } from './RunTabs';
import { RunTimeline } from './RunTimeline';
import { StepDetail } from './StepDetail';
import { TranscriptView } from './TranscriptView';
import type { RunTab } from './run-tabs';
import { buildStepRows } from './step-rows';
import './run-page-features.css';
import { useStepSelectionStore } from './step-selection-store';
import { useRunOutline } from './useRunOutline';
import { useStepDeepLink } from './useStepDeepLink';

/**
 * One run: its totals, then the Timeline tab (step tree and the selected step's details) or the
 * Transcript tab, drawn over the runs list. Esc goes back.
 */
export function RunView({ traceId, tab, spanId }: { traceId: string; tab: RunTab; spanId?: string }) {
  const { state, retry } = useRunOutline(traceId);
  const viewRef = useRef<HTMLElement>(null);
  const selectedSpanId = useStepSelectionStore((s) => (s.traceId === traceId ? s.spanId : null));
  const selectStep = useStepSelectionStore((s) => s.select);
  const steps = state.status === 'ready' ? state.data.steps : null;
  const rows = useMemo(() => (steps === null ? [] : buildStepRows(steps)), [steps]);
  const selectedStep = useMemo(
    () => (selectedSpanId === null ? null : (steps?.find((s) => s.spanId === selectedSpanId) ?? null)),
    [steps, selectedSpanId],
  );

  const select = useCallback((spanId: string | null) => selectStep(traceId, spanId), [selectStep, traceId]);
  const openStep = useCallback(
    (spanId: string) => {
      select(spanId);
      showRunTab(traceId, 'timeline');
    },
    [select, traceId],
  );

  useStepDeepLink(traceId, tab, spanId, selectedSpanId, select);

  useEffect(() => {
    viewRef.current?.focus({ preventScroll: true });
  }, []);

  // Esc closes the step details first, then leaves the run.
  const hasSelection = selectedStep !== null;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !isShortcutEvent(event)) return;
      event.preventDefault();
      if (hasSelection) select(null);
      else navigateBackToRuns();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [hasSelection, select]);

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
        {state.status === 'ready' && (
          <ExportMenu
            testId="run-export"
            targets={[{ id: 'run', label: 'This run', what: 'the run', request: () => ({ traceIds: [traceId] }) }]}
          />
        )}
        {state.status === 'ready' && <DeleteRun traceId={traceId} />}
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
        <div className="run-view__tabs">
          <RunTabs traceId={traceId} tab={tab} />
        </div>
      )}
      {state.status === 'ready' && tab === 'transcript' && <TranscriptView traceId={traceId} onOpenStep={openStep} />}
      {state.status === 'ready' && tab === 'timeline' && (
        <div className={selectedStep ? 'run-view__body has-detail' : 'run-view__body'}>
          <div className="run-view__tree">
            <RunTimeline
              traceId={traceId}
              rows={rows}
              selectedSpanId={selectedStep?.spanId ?? null}
              onSelect={select}
            />
          </div>
          {selectedStep && (
            <StepDetail
              key={selectedStep.spanId}
              step={selectedStep}
              traceId={traceId}
              onClose={() => {
                select(null);
              }}
            />
          )}
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
        <Fact label="Duration" testId="run-duration">
          {formatDuration(run.durationMs)}
        </Fact>
        <Fact label="Spans" testId="run-span-count" secondary>
          {formatCount(run.spanCount)}
        </Fact>
        <Fact label="LLM calls" testId="run-llm-calls">
          {formatCount(run.llmCalls)}
        </Fact>
        <Fact label="Tool calls" testId="run-tool-calls">
          {formatCount(run.toolCalls)}
        </Fact>
        {run.errorCount > 0 && (
          <Fact label="Errors" testId="run-error-count" tone="error">
            {formatCount(run.errorCount)}
          </Fact>
        )}
        <Fact label="Tokens" testId="run-tokens" figure={runTokensLabel(run)} />
        <Fact label="Cost" testId="run-cost" figure={runCostLabel(run)} />
        <Fact label="Service" testId="run-service" secondary>
          {run.service}
        </Fact>
        {run.sessionId !== null && (
          <Fact label="Session" testId="run-session" secondary>
            <a
              className="run-header__link"
              href={routeToHash({
                page: 'runs',
                view: { ...DEFAULT_VIEW, filter: { ...DEFAULT_VIEW.filter, sessionId: run.sessionId } },
              })}
              title={`All runs of session ${run.sessionId}`}
            >
              {run.sessionId}
            </a>
          </Fact>
        )}
        <Fact label="Origin" testId="run-origin" secondary>
          <span title={run.source ?? undefined}>
            {run.origin === 'import' && run.source !== null ? `import · ${run.source}` : run.origin}
          </span>
        </Fact>
        <Fact label="Started" testId="run-started" secondary>
          {formatClock(nanosToEpochMs(run.startNs))}
        </Fact>
      </dl>
    </div>
  );
}

/** "Delete run", confirmed in place; back to the runs list once deleted. */
function DeleteRun({ traceId }: { traceId: string }) {
  const { api } = useAppServices();
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'deleting'>('idle');
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setPhase('deleting');
    try {
      await api.call('deleteRuns', { traceIds: [traceId] });
      navigateBackToRuns();
    } catch (err) {
      setError(toApiError(err).message);
      setPhase('confirm');
    }
  };
  if (phase === 'idle') {
    return (
      <button
        type="button"
        className="button button--quiet button--small"
        data-testid="delete-run"
        title="Delete this run with its steps and logs"
        onClick={() => {
          setError(null);
          setPhase('confirm');
        }}
      >
        Delete run
      </button>
    );
  }
  return (
    <span className="run-view__delete" role="group" aria-label="Confirm deleting this run">
      {error !== null ? <span className="error-text">{error}</span> : <span>Delete this run?</span>}{' '}
      <button
        type="button"
        className="button button--danger button--small"
        data-testid="delete-run-confirm"
        disabled={phase === 'deleting'}
        onClick={() => void remove()}
      >
        Delete
      </button>{' '}
      <button
        type="button"
        className="button button--small"
        disabled={phase === 'deleting'}
        onClick={() => {
          setPhase('idle');
        }}
      >
        Cancel
      </button>
    </span>
  );
}

interface FactProps {
  label: string;
  testId: string;
  children?: ReactNode;
  /** A figure with its tooltip and completeness (instead of children). */
  figure?: FigureLabel;
  /** Left out when the window is narrow. */
  secondary?: boolean;
  tone?: 'error';
}

function Fact({ label, testId, children, figure, secondary, tone }: FactProps) {
  return (
    <div className={['fact', secondary && 'fact--secondary', tone && `fact--${tone}`].filter(Boolean).join(' ')}>
      <dt>{label}</dt>
      <dd
        data-testid={testId}
        className={figure ? 'figure' : undefined}
        data-state={figure?.state}
        title={figure?.title}
      >
        {figure ? figure.text : children}
      </dd>
    </div>
  );
}
