import type { SpanEventRecord, SpanRecord } from '../../../shared/domain/run';
import { formatDuration } from '../../../shared/format/format-duration';
import { nanosDiffMs } from '../../../shared/format/time';
import { prettyJson } from '../common/pretty-json';
import { FoldableText } from './ChatMessages';

const STACK_KEY = 'exception.stacktrace';

/** An exception event as type, message and stack (OTel `exception` span events). */
function ExceptionView({ event }: { event: SpanEventRecord }) {
  const a = event.attributes;
  const type = typeof a['exception.type'] === 'string' ? a['exception.type'] : 'Exception';
  const message = typeof a['exception.message'] === 'string' ? a['exception.message'] : '';
  const stack = typeof a[STACK_KEY] === 'string' ? a[STACK_KEY] : null;
  return (
    <div className="step-event step-event--exception" data-testid="step-exception">
      <div className="error-box">
        <strong>{type}</strong>
        {message !== '' && `: ${message}`}
      </div>
      {stack !== null && <FoldableText className="code-block step-event__stack" text={stack} />}
    </div>
  );
}

/** The span's events in time order: exceptions with their stack, others with their attributes. */
export function StepEvents({ span }: { span: SpanRecord }) {
  if (span.events.length === 0) return null;
  return (
    <section className="detail-section" data-testid="step-events">
      <h3 className="detail-section__title">Events ({span.events.length})</h3>
      <ol className="step-events">
        {span.events.map((event, i) => {
          const at = `+${formatDuration(Math.max(0, nanosDiffMs(span.startNs, event.timeNs)))}`;
          const attributes = Object.keys(event.attributes).length > 0 ? prettyJson(event.attributes) : null;
          return (
            <li key={i} className="step-event">
              <div className="step-event__head">
                <span className="step-event__name">{event.name}</span>
                <span className="muted">{at}</span>
              </div>
              {event.name === 'exception' ? (
                <ExceptionView event={event} />
              ) : (
                attributes !== null && <FoldableText className="code-block" text={attributes} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
