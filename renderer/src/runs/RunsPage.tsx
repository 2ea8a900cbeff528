import { useCallback } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { navigate } from '../routing/route';
import { RunsTable } from './RunsTable';
import { useRunsSelectionStore } from './runs-selection-store';
import { useRuns } from './useRuns';

interface RunsPageProps {
  /** False while a run is open on top: the page stays mounted but hidden and inert. */
  active: boolean;
  otlpHttpUrl: string | null;
}

export function RunsPage({ active, otlpHttpUrl }: RunsPageProps) {
  const list = useRuns();
  const selectedTraceId = useRunsSelectionStore((state) => state.selectedTraceId);
  const select = useRunsSelectionStore((state) => state.select);

  const open = useCallback(
    (traceId: string) => {
      select(traceId);
      navigate({ page: 'run', traceId });
    },
    [select],
  );

  return (
    <div
      className={active ? 'runs-page' : 'runs-page is-covered'}
      data-testid="runs-page"
      inert={!active}
      aria-hidden={!active}
    >
      <div className="page-toolbar">
        <h1 className="page-toolbar__title">Runs</h1>
        <span className="page-toolbar__count muted" data-testid="runs-count">
          {list.state === 'ready' &&
            `${formatCount(list.runs.length)}${list.hasMore ? '+' : ''} ${list.runs.length === 1 ? 'run' : 'runs'}`}
        </span>
        {list.state === 'ready' && list.error !== null && (
          <span className="page-toolbar__warning" role="status" title={list.error.message}>
            Refresh failed: {list.error.message}
          </span>
        )}
        <span className="page-toolbar__spacer" />
        <span className="page-toolbar__hint muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open
        </span>
      </div>
      <RunsTable
        list={list}
        active={active}
        selectedTraceId={selectedTraceId}
        onSelect={select}
        onOpen={open}
        otlpHttpUrl={otlpHttpUrl}
      />
    </div>
  );
}
