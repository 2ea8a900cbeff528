import type { Message, MessagePart, StepDetail } from '../../../shared/domain/step';

export type TranscriptSection = 'system' | 'input' | 'output';

export interface TranscriptEntry {
  section: TranscriptSection;
  message: Message;
}

/**
 * A model call's messages in order: the system instructions (unless the input already carries a
 * system message, as most conventions repeat them there), the input messages, then the output.
 */
export function buildTranscript(
  step: Pick<StepDetail, 'systemInstructions' | 'inputMessages' | 'outputMessages'>,
): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const input = step.inputMessages ?? [];
  const system = step.systemInstructions;
  if (system !== null && system.length > 0 && !input.some((m) => m.role === 'system')) {
    entries.push({ section: 'system', message: { role: 'system', parts: system, tool_calls: [] } });
  }
  for (const message of input) entries.push({ section: 'input', message });
  for (const message of step.outputMessages ?? []) entries.push({ section: 'output', message });
  return entries;
}

export type RoleTone = 'system' | 'user' | 'assistant' | 'tool' | 'other';

const TONES: Record<string, RoleTone> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
  ipython: 'tool',
};

/** Which bubble style a role gets (conventions spell roles differently: `human`, `ai`, `model`, `function`…). */
export function roleTone(role: string): RoleTone {
  return TONES[role.trim().toLowerCase()] ?? 'other';
}

/** "User", "Assistant", "Tool", or the role as given with a capital. */
export function roleLabel(role: string): string {
  const text = role.trim();
  if (text === '') return 'Message';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A media part described in one line: "image/png · https://…", "audio/wav · inline, 12 KB". */
export function mediaLabel(part: Extract<MessagePart, { type: 'media' }>): string {
  const bits = [part.mime ?? 'media'];
  if (part.uri !== undefined) bits.push(part.uri);
  else if (part.data !== undefined) bits.push(`inline, ${formatBytes(Math.floor((part.data.length * 3) / 4))}`);
  return bits.join(' · ');
}

function formatBytes(n: number): string {
  if (n < 1024) return `${String(n)} B`;
  if (n < 1024 * 1024) return `${String(Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether a message has nothing to show (no parts, no tool calls). */
export function isEmptyMessage(message: Message): boolean {
  return message.parts.length === 0 && message.tool_calls.length === 0;
}
