import type { DecodedLogRecord, DecodedResource, DecodedScope, DecodedSpan, ScopeGroup } from '../otlp/model';
import type { IngestBatch } from '../ingest/ingest-batch';
import type { Redactor } from './redactor';

/**
 * A batch with every secret redacted, ready to become rows: span attributes and status messages,
 * event and link attributes, log bodies and attributes, resource and scope attributes. Span, event
 * and log event names are kept. Objects with nothing to redact are shared, not copied.
 */
export function redactBatch(batch: IngestBatch, redactor: Redactor): IngestBatch {
  if (!redactor.enabled) return batch;
  const resources = new Map<DecodedResource, DecodedResource>();
  const scopes = new Map<DecodedScope, DecodedScope>();
  const group = <T>(g: ScopeGroup<T>, item: (x: T) => T): ScopeGroup<T> => ({
    resource: once(resources, g.resource, (r) => withAttributes(r, redactor.redactAttributes(r.attributes))),
    scope: once(scopes, g.scope, (s) => withAttributes(s, redactor.redactAttributes(s.attributes))),
    items: g.items.map(item),
  });
  return {
    ...batch,
    spanGroups: batch.spanGroups.map((g) => group(g, (s) => redactSpan(s, redactor))),
    logGroups: batch.logGroups.map((g) => group(g, (l) => redactLog(l, redactor))),
  };
}

export function redactSpan(s: DecodedSpan, redactor: Redactor): DecodedSpan {
  const attributes = redactor.redactAttributes(s.attributes);
  const statusMessage = redactor.redactText(s.statusMessage);
  let events = s.events;
  for (let i = 0; i < s.events.length; i++) {
    const e = s.events[i]!;
    const redacted = redactor.redactAttributes(e.attributes);
    if (redacted !== e.attributes) {
      if (events === s.events) events = s.events.slice();
      events[i] = { ...e, attributes: redacted };
    }
  }
  let links = s.links;
  for (let i = 0; i < s.links.length; i++) {
    const l = s.links[i]!;
    const redacted = redactor.redactAttributes(l.attributes);
    if (redacted !== l.attributes) {
      if (links === s.links) links = s.links.slice();
      links[i] = { ...l, attributes: redacted };
    }
  }
  if (attributes === s.attributes && statusMessage === s.statusMessage && events === s.events && links === s.links) {
    return s;
  }
  return { ...s, attributes, statusMessage, events, links };
}

export function redactLog(l: DecodedLogRecord, redactor: Redactor): DecodedLogRecord {
  const body = redactor.redactValue(l.body);
  const attributes = redactor.redactAttributes(l.attributes);
  return body === l.body && attributes === l.attributes ? l : { ...l, body, attributes };
}

function withAttributes<T extends { attributes: DecodedResource['attributes'] }>(x: T, attributes: T['attributes']): T {
  return attributes === x.attributes ? x : { ...x, attributes };
}

function once<T>(seen: Map<T, T>, x: T, redact: (x: T) => T): T {
  let out = seen.get(x);
  if (out === undefined) {
    out = redact(x);
    seen.set(x, out);
  }
  return out;
}
