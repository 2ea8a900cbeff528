import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { CHAT_QUESTION, type DriverResult, SYSTEM_PROMPT, WEATHER_QUESTION, getWeather } from './tracing';

export const ANTHROPIC_MODEL = 'claude-3-5-haiku-latest';

export const ANTHROPIC_WEATHER_TOOL: Tool = {
  name: 'get_weather',
  description: 'Get the current weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'The city name' } },
    required: ['city'],
  },
};

function text(message: Anthropic.Message): string {
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

/**
 * A tiny hand-written agent on the plain Anthropic SDK (the Messages API, not beta):
 * 1. a chat call (system + user, max_tokens; SDK 1.x has no `temperature` parameter);
 * 2. a call offering `get_weather`; the model answers with text and a tool_use block; the tool
 *    runs; a second call with the tool_result gets the final answer;
 * 3. the same as (2), streaming (`stream: true`, read to the end).
 */
export async function runAnthropicAgent(client: Anthropic): Promise<DriverResult> {
  const answers: string[] = [];
  const chat = await client.messages.create({
    model: ANTHROPIC_MODEL,
    system: SYSTEM_PROMPT,
    messages: [{ role: 'user', content: CHAT_QUESTION }],
    max_tokens: 200,
  });
  answers.push(text(chat));
  answers.push(await toolTurn(client, false));
  answers.push(await toolTurn(client, true));
  return { answers };
}

async function complete(client: Anthropic, messages: MessageParam[], stream: boolean): Promise<Anthropic.Message> {
  const params = {
    model: ANTHROPIC_MODEL,
    system: SYSTEM_PROMPT,
    messages,
    max_tokens: 300,
    tools: [ANTHROPIC_WEATHER_TOOL],
  };
  if (!stream) return client.messages.create(params);
  const events = await client.messages.create({ ...params, stream: true });
  // Rebuild the message from the events, as an application reading the stream would.
  let message: Anthropic.Message | undefined;
  const partialJson = new Map<number, string>();
  for await (const event of events) {
    if (event.type === 'message_start') message = { ...event.message, content: [] };
    else if (event.type === 'content_block_start' && message) message.content[event.index] = { ...event.content_block };
    else if (event.type === 'content_block_delta' && message) {
      const block = message.content[event.index];
      if (event.delta.type === 'text_delta' && block?.type === 'text') block.text += event.delta.text;
      if (event.delta.type === 'input_json_delta') {
        partialJson.set(event.index, (partialJson.get(event.index) ?? '') + event.delta.partial_json);
      }
    } else if (event.type === 'message_delta' && message) {
      message.stop_reason = event.delta.stop_reason;
      message.usage.output_tokens = event.usage.output_tokens;
    }
  }
  if (!message) throw new Error('The stream had no message_start event');
  for (const [index, json] of partialJson) {
    const block = message.content[index];
    if (block?.type === 'tool_use') block.input = JSON.parse(json) as unknown;
  }
  return message;
}

async function toolTurn(client: Anthropic, stream: boolean): Promise<string> {
  const messages: MessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
  const first = await complete(client, messages, stream);
  const toolUses = first.content.flatMap((b) => (b.type === 'tool_use' ? [b] : []));
  if (toolUses.length === 0) return text(first);
  messages.push({ role: 'assistant', content: first.content });
  messages.push({
    role: 'user',
    content: toolUses.map((use) => ({
      type: 'tool_result' as const,
      tool_use_id: use.id,
      content: getWeather((use.input as { city: string }).city),
    })),
  });
  return text(await complete(client, messages, stream));
}
