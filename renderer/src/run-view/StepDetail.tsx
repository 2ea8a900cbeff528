import type { ReactNode } from 'react';
import type { StepDetail as StepDetailFields, StepOutline, StepView } from '../../../shared/domain/step';
import { isBilledKind } from '../../../shared/domain/step';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { type QueryState, useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { formatUsdExact, stepCostLabel } from '../common/cost-label';
import { CopyButton } from '../common/CopyButton';
import { KindBadge } from '../common/KindBadge';
import { isEmptyValue, prettyJson } from '../common/pretty-json';
import { addPriceForModel } from '../settings/add-price-for-model';
import { ChatMessages, FoldableText } from './ChatMessages';
import { buildTranscript } from './chat-transcript';
import { RawSpanSection } from './RawSpanSection';
import { StepEvents } from './StepEvents';
import { useStepView } from './useStepView';

const COST_SOURCE_LABELS = {
  reported: 'reported by the instrumentation',
  computed: 'computed from tokens × price',
  unknown: 'unknown',
} as const;

interface StepDetailProps {
  step: StepOutline;
  traceId: string;
  onClose: () => void;
}

/** The selected step: messages as a chat, tool input and output, usage and cost, timing, error. */
export function StepDetail({ step, traceId, onClose }: StepDetailProps) {
  // The outline (from the timeline) shows at once; messages and the raw span are read for this step alone.
  const { state, retry } = useStepView(traceId, step.spanId);
  const view = state.status === 'ready' ? state.data : null;
  const detail = view?.detail ?? null;
  const cost = stepCostLabel(step);
  const billed = isBilledKind(step.kind);

  return (
    <aside className="step-detail" data-testid="step-detail" data-span-id={step.spanId} aria-label="Step details">
      <header className="step-detail__head">
        <KindBadge kind={step.kind} />
        <h2 className="step-detail__title" title={step.name}>
          {step.name === '' ? '(unnamed)' : step.name}
        </h2>
        {step.status === 'error' && <span className="status-badge status-badge--error">error</span>}
        <button
          type="button"
          className="icon-button"
          data-testid="step-detail-close"
          aria-label="Close step details (Esc)"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {(step.model !== null || step.toolName !== null || detail?.agentName != null) && (
        <p className="step-detail__subtitle">
          {[
            step.model,
            step.provider,
            step.toolName !== null ? `tool ${step.toolName}` : null,
            detail?.agentName != null ? `agent ${detail.agentName}` : null,
            detail?.finishReason != null ? `finish: ${detail.finishReason}` : null,
          ]
            .filter((x): x is string => x !== null)
            .join(' · ')}
        </p>
      )}

      <dl className="step-detail__facts">
        <div className="fact">
          <dt>Cost</dt>
          <dd className="figure" data-testid="step-cost" data-state={cost.state} title={cost.title}>
            {cost.state === 'unknown' ? (
              <span className="no-price-badge">no price</span>
            ) : step.costUsd === null ? (
              '—'
            ) : (
              formatUsdExact(step.costUsd)
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Tokens in / out</dt>
          <dd>
            {step.inputTokens === null && step.outputTokens === null
              ? '—'
              : `${formatCount(step.inputTokens)} / ${formatCount(step.outputTokens)}`}
          </dd>
        </div>
        <div className="fact">
          <dt>Duration</dt>
          <dd>{formatDuration(step.durationMs)}</dd>
        </div>
        <div className="fact">
          <dt>Critical path</dt>
          <dd>{step.onCriticalPath ? '◆ yes' : 'no'}</dd>
        </div>
      </dl>

      <div className="step-detail__body">
        {step.costSource === 'unknown' && step.model !== null && (
          <UnpricedNotice model={step.model} provider={step.provider} traceId={traceId} />
        )}
        {view === null ? (
          <StepLoading state={state} onRetry={retry} statusMessage={step.statusMessage} />
        ) : (
          <StepContent detail={view.detail} />
        )}
        {(billed || step.inputTokens !== null || step.outputTokens !== null || step.costUsd !== null) && (
          <Section title="Usage and cost">
            <table className="kv-table" data-testid="step-usage">
              <tbody>
                <Row label="Input tokens" value={formatCount(step.inputTokens)} />
                <Row label="of which cached (read)" value={formatCount(step.cacheReadTokens)} sub />
                <Row label="of which cache write" value={formatCount(step.cacheWriteTokens)} sub />
                <Row label="Output tokens" value={formatCount(step.outputTokens)} />
                <Row label="of which reasoning" value={formatCount(step.reasoningTokens)} sub />
                <Row label="Cost" value={step.costUsd === null ? '—' : formatUsdExact(step.costUsd)} />
                <Row
                  label="Cost source"
                  value={step.costSource === null ? 'not a model call' : COST_SOURCE_LABELS[step.costSource]}
                />
                {!billed && (step.inputTokens !== null || step.outputTokens !== null) && (
                  <tr>
                    <td colSpan={2} className="muted kv-table__note">
                      Usage of the model calls inside this {step.kind}; not added to the run’s totals again.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </Section>
        )}
        <Section title="Timing">
          <table className="kv-table" data-testid="step-timing">
            <tbody>
              <Row label="Duration" value={formatDuration(step.durationMs)} />
              <Row label="Self time" value={formatDuration(step.selfTimeMs)} />
              {detail?.timeToFirstTokenMs != null && (
                <Row label="Time to first token" value={formatDuration(detail.timeToFirstTokenMs)} />
              )}
              <Row label="Starts at" value={`+${formatDuration(step.startOffsetMs)}`} />
              <Row label="On the critical path" value={step.onCriticalPath ? 'yes' : 'no'} />
            </tbody>
          </table>
        </Section>
        <Section title="Identifiers">
          <table className="kv-table">
            <tbody>
              <Row label="Span id" value={step.spanId} mono copy />
              <Row label="Trace id" value={traceId} mono copy />
              {detail?.toolCallId != null && <Row label="Tool call id" value={detail.toolCallId} mono copy />}
              {detail?.sessionId != null && <Row label="Session" value={detail.sessionId} mono copy />}
              {step.operation !== null && <Row label="Operation" value={step.operation} mono />}
              {detail !== null && detail.conventions.length > 0 && (
                <Row label="Read as" value={detail.conventions.join(', ')} mono />
              )}
            </tbody>
          </table>
        </Section>
        {view !== null && <StepEvents span={view.span} />}
        {view !== null && <RawSpanSection view={view} />}
      </div>
    </aside>
  );
}

/** The parts of a step read from its span on demand: error, messages, tool input and output, parameters. */
function StepContent({ detail: step }: { detail: StepDetailFields }) {
  const transcript = buildTranscript(step);
  const hasToolIo = !isEmptyValue(step.toolArguments) || !isEmptyValue(step.toolResult);
  const hasGenericIo = transcript.length === 0 && (!isEmptyValue(step.input) || !isEmptyValue(step.output));
  const params = Object.entries(step.requestParameters);
  return (
    <>
      {step.error !== null && (
        <Section title="Error">
          <div className="error-box" data-testid="step-error">
            {step.error}
          </div>
        </Section>
      )}
      {step.contentNotCaptured && (
        <div className="notice-box" data-testid="content-not-captured">
          <strong>Content not captured.</strong> The instrumentation recorded that this step has messages but did not
          capture them. Turn content capture on in your instrumentation (for OpenTelemetry GenAI:{' '}
          <code>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</code>) to see them here.
        </div>
      )}
      {transcript.length > 0 && (
        <Section title="Messages">
          <ChatMessages entries={transcript} />
        </Section>
      )}
      {hasToolIo && (
        <Section title="Tool call">
          <JsonField label="Arguments" value={step.toolArguments} />
          <JsonField label="Result" value={step.toolResult} />
        </Section>
      )}
      {hasGenericIo && (
        <Section title="Input and output">
          <JsonField label="Input" value={step.input} />
          <JsonField label="Output" value={step.output} />
        </Section>
      )}
      {params.length > 0 && (
        <Section title="Request parameters">
          <table className="kv-table">
            <tbody>
              {params.map(([key, value]) => (
                <Row key={key} label={key} value={typeof value === 'string' ? value : prettyJson(value)} mono />
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </>
  );
}

/** While the step's own detail loads (or after it failed): the status message at least, and a retry. */
function StepLoading({
  state,
  onRetry,
  statusMessage,
}: {
  state: QueryState<StepView>;
  onRetry: () => void;
  statusMessage: string;
}) {
  return (
    <>
      {statusMessage !== '' && (
        <Section title="Error">
          <div className="error-box">{statusMessage}</div>
        </Section>
      )}
      {state.status === 'error' ? (
        <div className="notice-box" role="alert" data-testid="step-load-error">
          Could not read this step: {state.error.message}{' '}
          <button type="button" className="button button--small" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : (
        <p className="muted step-detail__loading" data-testid="step-loading">
          Reading messages…
        </p>
      )}
    </>
  );
}

/** An unpriced model call: says why its cost is unknown and offers to add a price for its model. */
function UnpricedNotice({ model, provider, traceId }: { model: string; provider: string | null; traceId: string }) {
  // The cost is unknown when the model has no price, or when the call reported no usage: ask which.
  const { state, refresh } = useApiQuery('findPrice', { provider, model }, { keepPreviousData: true });
  useLiveRefresh(refresh, 'none', { prices: true });
  const price = state.status === 'ready' ? state.data.price : null;
  if (price !== null) {
    return (
      <div className="notice-box" data-testid="unpriced-notice">
        <strong>Cost unknown.</strong> {model} has a price ({price.model},{' '}
        {price.source === 'user' ? 'yours' : 'built-in'}
        ), but this call reported no token usage.
      </div>
    );
  }
  return (
    <div className="notice-box notice-box--action" data-testid="unpriced-notice">
      <p>
        <strong>No price for {model}.</strong> This call’s cost is unknown, so the run’s cost is a lower bound.
      </p>
      <button
        type="button"
        className="button button--primary"
        data-testid="add-price-for-model"
        onClick={() => {
          addPriceForModel(model, provider, traceId);
        }}
      >
        Add a price for {model}
      </button>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3 className="detail-section__title">{title}</h3>
      {children}
    </section>
  );
}

/** A labeled, foldable JSON value; nothing when the value is empty. */
function JsonField({ label, value }: { label: string; value: unknown }) {
  if (isEmptyValue(value)) return null;
  return (
    <Labeled label={label}>
      <FoldableText className="code-block" text={prettyJson(value)} />
    </Labeled>
  );
}

function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="labeled">
      <div className="labeled__label">{label}</div>
      {children}
    </div>
  );
}

interface RowProps {
  label: string;
  value: string;
  sub?: boolean;
  mono?: boolean;
  /** Offers a copy button for the value (ids). */
  copy?: boolean;
}

function Row({ label, value, sub, mono, copy }: RowProps) {
  return (
    <tr className={sub ? 'kv-table__sub' : undefined}>
      <th scope="row">{label}</th>
      <td className={mono ? 'mono' : undefined}>
        {value}
        {copy && (
          <>
            {' '}
            <CopyButton text={value} what={label.toLowerCase()} />
          </>
        )}
      </td>
    </tr>
  );
}
