import type { StepOutline } from '../../../shared/domain/step';
import type { StepRow } from './step-rows';

/** What a search within a run reads of a step without asking the engine: the scalar outline fields. */
type SearchableStep = Pick<StepOutline, 'name' | 'model' | 'toolName'>;

/** The search text as matched: trimmed and lower-cased; null when there is nothing to look for. */
export function normalizeRunQuery(text: string): string | null {
  const q = text.trim().toLowerCase();
  return q === '' ? null : q;
}

/** Whether the step's name, model or tool name contains every word of the (normalized) query. */
export function stepNameMatches(step: SearchableStep, query: string): boolean {
  const haystack = [step.name, step.model ?? '', step.toolName ?? ''].join('\n').toLowerCase();
  return query.split(/\s+/).every((word) => haystack.includes(word));
}

/**
 * Row indexes (ascending) of the steps matching the search: by name, model or tool here (which
 * also covers spans the engine's background index has not reached), or by their text as the
 * engine found it (`textMatches`: span ids).
 */
export function matchingRowIndexes(
  rows: readonly StepRow[],
  query: string | null,
  textMatches: ReadonlySet<string>,
): number[] {
  if (query === null) return [];
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (textMatches.has(row.span.spanId) || stepNameMatches(row.span.step, query)) out.push(i);
  });
  return out;
}
