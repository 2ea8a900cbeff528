import { type Attributes, attrToPlain } from '../../../../shared/domain/attributes';
import type { Message, MessagePart } from '../../../../shared/domain/step';
import { isRecord, structured } from '../attribute-reader';
import type { SpanInput } from '../span-input';
import { toMessage, toMessages } from './to-message';
import { ownEntry } from '../../../../shared/domain/own-entry';

/**
 * GenAI messages sent as events (OTel 1.26–1.36, OpenLLMetry event mode, Strands, Logfire): span
 * events, OTLP log records joined to the span, or Logfire's `events` attribute.
 */
export interface EventMessages {
  input: Message[];
  output: Message[];
  system: MessagePart[];
}

const ROLE_EVENTS: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

function fieldsOf(attributes: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes)) out[k] = structured(v);
  return out;
}

function addEvent(into: EventMessages, name: string, body: Record<string, unknown>): void {
  const role = ownEntry(ROLE_EVENTS, name);
  if (role !== undefined) {
    const m = toMessage({ ...body, role: typeof body.role === 'string' ? body.role : role }, role);
    if (m.role === 'system') into.system.push(...m.parts);
    else into.input.push(m);
    return;
  }
  if (name === 'gen_ai.choice') {
    // Strands sends the message as its content blocks (`message: [{text}]`).
    const msg = isRecord(body.message) ? body.message : body.message !== undefined ? { content: body.message } : body;
    const m = toMessage({ role: 'assistant', ...msg }, 'assistant');
    const finish = body.finish_reason ?? body.finishReason;
    if (typeof finish === 'string') m.finish_reason = finish;
    into.output.push(m);
    return;
  }
  if (name === 'gen_ai.content.prompt') {
    into.input.push(...toMessages(body['gen_ai.prompt'], 'user'));
    return;
  }
  if (name === 'gen_ai.content.completion') {
    into.output.push(...toMessages(body['gen_ai.completion'], 'assistant'));
    return;
  }
  if (name === 'gen_ai.client.inference.operation.details') {
    into.input.push(...toMessages(body['gen_ai.input.messages'], 'user'));
    into.output.push(...toMessages(body['gen_ai.output.messages'], 'assistant'));
    const system = body['gen_ai.system_instructions'];
    if (system !== undefined) into.system.push(...toMessage({ role: 'system', parts: system }, 'system').parts);
  }
}

export function eventMessages(input: SpanInput, logfireEvents: unknown): EventMessages {
  const out: EventMessages = { input: [], output: [], system: [] };
  for (const e of input.events) if (e.name.startsWith('gen_ai.')) addEvent(out, e.name, fieldsOf(e.attributes));
  for (const l of input.logs) {
    const name = l.eventName !== '' ? l.eventName : (attrToPlain(l.attributes['event.name'] ?? null) as string | null);
    if (typeof name !== 'string' || !name.startsWith('gen_ai.')) continue;
    const body = structured(l.body ?? null);
    addEvent(out, name, { ...fieldsOf(l.attributes), ...(isRecord(body) ? body : { content: body }) });
  }
  if (Array.isArray(logfireEvents)) {
    for (const e of logfireEvents) {
      if (isRecord(e) && typeof e['event.name'] === 'string') addEvent(out, e['event.name'], e);
    }
  }
  return out;
}
