/** There is data, but none of it matches the filters. */
export function NoMatch({ onClearFilters, what = 'runs' }: { onClearFilters: () => void; what?: string }) {
  return (
    <div className="no-match" data-testid="no-match">
      <h2 className="no-match__title">No {what} match these filters</h2>
      <p className="muted">
        Widen the time range or remove a filter. A search matches whole words by their beginning, in prompts, outputs,
        tool calls and step names.
      </p>
      <button type="button" className="button" data-testid="clear-filters" onClick={onClearFilters}>
        Clear filters
      </button>
    </div>
  );
}
