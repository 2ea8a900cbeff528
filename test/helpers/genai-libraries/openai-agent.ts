import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { CHAT_QUESTION, type DriverResult, SYSTEM_PROMPT, WEATHER_QUESTION, getWeather } from './tracing';

export const OPENAI_MODEL = 'gpt-4o-mini';
export const OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';

export const WEATHER_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'The city name' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

/** Runs one tool call of the model's; drivers wrap it in their library's tool span when it has one. */
export type ToolRunner = (name: string, args: { city: string }) => Promise<string>;

export const plainToolRunner: ToolRunner = (_name, args) => Promise.resolve(getWeather(args.city));

export interface OpenAiAgentSteps {
  embeddings: boolean;
}

/**
 * A tiny hand-written agent on the plain OpenAI SDK, for the instrumentations that patch the SDK:
 * 1. a chat call (system + user);
 * 2. a call offering `get_weather`; the model calls it; the tool runs (`runTool`); a second call
 *    with the tool result gets the final answer;
 * 3. the same as (2), streaming with `stream_options.include_usage`;
 * 4. optionally one embeddings call.
 */
export async function runOpenAiAgent(
  client: OpenAI,
  runTool: ToolRunner,
  steps: OpenAiAgentSteps = { embeddings: true },
): Promise<DriverResult> {
  const answers: string[] = [];
  const chat = await client.chat.completions.create({
    model: OPENAI_MODEL,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: CHAT_QUESTION },
    ],
    temperature: 0.2,
    max_tokens: 200,
  });
  answers.push(chat.choices[0]?.message.content ?? '');

  answers.push(await toolTurn(client, runTool, false));
  answers.push(await toolTurn(client, runTool, true));

  if (steps.embeddings) {
    await client.embeddings.create({ model: OPENAI_EMBEDDING_MODEL, input: 'sunny day in Paris' });
  }
  return { answers };
}

interface ToolCallSeen {
  id: string;
  name: string;
  arguments: string;
}

async function complete(
  client: OpenAI,
  messages: ChatCompletionMessageParam[],
  stream: boolean,
): Promise<{ content: string; toolCalls: ToolCallSeen[] }> {
  if (!stream) {
    const res = await client.chat.completions.create({ model: OPENAI_MODEL, messages, tools: [WEATHER_TOOL] });
    const message = res.choices[0]?.message;
    const toolCalls = (message?.tool_calls ?? []).flatMap((c) =>
      c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
    );
    return { content: message?.content ?? '', toolCalls };
  }
  const res = await client.chat.completions.create({
    model: OPENAI_MODEL,
    messages,
    tools: [WEATHER_TOOL],
    stream: true,
    stream_options: { include_usage: true },
  });
  let content = '';
  const toolCalls: ToolCallSeen[] = [];
  for await (const chunk of res) {
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) content += delta.content;
    for (const call of delta?.tool_calls ?? []) {
      const seen = (toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
      if (call.id) seen.id = call.id;
      if (call.function?.name) seen.name = call.function.name;
      if (call.function?.arguments) seen.arguments += call.function.arguments;
    }
  }
  return { content, toolCalls };
}

async function toolTurn(client: OpenAI, runTool: ToolRunner, stream: boolean): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: WEATHER_QUESTION },
  ];
  const first = await complete(client, messages, stream);
  if (first.toolCalls.length === 0) return first.content;
  messages.push({
    role: 'assistant',
    content: null,
    tool_calls: first.toolCalls.map((c) => ({
      id: c.id,
      type: 'function' as const,
      function: { name: c.name, arguments: c.arguments },
    })),
  });
  for (const call of first.toolCalls) {
    const result = await runTool(call.name, JSON.parse(call.arguments) as { city: string });
    messages.push({ role: 'tool', tool_call_id: call.id, content: result });
  }
  const second = await complete(client, messages, stream);
  return second.content;
}
