export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Tooltip explaining the column. */
  title?: string;
  /** Narrow columns: the label is for screen readers only. */
  labelHidden?: boolean;
}

/** The header row of a virtualized grid (runs table, step tree). */
export function ColumnHeaders({ className, columns }: { className: string; columns: readonly Column[] }) {
  return (
    <div className={className} role="row" aria-rowindex={1}>
      {columns.map((c) => (
        <div key={c.label} role="columnheader" className={c.numeric ? 'cell cell--num' : 'cell'} title={c.title}>
          {c.labelHidden ? <span className="visually-hidden">{c.label}</span> : c.label}
        </div>
      ))}
    </div>
  );
}
