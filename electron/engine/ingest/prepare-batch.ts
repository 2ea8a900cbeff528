import type { RunOrigin } from '../../../shared/domain/run';
import type { DecodedLogs, DecodedSpan, DecodedTraces, ScopeGroup } from '../otlp/model';
import { linkRejection, logRejection, normalizeParent, spanRejection } from '../otlp/validate';
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

/**
 * Leaves out the links whose ids point nowhere (counted in the span's dropped links): the span
 * itself is valid. Returns how many were left out, and the first reason.
 */
function dropInvalidLinks(groups: readonly ScopeGroup<DecodedSpan>[]): { dropped: number; reason: string | null } {
  let dropped = 0;
  let reason: string | null = null;
  for (const g of groups) {
    for (const s of g.items) {
      if (s.links.length === 0) continue;
      const kept = s.links.filter((l) => {
        const why = linkRejection(l);
        if (why !== null) reason ??= why;
        return why === null;
      });
      const left = s.links.length - kept.length;
      if (left === 0) continue;
      dropped += left;
      s.droppedLinksCount += left;
      s.links = kept;
    }
  }
  return { dropped, reason };
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
  const links = dropInvalidLinks(spanGroups);
  const logGroups = input.logs ? keepValid(input.logs.groups, logRejection, tally) : [];
  const warnings = [...(input.traces?.warnings ?? []), ...(input.logs?.warnings ?? [])];
  if (links.dropped > 0) warnings.push(`${links.dropped} link(s) left out: ${links.reason}`);
  return {
    batch: { spanGroups, logGroups, origin, source },
    rejected: tally.rejected,
    reasons: tally.reasons,
    warnings,
  };
}
