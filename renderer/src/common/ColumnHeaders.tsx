export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/** The header row of a virtualized grid (runs table, span tree). */
export function ColumnHeaders({ className, columns }: { className: string; columns: readonly Column[] }) {
  return (
    <div className={className} role="row" aria-rowindex={1}>
      {columns.map((c) => (
        <div key={c.label} role="columnheader" className={c.numeric ? 'cell cell--num' : 'cell'}>
          {c.label}
        </div>
      ))}
    </div>
  );
}
