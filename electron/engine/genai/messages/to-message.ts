import type { Message, MessagePart, ToolCall } from '../../../../shared/domain/step';
import { isRecord, tryParseJson } from '../attribute-reader';

/**
 * One message object in any of the shapes the conventions use — OpenAI chat (`content` text or
 * parts, `tool_calls[].function`), OTel GenAI parts (`parts[]`), Anthropic blocks (`tool_use`,
 * `tool_result`, `thinking`), Vercel parts (`tool-call`, `tool-result`), Gemini (`parts[].text`,
 * `function_call`) — into `{role, parts[], tool_calls[]}`.
 */
export function toMessage(raw: unknown, defaultRole = 'user'): Message {
  if (typeof raw === 'string') return { role: defaultRole, parts: [{ type: 'text', text: raw }], tool_calls: [] };
  if (!isRecord(raw)) return { role: defaultRole, parts: [{ type: 'unknown', raw }], tool_calls: [] };
  const role = typeof raw.role === 'string' && raw.role !== '' ? normalizeRole(raw.role) : defaultRole;
  const message: Message = { role, parts: [], tool_calls: [] };
  const content = 'parts' in raw ? raw.parts : 'contents' in raw ? raw.contents : raw.content;
  addContent(message, parseIfJsonArray(content));
  for (const call of asArray(raw.tool_calls ?? raw.toolCalls)) {
    const tc = toToolCall(call);
    if (tc) message.tool_calls.push(tc);
  }
  if (isRecord(raw.function_call)) {
    const tc = toToolCall({ function: raw.function_call });
    if (tc) message.tool_calls.push(tc);
  }
  const toolCallId = str(raw.tool_call_id) ?? str(raw.toolCallId) ?? (role === 'tool' ? str(raw.id) : null);
  if (toolCallId !== null) message.tool_call_id = toolCallId;
  const finish = str(raw.finish_reason) ?? str(raw.finishReason);
  if (finish !== null) message.finish_reason = finish;
  const name = str(raw.name);
  if (name !== null) message.name = name;
  if (message.parts.length === 0 && typeof raw.text === 'string') message.parts.push({ type: 'text', text: raw.text });
  if (message.parts.length === 0 && typeof raw.refusal === 'string')
    message.parts.push({ type: 'text', text: raw.refusal });
  return message;
}

export function toMessages(raw: unknown, defaultRole = 'user'): Message[] {
  return asArray(parseIfJsonArray(raw)).map((m) => toMessage(m, defaultRole));
}

function normalizeRole(role: string): string {
  const r = role.toLowerCase();
  if (r === 'human') return 'user';
  if (r === 'ai' || r === 'model' || r === 'bot') return 'assistant';
  if (r === 'function') return 'tool';
  return r;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function asArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

function parseIfJsonArray(v: unknown): unknown {
  if (typeof v === 'string' && v.trimStart().startsWith('[')) {
    const parsed = tryParseJson(v);
    if (Array.isArray(parsed)) return parsed;
  }
  return v;
}

/** Arguments as data when they are JSON text; the raw text when not. */
export function parseArguments(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  const parsed = tryParseJson(v);
  return parsed === undefined ? v : parsed;
}

export function toToolCall(raw: unknown): ToolCall | null {
  if (!isRecord(raw)) return null;
  const fn = isRecord(raw.function) ? raw.function : isRecord(raw.function_call) ? raw.function_call : raw;
  const name = str(fn.name) ?? str(raw.toolName) ?? str(raw.name);
  if (name === null) return null;
  const call: ToolCall = {
    name,
    arguments: parseArguments(fn.arguments ?? raw.arguments ?? raw.args ?? raw.input ?? fn.args ?? null),
  };
  const id = str(raw.id) ?? str(raw.toolCallId) ?? str(raw.tool_call_id) ?? str(fn.id);
  if (id !== null) call.id = id;
  return call;
}

function addContent(message: Message, content: unknown): void {
  if (content === undefined || content === null) return;
  if (typeof content === 'string') {
    if (content !== '') message.parts.push({ type: 'text', text: content });
    return;
  }
  for (const part of asArray(content)) addPart(message, part);
}

function addPart(message: Message, part: unknown): void {
  if (typeof part === 'string') {
    message.parts.push({ type: 'text', text: part });
    return;
  }
  if (!isRecord(part)) {
    message.parts.push({ type: 'unknown', raw: part });
    return;
  }
  // OpenInference flattened content parts: {message_content: {type, text, image: {image: {url}}}}.
  const p = isRecord(part.message_content) ? part.message_content : part;
  const type = typeof p.type === 'string' ? p.type : p.text !== undefined ? 'text' : '';
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      message.parts.push({ type: 'text', text: textOf(p.content ?? p.text) });
      return;
    case 'reasoning':
    case 'thinking':
    case 'redacted_thinking':
      message.parts.push({ type: 'reasoning', text: textOf(p.content ?? p.text ?? p.thinking ?? p.reasoning) });
      return;
    case 'tool_call':
    case 'tool-call':
    case 'tool_use':
    case 'function_call':
    case 'server_tool_call':
    case 'server_tool_use': {
      const call = toToolCall(p);
      if (call) {
        if (type.startsWith('server_')) call.serverSide = true;
        message.tool_calls.push(call);
      } else message.parts.push({ type: 'unknown', raw: p });
      return;
    }
    case 'tool_call_response':
    case 'tool-result':
    case 'tool_result':
    case 'function_call_output':
    case 'server_tool_call_response': {
      const id = str(p.id) ?? str(p.toolCallId) ?? str(p.tool_use_id) ?? str(p.call_id);
      const content = p.response ?? p.result ?? p.output ?? p.content;
      const resultPart: MessagePart = { type: 'tool_result', content: unwrapToolOutput(content) };
      if (id !== null) resultPart.id = id;
      message.parts.push(resultPart);
      if (message.tool_call_id === undefined && id !== null && message.role === 'tool') message.tool_call_id = id;
      return;
    }
    case 'image_url':
    case 'image':
    case 'file':
    case 'blob':
    case 'uri':
    case 'input_image':
    case 'input_file':
    case 'input_audio':
      message.parts.push(mediaPart(p));
      return;
    default:
      break;
  }
  // Gemini / ADK parts carry no type: {text} | {function_call} | {function_response}.
  if (isRecord(p.function_call) || isRecord(p.functionCall)) {
    const call = toToolCall(p.function_call ?? p.functionCall);
    if (call) message.tool_calls.push(call);
    return;
  }
  const fr = isRecord(p.function_response)
    ? p.function_response
    : isRecord(p.functionResponse)
      ? p.functionResponse
      : null;
  if (fr) {
    const resultPart: MessagePart = { type: 'tool_result', content: fr.response ?? null };
    const id = str(fr.id) ?? str(fr.name);
    if (id !== null) resultPart.id = id;
    message.parts.push(resultPart);
    return;
  }
  if (typeof p.text === 'string') {
    message.parts.push({ type: 'text', text: p.text });
    return;
  }
  message.parts.push({ type: 'unknown', raw: p });
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Vercel v5 tool results are `{type: 'json' | 'text', value}`. */
function unwrapToolOutput(v: unknown): unknown {
  if (isRecord(v) && typeof v.type === 'string' && 'value' in v && Object.keys(v).length === 2) return v.value;
  return typeof v === 'string' ? parseArguments(v) : (v ?? null);
}

function mediaPart(p: Record<string, unknown>): MessagePart {
  const part: { type: 'media'; uri?: string; data?: string; mime?: string } = { type: 'media' };
  const url = isRecord(p.image_url)
    ? p.image_url.url
    : isRecord(p.image) && isRecord(p.image.image)
      ? p.image.image.url
      : p.image_url;
  const uri =
    str(p.uri) ??
    str(url) ??
    str(p.url) ??
    str(p.file_id) ??
    (typeof p.image === 'string' && p.image.startsWith('http') ? p.image : null);
  if (uri !== null) part.uri = uri;
  const data =
    str(p.data) ??
    (typeof p.content === 'string' ? p.content : null) ??
    (typeof p.image === 'string' && part.uri === undefined ? p.image : null);
  if (data !== null) part.data = data.length > 256 ? `${data.slice(0, 256)}…` : data;
  const mime = str(p.mime_type) ?? str(p.mimeType) ?? str(p.mediaType) ?? str(p.media_type);
  if (mime !== null) part.mime = mime;
  return part;
}
