import type { Message, MessagePart, StepKind } from './step';

/**
 * A run read as one conversation (the run page's Transcript tab), computed by the engine from the
 * run's model calls, tool calls and agents: each model call shows only the input messages earlier
 * calls had not shown yet, then its output.
 */

/** The step an entry comes from (the Transcript links each entry to it). */
export interface TranscriptStepRef {
  spanId: string;
  name: string;
  kind: StepKind;
  status: 'ok' | 'error' | 'unset';
  /** When the step started, from the run's start. */
  startOffsetMs: number;
}

export interface ModelCallEntry {
  type: 'model-call';
  step: TranscriptStepRef;
  model: string | null;
  /** A system prompt not shown before (the run's first one is `RunTranscript.system`). */
  newSystem: MessagePart[] | null;
  /** Input messages no earlier call showed. */
  newInput: Message[];
  /** Input messages left out because earlier entries showed them (history, tool results). */
  repeatedInput: number;
  output: Message[];
  /** The call was recorded without its messages. */
  contentNotCaptured: boolean;
  error: string | null;
}

export interface ToolCallEntry {
  type: 'tool-call';
  step: TranscriptStepRef;
  toolName: string;
  toolCallId: string | null;
  arguments: unknown;
  result: unknown;
  error: string | null;
}

/** A failed agent step (model and tool calls carry their own errors). */
export interface AgentErrorEntry {
  type: 'agent-error';
  step: TranscriptStepRef;
  error: string;
}

export type TranscriptEntry = ModelCallEntry | ToolCallEntry | AgentErrorEntry;

export interface RunTranscript {
  /** The first system prompt, shown once at the top. */
  system: { spanId: string; parts: MessagePart[] } | null;
  entries: TranscriptEntry[];
  /** Model calls, tool calls and agents of the run left out past the cap (the latest ones). */
  stepsLeftOut: number;
}

/** Matches of a search within one run. */
export interface RunSearchResult {
  /** The steps whose text (messages, attributes, log events) matches, at most `limit`. */
  spanIds: string[];
  /** More steps matched than were returned. */
  truncated: boolean;
  /** The background full-text index already covers every span of the run (else newer spans may be missing). */
  complete: boolean;
}
