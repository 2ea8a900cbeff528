import type { LogRecordRecord, ResourceRecord, RunDetail, ScopeRecord, SpanRecord } from '../../../shared/domain/run';
import type { CostSource, RunStep, StepDetail } from '../../../shared/domain/step';
import { stepTimings } from '../../../shared/domain/step-timing';
import { describeStep } from './normalize-step';

export interface StoredCost {
  costUsd: number | null;
  costSource: CostSource | null;
}

const STATUS = ['unset', 'ok', 'error'] as const;

/** One stored span read by the normalizer, with the log events joined to it (whichever arrived first). */
export function describeSpan(
  span: SpanRecord,
  resource: ResourceRecord | undefined,
  scope: ScopeRecord | undefined,
  logs: readonly LogRecordRecord[],
): StepDetail {
  return describeStep({
    name: span.name,
    statusCode: span.statusCode,
    statusMessage: span.statusMessage,
    startNs: BigInt(span.startNs),
    attributes: span.attributes,
    events: span.events,
    scopeName: scope?.name ?? '',
    resourceAttributes: resource?.attributes ?? {},
    logs: logs.map((l) => ({ eventName: l.eventName, body: l.body, attributes: l.attributes })),
  });
}

/**
 * A run's spans as steps: each span normalized with the log events joined to it, its stored cost
 * (priced at ingest, re-priced when prices change), self time and whether it is on the critical path.
 */
export function buildRunSteps(detail: RunDetail, costs: ReadonlyMap<string, StoredCost>): RunStep[] {
  const logsBySpan = new Map<string, LogRecordRecord[]>();
  for (const l of detail.logs) {
    if (l.spanId === '') continue;
    let list = logsBySpan.get(l.spanId);
    if (!list) logsBySpan.set(l.spanId, (list = []));
    list.push(l);
  }
  const runStart = BigInt(detail.run.startNs);
  const offsetNs = (ns: string) => Number(BigInt(ns) - runStart);
  const timings = stepTimings(
    detail.spans.map((s) => ({
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      startNs: offsetNs(s.startNs),
      endNs: offsetNs(s.endNs),
    })),
  );
  return detail.spans.map((s) => {
    const step = describeSpan(
      s,
      detail.resources[s.resourceIndex],
      detail.scopes[s.scopeIndex],
      logsBySpan.get(s.spanId) ?? [],
    );
    const timing = timings.get(s.spanId);
    const cost = costs.get(s.spanId) ?? { costUsd: null, costSource: null };
    return {
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      startNs: s.startNs,
      startOffsetMs: offsetNs(s.startNs) / 1e6,
      durationMs: s.durationMs,
      selfTimeMs: timing ? timing.selfTimeNs / 1e6 : s.durationMs,
      onCriticalPath: timing?.onCriticalPath ?? false,
      status: STATUS[s.statusCode] ?? 'unset',
      statusMessage: s.statusMessage,
      model: step.responseModel ?? step.requestModel,
      costUsd: cost.costUsd,
      costSource: cost.costSource,
      ...step,
    };
  });
}
