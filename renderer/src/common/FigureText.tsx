import type { FigureLabel } from './cost-label';

/** A figure cell's content: its text with the explaining tooltip, marked by how complete it is. */
export function FigureText({ label, testId }: { label: FigureLabel; testId?: string }) {
  return (
    <span className="figure" data-state={label.state} data-testid={testId} title={label.title}>
      {label.text}
    </span>
  );
}
