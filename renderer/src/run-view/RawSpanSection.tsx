import { useState } from 'react';
import type { StepView } from '../../../shared/domain/step';
import { CopyButton } from '../common/CopyButton';
import { JsonViewer } from '../common/json-viewer/JsonViewer';
import { prettyJson } from '../common/pretty-json';

/** What the instrumentation sent for this step, as stored: attributes, events, links, resource, scope and logs. */
export function rawSpanJson(view: StepView): string {
  const { span, resource, scope, logs } = view;
  return prettyJson({
    name: span.name,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceId: span.traceId,
    kind: span.kind,
    startNs: span.startNs,
    endNs: span.endNs,
    status: { code: span.statusCode, message: span.statusMessage },
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    resource: resource?.attributes ?? {},
    scope: scope === null ? null : { name: scope.name, version: scope.version, attributes: scope.attributes },
    logs: logs.map((l) => ({ eventName: l.eventName, timeNs: l.timeNs, body: l.body, attributes: l.attributes })),
  });
}

/** The raw span, folded away until asked for (Monaco loads on first open). */
export function RawSpanSection({ view }: { view: StepView }) {
  const [open, setOpen] = useState(false);
  const text = open ? rawSpanJson(view) : '';
  const attributeCount = Object.keys(view.span.attributes).length;
  return (
    <section className="detail-section">
      <h3 className="detail-section__title detail-section__title--row">
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          data-testid="raw-span-toggle"
          onClick={() => {
            setOpen((o) => !o);
          }}
        >
          {open ? '▾' : '▸'} Raw span
        </button>
        <span className="muted">
          {attributeCount} attributes · {view.span.events.length} events · {view.logs.length} logs
        </span>
        {open && <CopyButton text={text} what="raw span JSON" />}
      </h3>
      {open && <JsonViewer text={text} label="Raw span JSON" testId="raw-span-json" />}
    </section>
  );
}
