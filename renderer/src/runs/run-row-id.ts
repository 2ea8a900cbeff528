/** DOM id of a run's row (for aria-activedescendant). */
export function runRowId(traceId: string): string {
  return `run-row-${traceId}`;
}
