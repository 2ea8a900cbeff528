import { setTimeout as sleep } from 'node:timers/promises';
import { type LocalServer, sendJson, startLocalJsonServer } from './local-json-server';
import {
  type ChatAnswer,
  type ChatRequest,
  isObject,
  promptTokens,
  readChatRequest,
  sendOpenAiError,
  writeChatCompletion,
} from './openai-chat-wire';

/** What the script makes the model do with one request. */
export type ScriptedReply =
  | { kind: 'text'; text: string }
  | { kind: 'tool_call'; name: string; arguments: Record<string, unknown> }
  | { kind: 'error'; message: string };

export type ChatScript = (request: ChatRequest) => ScriptedReply;

export interface ScriptedChatModelOptions {
  /** How long the model "thinks" before answering (default: answers at once). */
  latencyMs?: (request: ChatRequest, answer: ChatAnswer) => number;
}

export interface ScriptedChatModel extends LocalServer {
  /** Chat completion requests answered so far (errors included). */
  requestCount(): number;
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

/**
 * An OpenAI-compatible model on 127.0.0.1 (a free port) whose answers come from `script`:
 * `POST /v1/chat/completions`, non-streaming and streaming (with `stream_options.include_usage`),
 * tool calls included; token usage is counted as in openai-chat-wire.ts. Anything else is a 404
 * with an OpenAI-shaped error body. Point an OpenAI client at `${url}/v1`.
 */
export async function startScriptedChatModel(
  script: ChatScript,
  options: ScriptedChatModelOptions = {},
): Promise<ScriptedChatModel> {
  let requests = 0;
  let toolCalls = 0;
  const server = await startLocalJsonServer(async (req, res) => {
    const route = `${req.method} ${req.path}`;
    if (route !== 'POST /v1/chat/completions') {
      sendJson(res, 404, {
        error: { message: `The fake model has no route ${route}`, type: 'invalid_request_error' },
      });
      return;
    }
    requests += 1;
    const headers = { 'x-request-id': `req_fake_${pad(requests)}` };
    const body = isObject(req.body) ? req.body : {};
    const request = readChatRequest(body);
    const reply = script(request);
    if (reply.kind === 'error') {
      sendOpenAiError(res, 400, reply.message, headers, 'fake_error');
      return;
    }
    const answer: ChatAnswer =
      reply.kind === 'text'
        ? { text: reply.text }
        : {
            text: '',
            toolCall: {
              id: `call_fake_${pad((toolCalls += 1))}`,
              name: reply.name,
              arguments: JSON.stringify(reply.arguments),
            },
          };
    const delay = options.latencyMs?.(request, answer) ?? 0;
    if (delay > 0) await sleep(delay);
    writeChatCompletion(res, {
      id: `chatcmpl-fake-${pad(requests)}`,
      model: request.model,
      answer,
      promptTokens: promptTokens(request, body.tools),
      stream: body.stream === true,
      includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
      headers,
    });
  });
  return { ...server, requestCount: () => requests };
}
