import type { DecodedSpan } from '../../electron/engine/otlp/model';
import { emptyResource, emptyScope } from '../../electron/engine/otlp/model';
import type { InsertBatch } from '../../electron/engine/store/insert-batch';
import { toInsertBatch } from '../../electron/engine/ingest/to-insert-batch';

/** A valid decoded span with overridable fields (times in ns as bigint). */
export function decodedSpan(overrides: Partial<DecodedSpan> & Pick<DecodedSpan, 'traceId' | 'spanId'>): DecodedSpan {
  return {
    parentSpanId: '',
    traceState: '',
    name: 'span',
    kind: 1,
    startNs: 1_000_000_000n,
    endNs: 2_000_000_000n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 0,
    statusMessage: '',
    flags: 0,
    ...overrides,
  };
}

export function batchOf(spans: DecodedSpan[], service = 'svc'): InsertBatch {
  const resource = { ...emptyResource(), attributes: { 'service.name': service } };
  return toInsertBatch({
    spanGroups: [{ resource, scope: emptyScope(), items: spans }],
    logGroups: [],
    origin: 'live',
    source: null,
  });
}
