/** Redacted decoded OTLP → the ReadableSpan / ReadableLogRecord objects the OTLP exporters take. */
import type { Attributes as OtelAttributes, HrTime, SpanContext, TraceState } from '@opentelemetry/api';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
import type { IngestBatch } from '../ingest/ingest-batch';
import type { DecodedResource, DecodedScope } from '../otlp/model';

type InstrumentationScope = ReadableSpan['instrumentationScope'];

const NS_PER_S = 1_000_000_000n;
/** OTLP span flags: the parent/link context's remoteness is known, and it is remote. */
const CONTEXT_IS_REMOTE = 0x200;

export function hrTime(ns: bigint): HrTime {
  return [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];
}

/**
 * One attribute value as the exporter's encoder reads it: strings, booleans, numbers, Uint8Array
 * (bytes), arrays and plain objects (key/value lists); null is an empty AnyValue. An int64 beyond
 * 2^53 is sent as the nearest double-precision integer and an integral double as an int: the
 * exporter's encoder cannot express either exactly.
 */
export function toOtelValue(v: AttrValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toOtelValue);
  if ('$int' in v) return Number(v.$int);
  if ('$double' in v) return typeof v.$double === 'number' ? v.$double : Number(v.$double);
  if ('$bytes' in v) return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
  return toOtelAttributes(v.$kv);
}

export function toOtelAttributes(attrs: Attributes): OtelAttributes {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: toOtelValue(v), enumerable: true });
    else out[k] = toOtelValue(v);
  }
  return out as OtelAttributes;
}

function traceState(serialized: string): TraceState | undefined {
  if (serialized === '') return undefined;
  const state: TraceState = {
    get: () => undefined,
    set: () => state,
    unset: () => state,
    serialize: () => serialized,
  };
  return state;
}

/** Converts resources and scopes once per batch; the exporter groups spans by Resource identity. */
class Interner {
  private readonly resources = new Map<DecodedResource, Resource>();
  private readonly scopes = new Map<DecodedScope, InstrumentationScope>();

  resource(r: DecodedResource): Resource {
    let out = this.resources.get(r);
    if (!out) {
      out = resourceFromAttributes(
        toOtelAttributes(r.attributes),
        r.schemaUrl === '' ? undefined : { schemaUrl: r.schemaUrl },
      );
      this.resources.set(r, out);
    }
    return out;
  }

  scope(s: DecodedScope): InstrumentationScope {
    let out = this.scopes.get(s);
    if (!out) {
      out = {
        name: s.name,
        ...(s.version ? { version: s.version } : {}),
        ...(s.schemaUrl ? { schemaUrl: s.schemaUrl } : {}),
      };
      this.scopes.set(s, out);
    }
    return out;
  }
}

/** The spans of a (redacted) batch as ReadableSpans, faithfully: ids, parent, kind, ns times, status… */
export function toReadableSpans(batch: IngestBatch): ReadableSpan[] {
  const interner = new Interner();
  const out: ReadableSpan[] = [];
  for (const g of batch.spanGroups) {
    const resource = interner.resource(g.resource);
    const instrumentationScope = interner.scope(g.scope);
    for (const s of g.items) {
      const traceFlags = s.flags & 0xff;
      const ctx: SpanContext = { traceId: s.traceId, spanId: s.spanId, traceFlags };
      const state = traceState(s.traceState);
      if (state) ctx.traceState = state;
      const startTime = hrTime(s.startNs);
      const endTime = hrTime(s.endNs);
      out.push({
        name: s.name,
        // OTLP kinds are the API's plus one (0 = unspecified, which the exporter writes for a missing kind).
        kind: (s.kind === 0 ? undefined : s.kind - 1) as ReadableSpan['kind'],
        spanContext: () => ctx,
        ...(s.parentSpanId
          ? {
              parentSpanContext: {
                traceId: s.traceId,
                spanId: s.parentSpanId,
                traceFlags,
                isRemote: (s.flags & CONTEXT_IS_REMOTE) !== 0,
              },
            }
          : {}),
        startTime,
        endTime,
        duration: hrTime(s.endNs >= s.startNs ? s.endNs - s.startNs : 0n),
        ended: true,
        status: { code: s.statusCode, ...(s.statusMessage ? { message: s.statusMessage } : {}) },
        attributes: toOtelAttributes(s.attributes),
        links: s.links.map((l) => {
          const linkState = traceState(l.traceState);
          return {
            context: {
              traceId: l.traceId,
              spanId: l.spanId,
              traceFlags: l.flags & 0xff,
              isRemote: (l.flags & CONTEXT_IS_REMOTE) !== 0,
              ...(linkState ? { traceState: linkState } : {}),
            },
            attributes: toOtelAttributes(l.attributes),
            droppedAttributesCount: l.droppedAttributesCount,
          };
        }),
        events: s.events.map((e) => ({
          name: e.name,
          time: hrTime(e.timeNs),
          attributes: toOtelAttributes(e.attributes),
          droppedAttributesCount: e.droppedAttributesCount,
        })),
        resource,
        instrumentationScope,
        droppedAttributesCount: s.droppedAttributesCount,
        droppedEventsCount: s.droppedEventsCount,
        droppedLinksCount: s.droppedLinksCount,
      });
    }
  }
  return out;
}

/** The log records of a (redacted) batch as ReadableLogRecords. */
export function toReadableLogs(batch: IngestBatch): ReadableLogRecord[] {
  const interner = new Interner();
  const out: ReadableLogRecord[] = [];
  for (const g of batch.logGroups) {
    const resource = interner.resource(g.resource);
    const instrumentationScope = interner.scope(g.scope);
    for (const l of g.items) {
      out.push({
        hrTime: hrTime(l.timeNs),
        hrTimeObserved: hrTime(l.observedTimeNs),
        ...(l.traceId ? { spanContext: { traceId: l.traceId, spanId: l.spanId, traceFlags: l.flags & 0xff } } : {}),
        ...(l.severityText ? { severityText: l.severityText } : {}),
        severityNumber: l.severityNumber as NonNullable<ReadableLogRecord['severityNumber']>,
        body: toOtelValue(l.body) as ReadableLogRecord['body'],
        ...(l.eventName ? { eventName: l.eventName } : {}),
        resource,
        instrumentationScope,
        attributes: toOtelAttributes(l.attributes) as ReadableLogRecord['attributes'],
        droppedAttributesCount: l.droppedAttributesCount,
      });
    }
  }
  return out;
}
