import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { RunTranscript } from '../../../shared/domain/transcript';
import { formatCount } from '../../../shared/format/format-count';
import { SystemPrompt, TranscriptEntryView } from './TranscriptEntryView';
import { useRunTranscript } from './useRunTranscript';

/** A guess before an entry is measured (entries grow with their messages). */
const ESTIMATED_ENTRY_PX = 180;

type Item =
  | { type: 'system'; system: NonNullable<RunTranscript['system']> }
  | { type: 'entry'; index: number }
  | { type: 'more'; steps: number };

function itemsOf(t: RunTranscript): Item[] {
  const items: Item[] = [];
  if (t.system !== null) items.push({ type: 'system', system: t.system });
  t.entries.forEach((_, index) => items.push({ type: 'entry', index }));
  if (t.stepsLeftOut > 0) items.push({ type: 'more', steps: t.stepsLeftOut });
  return items;
}

interface TranscriptViewProps {
  traceId: string;
  /** Shows a step in the timeline (an entry's link). */
  onOpenStep: (spanId: string) => void;
}

/** The Transcript tab: the run as one conversation, virtualized (entries are measured as they render). */
export function TranscriptView({ traceId, onOpenStep }: TranscriptViewProps) {
  const { state, retry } = useRunTranscript(traceId);
  return (
    <div
      className="transcript"
      role="tabpanel"
      id="run-tab-panel-transcript"
      aria-labelledby="run-tab-transcript"
      data-testid="transcript"
      data-state={state.status}
    >
      {state.status === 'loading' && <p className="run-view__message muted">Reading the conversation…</p>}
      {state.status === 'error' && (
        <div className="run-view__message" role="alert">
          <p>Could not read the transcript: {state.error.message}</p>
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && <TranscriptList transcript={state.data} onOpenStep={onOpenStep} />}
    </div>
  );
}

function TranscriptList({ transcript, onOpenStep }: { transcript: RunTranscript; onOpenStep: (id: string) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = itemsOf(transcript);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ENTRY_PX,
    overscan: 4,
  });
  if (items.length === 0) {
    return (
      <p className="run-view__message muted" data-testid="transcript-empty">
        This run has no model calls, tool calls or agent errors to read as a conversation.
      </p>
    );
  }
  return (
    <div ref={scrollRef} className="transcript__scroller" tabIndex={0} aria-label="Transcript">
      <div className="transcript__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          if (item === undefined) return null;
          return (
            <div
              key={v.key}
              ref={virtualizer.measureElement}
              data-index={v.index}
              className="transcript__item"
              style={{ transform: `translateY(${String(v.start)}px)` }}
            >
              {item.type === 'system' && <SystemPrompt parts={item.system.parts} label="System prompt" />}
              {item.type === 'entry' && transcript.entries[item.index] !== undefined && (
                <TranscriptEntryView entry={transcript.entries[item.index]!} onOpenStep={onOpenStep} />
              )}
              {item.type === 'more' && (
                <p className="transcript__more muted" data-testid="transcript-more">
                  The transcript stops here: {formatCount(item.steps)} later model calls, tool calls and agents of this
                  run are in the timeline.
                </p>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
