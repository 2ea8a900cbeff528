import type { RunDetail } from '../../../shared/domain/run';
import type { CostSource, RunStep } from '../../../shared/domain/step';
import { stepTimings } from '../../../shared/domain/step-timing';
import { describeStep } from './normalize-step';
import type { LinkedLogEvent } from './span-input';

export interface StoredCost {
  costUsd: number | null;
  costSource: CostSource | null;
}

const STATUS = ['unset', 'ok', 'error'] as const;

/**
 * A run's spans as steps: each span normalized with the log events joined to it (whichever arrived
 * first), its stored cost (priced at ingest, re-priced when prices change), self time and whether it
 * is on the critical path.
 */
export function buildRunSteps(detail: RunDetail, costs: ReadonlyMap<string, StoredCost>): RunStep[] {
  const logsBySpan = new Map<string, LinkedLogEvent[]>();
  for (const l of detail.logs) {
    if (l.spanId === '') continue;
    let list = logsBySpan.get(l.spanId);
    if (!list) logsBySpan.set(l.spanId, (list = []));
    list.push({ eventName: l.eventName, body: l.body, attributes: l.attributes });
  }
  const timings = stepTimings(
    detail.spans.map((s) => ({
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      startNs: BigInt(s.startNs),
      endNs: BigInt(s.endNs),
    })),
  );
  const runStart = BigInt(detail.run.startNs);
  return detail.spans.map((s) => {
    const startNs = BigInt(s.startNs);
    const step = describeStep({
      name: s.name,
      statusCode: s.statusCode,
      statusMessage: s.statusMessage,
      startNs,
      attributes: s.attributes,
      events: s.events,
      scopeName: detail.scopes[s.scopeIndex]?.name ?? '',
      resourceAttributes: detail.resources[s.resourceIndex]?.attributes ?? {},
      logs: logsBySpan.get(s.spanId) ?? [],
    });
    const timing = timings.get(s.spanId);
    const cost = costs.get(s.spanId) ?? { costUsd: null, costSource: null };
    return {
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      startNs: s.startNs,
      startOffsetMs: Number(startNs - runStart) / 1e6,
      durationMs: s.durationMs,
      selfTimeMs: timing ? Number(timing.selfTimeNs) / 1e6 : s.durationMs,
      onCriticalPath: timing?.onCriticalPath ?? false,
      status: STATUS[s.statusCode] ?? 'unset',
      model: step.responseModel ?? step.requestModel,
      costUsd: cost.costUsd,
      costSource: cost.costSource,
      ...step,
    };
  });
}
