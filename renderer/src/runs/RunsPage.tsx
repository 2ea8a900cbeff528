import { useCallback } from 'react';
import type { RunSortKey } from '../../../shared/domain/run-filter';
import { formatCount } from '../../../shared/format/format-count';
import { ExportMenu } from '../exchange/ExportMenu';
import { FilterBar, type FilterChange } from '../filters/FilterBar';
import { navigate } from '../routing/route';
import { EMPTY_FILTER, type RunsView, isFilterActive, toRunFilter, viewToQuery } from '../routing/view-query';
import { RunsTable } from './RunsTable';
import { useRunsSelectionStore } from './runs-selection-store';
import { useRuns } from './useRuns';

interface RunsPageProps {
  /** False while another page or a run is on top: the page stays mounted but hidden and inert. */
  active: boolean;
  /** The filters and order, from the URL (the last runs URL while another page is on top). */
  view: RunsView;
  otlpHttpUrl: string | null;
}

/** Clicking a column orders by it, largest first; clicking it again flips the order. */
function nextSort(view: RunsView, by: RunSortKey): RunsView['sort'] {
  if (view.sort.by === by) return { by, dir: view.sort.dir === 'desc' ? 'asc' : 'desc' };
  return { by, dir: 'desc' };
}

export function RunsPage({ active, view, otlpHttpUrl }: RunsPageProps) {
  const list = useRuns(view);
  const selectedTraceId = useRunsSelectionStore((state) => state.selectedTraceId);
  const select = useRunsSelectionStore((state) => state.select);
  const filtered = isFilterActive(view.filter);

  const open = useCallback(
    (traceId: string) => {
      select(traceId);
      navigate({ page: 'run', traceId });
    },
    [select],
  );

  const changeFilter: FilterChange = (filter, options) => {
    navigate({ page: 'runs', view: { ...view, filter } }, options);
  };

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
          {(list.state === 'ready' || (list.state === 'empty' && filtered)) &&
            `${formatCount(list.runs.length)}${list.hasMore ? '+' : ''} ${filtered ? 'matching ' : ''}${
              list.runs.length === 1 ? 'run' : 'runs'
            }`}
        </span>
        <span className="page-toolbar__status muted" role="status" data-testid="runs-updating">
          {list.updating ? 'Updating…' : ''}
        </span>
        {list.state === 'ready' && list.error !== null && (
          <span className="page-toolbar__warning" role="status" title={list.error.message}>
            Refresh failed: {list.error.message}
          </span>
        )}
        <span className="page-toolbar__spacer" />
        <ExportMenu
          testId="runs-export"
          targets={[
            {
              id: 'filtered',
              label: filtered ? 'Runs matching the filter' : 'All runs',
              what: filtered ? 'the matching runs' : 'all runs',
              request: () => ({ filter: toRunFilter(view.filter, Date.now()) }),
            },
            ...(selectedTraceId !== null
              ? [
                  {
                    id: 'selected',
                    label: 'Highlighted run',
                    what: 'the highlighted run',
                    request: () => ({ traceIds: [selectedTraceId] }),
                  },
                ]
              : []),
          ]}
        />
        <span className="page-toolbar__hint muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search · <kbd>?</kbd> keys
        </span>
      </div>
      <FilterBar filter={view.filter} onChange={changeFilter} active={active} />
      <RunsTable
        list={list}
        active={active}
        selectedTraceId={selectedTraceId}
        onSelect={select}
        onOpen={open}
        otlpHttpUrl={otlpHttpUrl}
        sort={view.sort}
        onSort={(by) => {
          navigate({ page: 'runs', view: { ...view, sort: nextSort(view, by) } });
        }}
        filtered={filtered}
        onClearFilters={() => {
          changeFilter({ ...EMPTY_FILTER });
        }}
        resetKey={viewToQuery(view)}
      />
    </div>
  );
}
