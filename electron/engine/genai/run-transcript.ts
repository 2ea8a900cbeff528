import type { Message, MessagePart, StepDetail } from '../../../shared/domain/step';
import type { RunTranscript, TranscriptEntry, TranscriptStepRef } from '../../../shared/domain/transcript';
import { SeenConversations, isSystemMessage } from './seen-conversations';

/** A model call, tool call or agent step of a run, described by the normalizer. */
export interface TranscriptStepInput {
  spanId: string;
  name: string;
  status: TranscriptStepRef['status'];
  startOffsetMs: number;
  endOffsetMs: number;
  detail: StepDetail;
}

/** Texts longer than this are cut (the step's own panel shows them whole). */
export const MAX_TRANSCRIPT_TEXT = 20_000;

/**
 * The run as one conversation, in time order: each model call with the input messages no earlier
 * call showed (the history agents resend is shown once), its output, tool calls with arguments and
 * results, and errors. The first system prompt goes to the top; tool results a tool step already
 * showed are not repeated in the next call's input. `steps` in start order; other kinds are skipped.
 */
export function buildRunTranscript(steps: readonly TranscriptStepInput[], stepsLeftOut = 0): RunTranscript {
  const seen = new SeenConversations();
  const shownSystems = new Set<string>();
  const shownToolResults = new Set<string>();
  let system: RunTranscript['system'] = null;
  const placed: { atMs: number; entry: TranscriptEntry }[] = [];

  for (const s of steps) {
    const { detail } = s;
    const step: TranscriptStepRef = {
      spanId: s.spanId,
      name: s.name,
      kind: detail.kind,
      status: s.status,
      startOffsetMs: s.startOffsetMs,
    };
    if (detail.kind === 'tool') {
      const toolCallId = detail.toolCallId;
      if (toolCallId !== null && detail.toolResult !== null) shownToolResults.add(toolCallId);
      placed.push({
        atMs: s.startOffsetMs,
        entry: {
          type: 'tool-call',
          step,
          toolName: detail.toolName ?? s.name,
          toolCallId,
          arguments: clipValue(detail.toolArguments ?? detail.input),
          result: clipValue(detail.toolResult ?? detail.output),
          error: detail.error,
        },
      });
    } else if (detail.kind === 'llm') {
      const input = detail.inputMessages ?? [];
      const leadingSystem = countLeading(input, isSystemMessage);
      const systemParts = input.slice(0, leadingSystem).flatMap((m) => m.parts);
      let newSystem: MessagePart[] | null = null;
      if (systemParts.length > 0) {
        const key = JSON.stringify(systemParts);
        if (system === null) system = { spanId: s.spanId, parts: systemParts.map(clipPart) };
        else if (!shownSystems.has(key)) newSystem = systemParts.map(clipPart);
        shownSystems.add(key);
      }
      const conversation = input.slice(leadingSystem);
      const output = detail.outputMessages ?? [];
      const prefix = seen.seenPrefix(conversation);
      seen.remember([...conversation, ...output]);
      const unseen = conversation.slice(prefix);
      const newInput = unseen.filter((m) => !answersShownToolCall(m, shownToolResults));
      placed.push({
        atMs: s.startOffsetMs,
        entry: {
          type: 'model-call',
          step,
          model: detail.responseModel ?? detail.requestModel,
          newSystem,
          newInput: newInput.map(clipMessage),
          repeatedInput: conversation.length - newInput.length,
          output: output.map(clipMessage),
          contentNotCaptured: detail.contentNotCaptured,
          error: detail.error,
        },
      });
    } else if (detail.kind === 'agent' && detail.error !== null) {
      // An agent fails when it ends: after whatever its steps said.
      placed.push({ atMs: s.endOffsetMs, entry: { type: 'agent-error', step, error: detail.error } });
    }
  }
  // Stable: entries at the same time keep their start order.
  placed.sort((a, b) => a.atMs - b.atMs);
  return { system, entries: placed.map((p) => p.entry), stepsLeftOut };
}

function countLeading<T>(list: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  while (n < list.length && test(list[n] as T)) n++;
  return n;
}

const TOOL_ROLES = new Set(['tool', 'function', 'ipython']);

/** A tool's answer (a tool-role message, or only tool results) to calls whose tool steps the transcript showed. */
function answersShownToolCall(message: Message, shown: ReadonlySet<string>): boolean {
  if (shown.size === 0 || message.tool_calls.length > 0) return false;
  const results = message.parts.flatMap((p) => (p.type === 'tool_result' ? [p] : []));
  const toolRole = TOOL_ROLES.has(message.role.trim().toLowerCase());
  if (!toolRole && (results.length === 0 || results.length !== message.parts.length)) return false;
  const ids = results.length > 0 ? results.map((p) => p.id ?? message.tool_call_id) : [message.tool_call_id];
  return ids.every((id) => id !== undefined && shown.has(id));
}

function clipText(text: string): string {
  if (text.length <= MAX_TRANSCRIPT_TEXT) return text;
  const rest = text.length - MAX_TRANSCRIPT_TEXT;
  return `${text.slice(0, MAX_TRANSCRIPT_TEXT)}… [${rest.toLocaleString('en-US')} more characters: open the step]`;
}

/** Long values are cut to text; inline media leaves its bytes behind. */
function clipValue(value: unknown): unknown {
  if (typeof value === 'string') return clipText(value);
  if (value === null || typeof value !== 'object') return value;
  const json = JSON.stringify(value) as string | undefined;
  return json !== undefined && json.length > MAX_TRANSCRIPT_TEXT ? clipText(json) : value;
}

function clipPart(part: MessagePart): MessagePart {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return part.text.length > MAX_TRANSCRIPT_TEXT ? { ...part, text: clipText(part.text) } : part;
    case 'media': {
      if (part.data === undefined) return part;
      // Inline bytes (images, audio) say nothing read as text; the step's own panel has them.
      const clipped: MessagePart = { type: 'media' };
      if (part.mime !== undefined) clipped.mime = part.mime;
      if (part.uri !== undefined) clipped.uri = part.uri;
      return clipped;
    }
    case 'tool_result':
      return { ...part, content: clipValue(part.content) };
    case 'unknown':
      return { ...part, raw: clipValue(part.raw) };
  }
}

function clipMessage(message: Message): Message {
  return {
    ...message,
    parts: message.parts.map(clipPart),
    tool_calls: message.tool_calls.map((c) => ({ ...c, arguments: clipValue(c.arguments) })),
  };
}
