import type { MessagePart } from '../../../shared/domain/step';
import type { ModelCallEntry, ToolCallEntry, TranscriptEntry } from '../../../shared/domain/transcript';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { KindBadge } from '../common/KindBadge';
import { isEmptyValue, prettyJson } from '../common/pretty-json';
import { ChatMessage, FoldableText } from './ChatMessages';

interface TranscriptEntryViewProps {
  entry: TranscriptEntry;
  onOpenStep: (spanId: string) => void;
}

/** One step's part of the conversation, headed by a link to the step in the timeline. */
export function TranscriptEntryView({ entry, onOpenStep }: TranscriptEntryViewProps) {
  const { step } = entry;
  return (
    <article
      className="transcript-entry"
      data-testid="transcript-entry"
      data-type={entry.type}
      data-span-id={step.spanId}
      data-status={step.status}
    >
      <header className="transcript-entry__head">
        <button
          type="button"
          className="transcript-entry__link"
          data-testid="transcript-step-link"
          title="Show this step in the timeline"
          onClick={() => {
            onOpenStep(step.spanId);
          }}
        >
          <KindBadge kind={step.kind} />
          <span className="transcript-entry__name">{entryTitle(entry)}</span>
          {entry.type === 'model-call' && entry.model !== null && (
            <span className="transcript-entry__model">{entry.model}</span>
          )}
        </button>
        <span className="transcript-entry__time" title="Started, from the start of the run">
          +{formatDuration(step.startOffsetMs)}
        </span>
      </header>
      {entry.type === 'model-call' && <ModelCallBody entry={entry} />}
      {entry.type === 'tool-call' && <ToolCallBody entry={entry} />}
      {entry.type === 'agent-error' && <ErrorText error={entry.error} />}
    </article>
  );
}

function entryTitle(entry: TranscriptEntry): string {
  if (entry.type === 'tool-call') return entry.toolName;
  return entry.step.name === '' ? '(unnamed)' : entry.step.name;
}

function ModelCallBody({ entry }: { entry: ModelCallEntry }) {
  return (
    <div className="transcript-entry__body chat">
      {entry.newSystem !== null && <SystemPrompt parts={entry.newSystem} label="New system prompt" />}
      {entry.repeatedInput > 0 && (
        <p className="transcript-entry__note muted" data-testid="transcript-repeated">
          {entry.repeatedInput === 1
            ? '1 earlier message sent again'
            : `${formatCount(entry.repeatedInput)} earlier messages sent again`}
        </p>
      )}
      {entry.newInput.map((message, i) => (
        <ChatMessage key={`in-${String(i)}`} message={message} section="input" />
      ))}
      {entry.output.map((message, i) => (
        <ChatMessage key={`out-${String(i)}`} message={message} section="output" />
      ))}
      {entry.contentNotCaptured && (
        <p className="transcript-entry__note muted">Messages not captured by the instrumentation.</p>
      )}
      {entry.error !== null && <ErrorText error={entry.error} />}
    </div>
  );
}

function ToolCallBody({ entry }: { entry: ToolCallEntry }) {
  return (
    <div className="transcript-entry__body">
      {!isEmptyValue(entry.arguments) && (
        <div className="chat-block chat-block--call" data-testid="transcript-tool-arguments">
          <div className="chat-block__label">
            Arguments{entry.toolCallId !== null && <span className="muted"> · {entry.toolCallId}</span>}
          </div>
          <FoldableText className="code-block" text={prettyJson(entry.arguments)} />
        </div>
      )}
      {!isEmptyValue(entry.result) && (
        <div className="chat-block" data-testid="transcript-tool-result">
          <div className="chat-block__label">Result</div>
          <FoldableText className="code-block" text={prettyJson(entry.result)} />
        </div>
      )}
      {entry.error !== null && <ErrorText error={entry.error} />}
    </div>
  );
}

function ErrorText({ error }: { error: string }) {
  return (
    <p className="transcript-entry__error" data-testid="transcript-error" role="note">
      {error}
    </p>
  );
}

/** A system prompt, folded: it is long and the same on every call. */
export function SystemPrompt({ parts, label }: { parts: readonly MessagePart[]; label: string }) {
  const text = parts.map((p) => (p.type === 'text' || p.type === 'reasoning' ? p.text : prettyJson(p))).join('\n\n');
  return (
    <details className="transcript-system" data-testid="transcript-system">
      <summary>
        {label} <span className="muted">· {formatCount(text.length)} characters</span>
      </summary>
      <FoldableText className="chat-text" text={text} />
    </details>
  );
}
