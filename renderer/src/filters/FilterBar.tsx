import type { RunOrigin, RunStatus } from '../../../shared/domain/run';
import { EMPTY_FILTER, type ViewFilter, isFilterActive } from '../routing/view-query';
import { formatCostInput, formatDurationInput, parseCostInput, parseDurationInput } from './filter-inputs';
import { RangeControl, SelectField, TextField, withCurrent } from './filter-fields';
import { SearchBox } from './SearchBox';
import { useFacets } from './useFacets';

export type FilterField =
  | 'search'
  | 'range'
  | 'service'
  | 'status'
  | 'model'
  | 'origin'
  | 'session'
  | 'minCost'
  | 'minDuration';

export const ALL_FILTER_FIELDS: readonly FilterField[] = [
  'search',
  'range',
  'service',
  'status',
  'model',
  'origin',
  'session',
  'minCost',
  'minDuration',
];

export type FilterChange = (filter: ViewFilter, options?: { replace?: boolean }) => void;

interface FilterBarProps {
  filter: ViewFilter;
  onChange: FilterChange;
  /** Which controls to show (all by default). */
  fields?: readonly FilterField[];
  /** Whether the page is the one on screen: `/` then focuses its search box. */
  active: boolean;
}

const ORIGIN_LABELS: Record<RunOrigin, string> = {
  live: 'Live',
  import: 'Imported',
  replay: 'Replay',
  eval: 'Eval',
};

/**
 * The filters shared by the runs, sessions and insights pages. Every change goes to the URL
 * through `onChange` (the page re-reads its filter from there), so links, reloads and Back all
 * restore what is shown.
 */
export function FilterBar({ filter, onChange, fields = ALL_FILTER_FIELDS, active }: FilterBarProps) {
  const facets = useFacets();
  const show = (field: FilterField) => fields.includes(field);
  const set = (patch: Partial<ViewFilter>) => {
    onChange({ ...filter, ...patch });
  };
  const filtered = isFilterActive(fields.includes('session') ? filter : { ...filter, sessionId: null });

  return (
    <div className="filter-bar" data-testid="filter-bar" role="group" aria-label="Filters">
      {show('search') && (
        <SearchBox
          value={filter.text}
          active={active}
          onCommit={(text, replace) => {
            onChange({ ...filter, text }, { replace });
          }}
        />
      )}
      {show('range') && (
        <RangeControl
          range={filter.range}
          onChange={(range) => {
            set({ range });
          }}
        />
      )}
      {show('service') && (
        <SelectField
          label="Service"
          testId="filter-service"
          value={filter.service}
          allLabel="All"
          options={withCurrent(facets.services, filter.service).map((s) => ({ value: s, label: s }))}
          onChange={(service) => {
            set({ service });
          }}
        />
      )}
      {show('status') && (
        <SelectField<RunStatus>
          label="Status"
          testId="filter-status"
          value={filter.status}
          allLabel="All"
          options={[
            { value: 'ok', label: 'ok' },
            { value: 'error', label: 'error' },
          ]}
          onChange={(status) => {
            set({ status });
          }}
        />
      )}
      {show('model') && (
        <SelectField
          label="Model"
          testId="filter-model"
          value={filter.model}
          allLabel="All"
          options={withCurrent(facets.models, filter.model).map((m) => ({ value: m, label: m }))}
          onChange={(model) => {
            set({ model });
          }}
        />
      )}
      {show('origin') && (
        <SelectField<RunOrigin>
          label="Origin"
          testId="filter-origin"
          value={filter.origin}
          allLabel="All"
          options={withCurrent(facets.origins, filter.origin).map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))}
          onChange={(origin) => {
            set({ origin });
          }}
        />
      )}
      {show('session') && (
        <TextField
          label="Session"
          testId="filter-session"
          placeholder="any"
          width="wide"
          value={filter.sessionId}
          format={(v) => v}
          parse={(text) => text.trim() || null}
          onChange={(sessionId) => {
            set({ sessionId });
          }}
        />
      )}
      {show('minCost') && (
        <TextField
          label="Cost ≥"
          testId="filter-min-cost"
          placeholder="$0.01"
          value={filter.minCostUsd}
          format={formatCostInput}
          parse={parseCostInput}
          invalidHint="A dollar amount, e.g. $0.01"
          onChange={(minCostUsd) => {
            set({ minCostUsd });
          }}
        />
      )}
      {show('minDuration') && (
        <TextField
          label="Duration ≥"
          testId="filter-min-duration"
          placeholder="2s"
          value={filter.minDurationMs}
          format={formatDurationInput}
          parse={parseDurationInput}
          invalidHint="A duration, e.g. 500ms, 2s or 1.5m (a bare number is ms)"
          onChange={(minDurationMs) => {
            set({ minDurationMs });
          }}
        />
      )}
      <button
        type="button"
        className="button button--quiet filter-bar__clear"
        data-testid="clear-filters"
        hidden={!filtered}
        onClick={() => {
          onChange({ ...EMPTY_FILTER });
        }}
      >
        Clear filters
      </button>
    </div>
  );
}
