import type { RunOrigin } from '../../../shared/domain/run';
import type { DecodedLogs, DecodedTraces, ScopeGroup } from '../otlp/model';
import { logRejection, normalizeParent, spanRejection } from '../otlp/validate';
import type { IngestBatch } from './ingest-batch';

const MAX_REASONS = 3;

export interface PreparedBatch {
  batch: IngestBatch;
  /** Items left out because they are invalid; the valid ones are still stored. */
  rejected: number;
  reasons: string[];
  warnings: string[];
}

function keepValid<T>(
  groups: ScopeGroup<T>[],
  rejection: (item: T) => string | null,
  tally: { rejected: number; reasons: string[] },
): ScopeGroup<T>[] {
  const out: ScopeGroup<T>[] = [];
  for (const g of groups) {
    const items: T[] = [];
    for (const item of g.items) {
      const why = rejection(item);
      if (why === null) {
        items.push(item);
        continue;
      }
      tally.rejected++;
      if (tally.reasons.length < MAX_REASONS && !tally.reasons.includes(why)) tally.reasons.push(why);
    }
    if (items.length > 0) out.push({ resource: g.resource, scope: g.scope, items });
  }
  return out;
}

/** Validates decoded traces and/or logs into one batch for the writer, counting what was rejected. */
export function prepareBatch(
  input: { traces?: DecodedTraces; logs?: DecodedLogs },
  origin: RunOrigin = 'live',
  source: string | null = null,
): PreparedBatch {
  const tally = { rejected: 0, reasons: [] as string[] };
  const spanGroups = input.traces ? keepValid(input.traces.groups, spanRejection, tally) : [];
  for (const g of spanGroups) g.items.forEach(normalizeParent);
  const logGroups = input.logs ? keepValid(input.logs.groups, logRejection, tally) : [];
  return {
    batch: { spanGroups, logGroups, origin, source },
    rejected: tally.rejected,
    reasons: tally.reasons,
    warnings: [...(input.traces?.warnings ?? []), ...(input.logs?.warnings ?? [])],
  };
}
