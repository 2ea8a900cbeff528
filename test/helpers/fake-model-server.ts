import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type LocalRequest,
  sendJson,
  startLocalJsonServer,
  startSse,
} from '../../electron/engine/sample/fake-model/local-json-server';
import {
  type ChatToolDef,
  type Json,
  asArray,
  contentText,
  countTokens,
  halves,
  isObject,
  promptTokens,
  readChatRequest,
  sendOpenAiError,
  snapshotModel,
  wordChunks,
  writeChatCompletion,
} from '../../electron/engine/sample/fake-model/openai-chat-wire';

export { FAKE_CREATED, countTokens, snapshotModel } from '../../electron/engine/sample/fake-model/openai-chat-wire';

/**
 * A local stand-in for the OpenAI and Anthropic HTTP APIs, so real SDKs and their real
 * instrumentations can run in tests without a network. Every answer is scripted and deterministic:
 *
 * Routes
 * - `POST /v1/chat/completions` (OpenAI Chat Completions), non-streaming and streaming (SSE).
 * - `POST /v1/embeddings` (OpenAI Embeddings), `encoding_format` `float` or `base64`.
 * - `POST /v1/messages` (Anthropic Messages), non-streaming and streaming (SSE).
 * - Anything else: 404 with an OpenAI-shaped error body.
 *
 * Script (the same for both chat APIs)
 * 1. The last user message contains `[[error]]` → 400 with the provider's error body.
 * 2. The request offers tools and the last message is the user's → the model calls one tool: the
 *    first tool whose name occurs in the user's text, else the first tool. Its arguments fill the
 *    tool's JSON schema: string properties get the city named in the text (`in Paris` → `Paris`,
 *    default `Paris`), enums their first value, numbers 1, booleans false. Call ids count up per
 *    server: `call_fake_001`, … (OpenAI) and `toolu_fake_001`, … (Anthropic). Anthropic answers a
 *    text block `Let me check that.` before the tool_use block, as Claude does.
 * 3. The last message is a tool result → `Based on the tool result: <result text>`.
 * 4. Otherwise → `Hello from the fake model. You said: <last user text>`. With `max_tokens` /
 *    `max_completion_tokens` below the answer's token count, the text is cut and the finish reason
 *    is `length` (`max_tokens` for Anthropic).
 *
 * Anthropic message threads (the `thread` parameter of the message-threads beta, which the SDK's
 * tool runner uses): the server keeps each thread's conversation (system, tools, messages and its
 * own answers) under the id of its last message; `{type: 'continue', previous_message_id}` sends
 * only the new messages, and the script and the token counts see the whole conversation.
 *
 * Tokens: `tokens(s) = ceil(chars / 4)`. Prompt tokens = Σ over messages (4 + tokens(text)) +
 * tokens(JSON of the tools offered). Completion tokens = tokens(answer text) + tokens(tool call
 * arguments). Prompt caching is simulated on the leading system prompt: the first request that
 * carries a given system prompt writes it to the cache (Anthropic `cache_creation_input_tokens`;
 * OpenAI reports nothing), every later request with the same system prompt reads it
 * (`prompt_tokens_details.cached_tokens` / `cache_read_input_tokens` = its tokens). OpenAI's
 * `prompt_tokens` include the cached tokens; Anthropic's `input_tokens` exclude both cache reads
 * and writes, as the real APIs do.
 *
 * Every response carries a request id header, `req_fake_<n>` for the server's n-th request:
 * `x-request-id` (OpenAI) or `request-id` (Anthropic).
 *
 * Models: a name without a date gets a dated snapshot in the response, e.g. `gpt-4o-mini` →
 * `gpt-4o-mini-2024-07-18`, `claude-3-5-haiku-latest` → `claude-3-5-haiku-20241022` (see
 * `snapshotModel`). Response ids count up per server (`chatcmpl-fake-001`, `msg_fake_001`);
 * `created` is fixed at 1731622400.
 *
 * Embeddings: `dimensions` (default 8) floats per input, derived from the SHA-256 of the text and
 * L2-normalized; usage counts tokens(text) per input.
 */

/** A request as received: method, path, headers and the parsed JSON body (or the raw text). */
export type RecordedRequest = LocalRequest;

export interface FakeModelServer {
  /** Base URL without a path, e.g. `http://127.0.0.1:41234`. OpenAI clients need `${url}/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_EMBEDDING_DIMENSIONS = 8;
const ERROR_MARKER = '[[error]]';

type ToolDef = ChatToolDef;

interface ScriptedTurn {
  kind: 'text' | 'tool_call' | 'error';
  text: string;
  toolName?: string;
  toolArguments?: string;
  truncated: boolean;
}

function cityIn(text: string): string {
  const match = /\bin ([A-Z][\w-]*(?: [A-Z][\w-]*)*)/.exec(text);
  return match?.[1] ?? 'Paris';
}

/** Arguments for a tool call, filled from the tool's JSON schema (see the header comment). */
function argumentsFor(parameters: unknown, userText: string): string {
  const args: Json = {};
  const properties = isObject(parameters) && isObject(parameters.properties) ? parameters.properties : {};
  const required = isObject(parameters) ? asArray(parameters.required) : [];
  for (const [name, schema] of Object.entries(properties)) {
    if (required.length > 0 && !required.includes(name)) continue;
    const s = isObject(schema) ? schema : {};
    const enumValues = asArray(s.enum);
    if (enumValues.length > 0) args[name] = enumValues[0];
    else if (s.type === 'number' || s.type === 'integer') args[name] = 1;
    else if (s.type === 'boolean') args[name] = false;
    else args[name] = cityIn(userText);
  }
  return JSON.stringify(args);
}

function pickTool(tools: ToolDef[], userText: string): ToolDef | undefined {
  return tools.find((t) => userText.includes(t.name)) ?? tools[0];
}

function truncateToTokens(text: string, maxTokens: unknown): { text: string; truncated: boolean } {
  if (typeof maxTokens !== 'number' || countTokens(text) <= maxTokens) return { text, truncated: false };
  return { text: text.slice(0, maxTokens * 4), truncated: true };
}

/** The scripted answer, given the last message's role and text and the tools offered. */
function script(
  last: { role: string; text: string; isToolResult: boolean },
  tools: ToolDef[],
  maxTokens: unknown,
): ScriptedTurn {
  if (last.role === 'user' && !last.isToolResult && last.text.includes(ERROR_MARKER)) {
    return { kind: 'error', text: 'The fake model was asked to fail.', truncated: false };
  }
  if (last.role === 'user' && !last.isToolResult) {
    const tool = pickTool(tools, last.text);
    if (tool) {
      return {
        kind: 'tool_call',
        text: '',
        toolName: tool.name,
        toolArguments: argumentsFor(tool.parameters, last.text),
        truncated: false,
      };
    }
    const { text, truncated } = truncateToTokens(`Hello from the fake model. You said: ${last.text}`, maxTokens);
    return { kind: 'text', text, truncated };
  }
  const { text, truncated } = truncateToTokens(`Based on the tool result: ${last.text}`, maxTokens);
  return { kind: 'text', text, truncated };
}

function embeddingFor(text: string, dimensions: number): number[] {
  const blocks: Buffer[] = [createHash('sha256').update(text).digest()];
  while (blocks.length * 16 < dimensions)
    blocks.push(
      createHash('sha256')
        .update(blocks[blocks.length - 1]!)
        .digest(),
    );
  const bytes = Buffer.concat(blocks);
  const values = Array.from({ length: dimensions }, (_, i) => bytes.readUInt16BE(i * 2) / 32767.5 - 1);
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return values.map((v) => Math.round((v / norm) * 1e6) / 1e6);
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

/** Starts the fake model server on 127.0.0.1, port 0. */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const seenSystemPrompts = new Set<string>();
  /** Anthropic message threads (beta): the conversation so far, by the id of its last message. */
  const threads = new Map<string, { system: unknown; tools: unknown; messages: unknown[] }>();
  let responseCount = 0;
  let toolCallCount = 0;

  /** Cache accounting for a system prompt: read on a repeat, written the first time. */
  function cacheFor(systemText: string): { read: number; write: number } {
    if (systemText === '') return { read: 0, write: 0 };
    const tokens = 4 + countTokens(systemText);
    if (seenSystemPrompts.has(systemText)) return { read: tokens, write: 0 };
    seenSystemPrompts.add(systemText);
    return { read: 0, write: tokens };
  }

  function openAiChat(body: Json, res: ServerResponse, headers: Record<string, string>): void {
    const request = readChatRequest(body);
    const { messages, tools } = request;
    const lastMessage = messages[messages.length - 1] ?? {};
    const role = typeof lastMessage.role === 'string' ? lastMessage.role : 'user';
    const lastText = contentText(lastMessage.content);
    const userText = contentText([...messages].reverse().find((m) => m.role === 'user')?.content);
    const turn = script(
      { role, text: role === 'tool' ? lastText : userText, isToolResult: role === 'tool' },
      tools,
      body.max_completion_tokens ?? body.max_tokens,
    );
    if (turn.kind === 'error') {
      sendOpenAiError(res, 400, turn.text, headers, 'fake_error');
      return;
    }
    const first = messages[0];
    const systemText =
      first && (first.role === 'system' || first.role === 'developer') ? contentText(first.content) : '';
    const cache = cacheFor(systemText);
    responseCount += 1;
    writeChatCompletion(res, {
      id: `chatcmpl-fake-${pad(responseCount)}`,
      model: request.model,
      answer: {
        text: turn.text,
        truncated: turn.truncated,
        ...(turn.kind === 'tool_call'
          ? {
              toolCall: {
                id: `call_fake_${pad((toolCallCount += 1))}`,
                name: turn.toolName ?? '',
                arguments: turn.toolArguments ?? '',
              },
            }
          : {}),
      },
      promptTokens: promptTokens(request, body.tools),
      cachedTokens: cache.read,
      stream: body.stream === true,
      includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
      headers,
    });
  }

  function openAiEmbeddings(body: Json, res: ServerResponse, headers: Record<string, string>): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const texts = inputs.map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_EMBEDDING_DIMENSIONS;
    const base64 = body.encoding_format === 'base64';
    const tokens = texts.reduce((s, t) => s + countTokens(t), 0);
    sendJson(
      res,
      200,
      {
        object: 'list',
        data: texts.map((text, index) => {
          const vector = embeddingFor(text, dimensions);
          return {
            object: 'embedding',
            index,
            embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
          };
        }),
        model: snapshotModel(typeof body.model === 'string' ? body.model : 'unknown'),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      },
      headers,
    );
  }

  function anthropicMessages(request: Json, res: ServerResponse, headers: Record<string, string>): void {
    const thread = isObject(request.thread) ? request.thread : undefined;
    const previous =
      thread?.type === 'continue' && typeof thread.previous_message_id === 'string'
        ? threads.get(thread.previous_message_id)
        : undefined;
    if (thread?.type === 'continue' && !previous) {
      const message = `previous_message_id ${String(thread.previous_message_id)} names no message of a thread`;
      sendJson(res, 400, { type: 'error', error: { type: 'invalid_request_error', message } }, headers);
      return;
    }
    // A thread continuation sends only the new messages: the server supplies the rest.
    const body: Json = previous
      ? {
          ...request,
          system: request.system ?? previous.system,
          tools: request.tools ?? previous.tools,
          messages: [...asArray(previous.messages), ...asArray(request.messages)],
        }
      : request;
    const messages = asArray(body.messages).filter(isObject);
    const tools: ToolDef[] = asArray(body.tools)
      .filter(isObject)
      .filter((t) => typeof t.name === 'string')
      .map((t) => ({ name: String(t.name), parameters: t.input_schema }));
    const lastMessage = messages[messages.length - 1] ?? {};
    const role = typeof lastMessage.role === 'string' ? lastMessage.role : 'user';
    const isToolResult = asArray(lastMessage.content).some((p) => isObject(p) && p.type === 'tool_result');
    const userText = contentText(
      [...messages]
        .reverse()
        .find((m) => m.role === 'user' && !asArray(m.content).some((p) => isObject(p) && p.type === 'tool_result'))
        ?.content,
    );
    const turn = script(
      { role, text: isToolResult ? contentText(lastMessage.content) : userText, isToolResult },
      tools,
      body.max_tokens,
    );
    if (turn.kind === 'error') {
      sendJson(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: turn.text } }, headers);
      return;
    }
    const systemText = contentText(body.system);
    const promptTokens =
      (systemText ? 4 + countTokens(systemText) : 0) +
      messages.reduce((sum, m) => sum + 4 + countTokens(contentText(m.content)), 0) +
      (tools.length > 0 ? countTokens(JSON.stringify(body.tools)) : 0);
    const cache = cacheFor(systemText);
    responseCount += 1;
    const id = `msg_fake_${pad(responseCount)}`;
    const model = snapshotModel(typeof body.model === 'string' ? body.model : 'unknown');
    const content: Json[] =
      turn.kind === 'tool_call'
        ? [
            { type: 'text', text: 'Let me check that.' },
            {
              type: 'tool_use',
              id: `toolu_fake_${pad((toolCallCount += 1))}`,
              name: turn.toolName,
              input: JSON.parse(turn.toolArguments ?? '{}') as unknown,
            },
          ]
        : [{ type: 'text', text: turn.text }];
    const outputTokens = content.reduce(
      (s, b) => s + countTokens(typeof b.text === 'string' ? b.text : JSON.stringify(b.input)),
      0,
    );
    const stopReason = turn.kind === 'tool_call' ? 'tool_use' : turn.truncated ? 'max_tokens' : 'end_turn';
    if (thread) {
      threads.set(id, {
        system: body.system,
        tools: body.tools,
        messages: [...messages, { role: 'assistant', content }],
      });
    }
    const usage = {
      input_tokens: promptTokens - cache.read - cache.write,
      cache_creation_input_tokens: cache.write,
      cache_read_input_tokens: cache.read,
      output_tokens: outputTokens,
      service_tier: 'standard',
    };

    if (body.stream !== true) {
      sendJson(
        res,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage,
        },
        headers,
      );
      return;
    }

    const event = (type: string, data: Json): string =>
      `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    startSse(res, headers);
    res.write(
      event('message_start', {
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      }),
    );
    content.forEach((block, index) => {
      if (block.type === 'tool_use') {
        res.write(event('content_block_start', { index, content_block: { ...block, input: {} } }));
        for (const part of halves(JSON.stringify(block.input))) {
          res.write(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } }));
        }
      } else {
        res.write(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
        if (index === 0) res.write(event('ping', {}));
        for (const part of wordChunks(String(block.text))) {
          res.write(event('content_block_delta', { index, delta: { type: 'text_delta', text: part } }));
        }
      }
      res.write(event('content_block_stop', { index }));
    });
    res.write(
      event('message_delta', {
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
    );
    res.end(event('message_stop', {}));
  }

  const server = await startLocalJsonServer((req, res) => {
    requests.push(req);
    const requestId = `req_fake_${pad(requests.length)}`;
    const route = `${req.method} ${req.path}`;
    const json = isObject(req.body) ? req.body : {};
    if (route === 'POST /v1/chat/completions') openAiChat(json, res, { 'x-request-id': requestId });
    else if (route === 'POST /v1/embeddings') openAiEmbeddings(json, res, { 'x-request-id': requestId });
    else if (route === 'POST /v1/messages') anthropicMessages(json, res, { 'request-id': requestId });
    else {
      sendJson(res, 404, {
        error: { message: `The fake model server has no route ${route}`, type: 'invalid_request_error' },
      });
    }
  });
  return { ...server, requests };
}
