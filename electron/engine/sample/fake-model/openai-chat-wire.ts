import type { ServerResponse } from 'node:http';
import { sendJson, startSse } from './local-json-server';
import { ownEntry } from '../../../../shared/domain/own-entry';

/**
 * The OpenAI Chat Completions wire format as a fake model speaks it: token counting, dated model
 * snapshots, and the response body (JSON or SSE chunks) for one scripted answer. Shared by the
 * sample's fake model and the test suite's (test/helpers/fake-model-server.ts).
 */

export type Json = Record<string, unknown>;

/** `created` of every response: fixed, so captured spans do not change from run to run. */
export const FAKE_CREATED = 1_731_622_400;

const SNAPSHOTS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku-20241022',
  'claude-3-5-sonnet-latest': 'claude-3-5-sonnet-20241022',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet-20250219',
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
};

/** The model name a response reports: a known alias's dated snapshot, else the name unchanged. */
export function snapshotModel(model: string): string {
  return ownEntry(SNAPSHOTS, model) ?? model;
}

/** The fake tokenizer: a token per four characters, rounded up. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Text of a message content: a string, or the text parts of a part array (OpenAI or Anthropic). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => {
      if (!isObject(part)) return '';
      if (typeof part.text === 'string') return part.text;
      if (part.type === 'tool_result') return contentText(part.content);
      return '';
    })
    .join('');
}

export interface ChatToolDef {
  name: string;
  parameters: unknown;
}

/** A Chat Completions request body read for scripting: its messages and the functions offered. */
export interface ChatRequest {
  model: string;
  messages: Json[];
  tools: ChatToolDef[];
}

export function readChatRequest(body: Json): ChatRequest {
  return {
    model: typeof body.model === 'string' ? body.model : 'unknown',
    messages: asArray(body.messages).filter(isObject),
    tools: asArray(body.tools)
      .filter(isObject)
      .map((t) => (isObject(t.function) ? t.function : t))
      .filter((f) => typeof f.name === 'string')
      .map((f) => ({ name: String(f.name), parameters: f.parameters })),
  };
}

/** Prompt tokens of a request: Σ over messages (4 + tokens(text)) + tokens(JSON of the tools offered). */
export function promptTokens(request: ChatRequest, rawTools: unknown): number {
  return (
    request.messages.reduce((sum, m) => sum + 4 + countTokens(contentText(m.content)), 0) +
    (request.tools.length > 0 ? countTokens(JSON.stringify(rawTools)) : 0)
  );
}

/** The model's answer: text, or one call of a function with JSON arguments. */
export interface ChatAnswer {
  text: string;
  toolCall?: { id: string; name: string; arguments: string };
  /** The text was cut at the request's token limit. */
  truncated?: boolean;
}

export interface ChatCompletion {
  id: string;
  /** The model as requested; the response names its snapshot. */
  model: string;
  answer: ChatAnswer;
  promptTokens: number;
  cachedTokens?: number;
  /** `stream: true` answers server-sent chunks; `includeUsage` adds the final usage chunk. */
  stream: boolean;
  includeUsage: boolean;
  headers: Record<string, string>;
}

/** Completion tokens of an answer: tokens(text) + tokens(tool call arguments). */
export function completionTokens(answer: ChatAnswer): number {
  return countTokens(answer.text) + countTokens(answer.toolCall?.arguments ?? '');
}

/** Text split into words with their trailing space (how streamed text arrives). */
export function wordChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** A string in two halves (how streamed tool-call arguments arrive). */
export function halves(s: string): string[] {
  const mid = Math.ceil(s.length / 2);
  return [s.slice(0, mid), s.slice(mid)].filter((p) => p.length > 0);
}

/** Writes a chat completion, as `chat.completion` JSON or as `chat.completion.chunk` events. */
export function writeChatCompletion(res: ServerResponse, c: ChatCompletion): void {
  const output = completionTokens(c.answer);
  const usage = {
    prompt_tokens: c.promptTokens,
    completion_tokens: output,
    total_tokens: c.promptTokens + output,
    prompt_tokens_details: { cached_tokens: c.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  const { toolCall } = c.answer;
  const finishReason = toolCall ? 'tool_calls' : c.answer.truncated === true ? 'length' : 'stop';
  const base = {
    id: c.id,
    created: FAKE_CREATED,
    model: snapshotModel(c.model),
    system_fingerprint: 'fp_fake',
    service_tier: 'default',
  };
  const wireCall = toolCall
    ? { id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }
    : undefined;

  if (!c.stream) {
    sendJson(
      res,
      200,
      {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: wireCall ? null : c.answer.text,
              refusal: null,
              annotations: [],
              ...(wireCall ? { tool_calls: [wireCall] } : {}),
            },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      },
      c.headers,
    );
    return;
  }

  const chunk = (delta: Json, finish: string | null): string =>
    `data: ${JSON.stringify({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(c.includeUsage ? { usage: null } : {}),
    })}\n\n`;
  startSse(res, c.headers);
  if (wireCall) {
    res.write(chunk({ role: 'assistant', content: null, refusal: null }, null));
    res.write(
      chunk(
        {
          tool_calls: [
            { index: 0, id: wireCall.id, type: 'function', function: { name: wireCall.function.name, arguments: '' } },
          ],
        },
        null,
      ),
    );
    for (const part of halves(wireCall.function.arguments)) {
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] }, null));
    }
  } else {
    res.write(chunk({ role: 'assistant', content: '', refusal: null }, null));
    for (const part of wordChunks(c.answer.text)) res.write(chunk({ content: part }, null));
  }
  res.write(chunk({}, finishReason));
  if (c.includeUsage) {
    res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

/** An OpenAI-shaped error answer. */
export function sendOpenAiError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code: string | null = null,
): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', param: null, code } }, headers);
}
