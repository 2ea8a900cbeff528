export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Tooltip explaining the column. */
  title?: string;
  /** Narrow columns: the label is for screen readers only. */
  labelHidden?: boolean;
  /** The list can be ordered by this column: the key passed to `onSort`. */
  sortKey?: string;
}

export interface ColumnSort {
  key: string;
  dir: 'asc' | 'desc';
}

interface ColumnHeadersProps {
  className: string;
  columns: readonly Column[];
  /** The current order (columns with a `sortKey` become buttons when `onSort` is given). */
  sort?: ColumnSort;
  onSort?: (key: string) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** The header row of a virtualized grid (runs table, step tree); sortable columns toggle on click. */
export function ColumnHeaders({ className, columns, sort, onSort }: ColumnHeadersProps) {
  return (
    <div className={className} role="row" aria-rowindex={1}>
      {columns.map((c) => {
        const classes = c.numeric ? 'cell cell--num' : 'cell';
        const label = c.labelHidden ? <span className="visually-hidden">{c.label}</span> : c.label;
        if (c.sortKey === undefined || onSort === undefined) {
          return (
            <div key={c.label} role="columnheader" className={classes} title={c.title}>
              {label}
            </div>
          );
        }
        const sortKey = c.sortKey;
        const dir = sort?.key === sortKey ? sort.dir : null;
        return (
          <div
            key={c.label}
            role="columnheader"
            className={`${classes} cell--sortable`}
            aria-sort={dir === null ? 'none' : ARIA_SORT[dir]}
            data-testid="sort-header"
            data-sort-key={sortKey}
            data-sort-dir={dir ?? undefined}
          >
            <button
              type="button"
              className="sort-button"
              title={c.title === undefined ? `Sort by ${c.label}` : `${c.title}. Click to sort.`}
              onClick={() => {
                onSort(sortKey);
              }}
            >
              {c.numeric && <SortArrow dir={dir} />}
              <span className="sort-button__label">{label}</span>
              {!c.numeric && <SortArrow dir={dir} />}
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** Always takes its room, so the label does not shift when the order changes. */
function SortArrow({ dir }: { dir: 'asc' | 'desc' | null }) {
  return (
    <span className="sort-button__arrow" aria-hidden="true" data-active={dir !== null}>
      {dir === 'asc' ? '▲' : '▼'}
    </span>
  );
}
