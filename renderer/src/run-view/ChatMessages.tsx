import { useState } from 'react';
import type { Message, MessagePart, ToolCall } from '../../../shared/domain/step';
import { prettyJson } from '../common/pretty-json';
import { type TranscriptEntry, isEmptyMessage, mediaLabel, roleLabel, roleTone } from './chat-transcript';

/** Longer texts start folded. */
const FOLD_AT_CHARS = 1200;

/** A model call's messages as a chat: one bubble per message, coloured by role. */
export function ChatMessages({ entries }: { entries: readonly TranscriptEntry[] }) {
  const firstOutput = entries.findIndex((e) => e.section === 'output');
  return (
    <ol className="chat" data-testid="step-messages">
      {entries.map((entry, i) => (
        <li key={i} className="chat__item">
          {i === firstOutput && (
            <div className="chat__divider" role="separator">
              Output
            </div>
          )}
          <ChatMessage message={entry.message} section={entry.section} />
        </li>
      ))}
    </ol>
  );
}

export function ChatMessage({ message, section }: { message: Message; section: TranscriptEntry['section'] }) {
  const tone = roleTone(message.role);
  const meta = [
    message.name,
    message.tool_call_id !== undefined ? `reply to ${message.tool_call_id}` : undefined,
    message.finish_reason !== undefined ? `finish: ${message.finish_reason}` : undefined,
  ].filter((m): m is string => m !== undefined && m !== '');
  return (
    <div
      className="chat-message"
      data-tone={tone}
      data-section={section}
      data-testid="chat-message"
      data-role={message.role}
    >
      <div className="chat-message__head">
        <span className="chat-message__role">{roleLabel(message.role)}</span>
        {meta.length > 0 && <span className="chat-message__meta">{meta.join(' · ')}</span>}
      </div>
      {isEmptyMessage(message) && <p className="chat-message__empty muted">(empty)</p>}
      {message.parts.map((part, i) => (
        <MessagePartView key={i} part={part} replyTo={message.tool_call_id} />
      ))}
      {message.tool_calls.map((call, i) => (
        <ToolCallView key={`call-${String(i)}`} call={call} />
      ))}
    </div>
  );
}

/** `replyTo`: the tool call the message answers (a result part that repeats it does not say it again). */
function MessagePartView({ part, replyTo }: { part: MessagePart; replyTo: string | undefined }) {
  switch (part.type) {
    case 'text': {
      // Tool results and structured outputs often arrive as compact JSON text: show it indented.
      const json = jsonText(part.text);
      return json === null ? (
        <FoldableText className="chat-text" text={part.text} />
      ) : (
        <FoldableText className="code-block" text={json} />
      );
    }
    case 'reasoning':
      return (
        <details className="chat-reasoning">
          <summary>Reasoning</summary>
          <FoldableText className="chat-text" text={part.text} />
        </details>
      );
    case 'media':
      return <p className="chat-media">{mediaLabel(part)}</p>;
    case 'tool_result':
      return (
        <div className="chat-block" data-testid="chat-tool-result">
          <div className="chat-block__label">
            Result{part.id !== undefined && part.id !== replyTo ? ` of ${part.id}` : ''}
          </div>
          <FoldableText className="code-block" text={prettyJson(part.content)} />
        </div>
      );
    case 'unknown':
      return <FoldableText className="code-block" text={prettyJson(part.raw)} />;
  }
}

/** The text indented as JSON when it is a JSON object or array; null otherwise. */
function jsonText(text: string): string | null {
  if (!/^\s*[[{]/.test(text)) return null;
  const pretty = prettyJson(text);
  return pretty === text ? null : pretty;
}

function ToolCallView({ call }: { call: ToolCall }) {
  return (
    <div className="chat-block chat-block--call" data-testid="chat-tool-call">
      <div className="chat-block__label">
        Calls <strong>{call.name}</strong>
        {call.id !== undefined && <span className="muted"> · {call.id}</span>}
        {call.serverSide === true && <span className="muted"> · run by the provider</span>}
      </div>
      <FoldableText className="code-block" text={prettyJson(call.arguments)} />
    </div>
  );
}

/** Text shown whole, or folded to its start with a button to show the rest. */
export function FoldableText({ text, className }: { text: string; className: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > FOLD_AT_CHARS;
  return (
    <div className={className}>
      {long && !open ? `${text.slice(0, FOLD_AT_CHARS)}…` : text}
      {long && (
        <button
          type="button"
          className="link-button fold-toggle"
          onClick={() => {
            setOpen(!open);
          }}
        >
          {open ? 'Show less' : `Show all (${text.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
    </div>
  );
}
