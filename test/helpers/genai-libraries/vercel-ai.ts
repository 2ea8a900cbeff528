import { createOpenAI } from '@ai-sdk/openai';
import { SpanStatusCode } from '@opentelemetry/api';
import { embed, generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import {
  CHAT_QUESTION,
  type DriverOptions,
  type DriverResult,
  FAKE_API_KEY,
  OPENAI_BASE_URL,
  SYSTEM_PROMPT,
  WEATHER_QUESTION,
  getWeather,
  redirectFetch,
} from './tracing';

export const VERCEL_AI_PACKAGES = ['ai', '@ai-sdk/openai'];

/**
 * Vercel AI SDK (`ai` v6) with its built-in telemetry (`experimental_telemetry`, no patching),
 * against the fake server's Chat Completions route (`provider.chat()`; the provider's default
 * would be the Responses API). Under one app root span `weather-agent`:
 * 1. generateText with a system prompt and a user message;
 * 2. generateText offering `get_weather`: step 1 calls the tool, the SDK runs `execute` (its
 *    `ai.toolCall` span), step 2 answers;
 * 3. the same as (2) through streamText;
 * 4. embed one value.
 */
export async function runVercelAi({ modelBaseUrl, tracerProvider }: DriverOptions): Promise<DriverResult> {
  const tracer = tracerProvider.getTracer('loupe-test-agent');
  // The SDK's own default is `trace.getTracer('ai')` on the global provider: same scope name here.
  const aiTracer = tracerProvider.getTracer('ai');
  const openai = createOpenAI({ baseURL: OPENAI_BASE_URL, fetch: redirectFetch(modelBaseUrl), apiKey: FAKE_API_KEY });
  const model = openai.chat('gpt-4o-mini');
  const telemetry = {
    isEnabled: true,
    tracer: aiTracer,
    functionId: 'weather-agent',
    metadata: { sessionId: 'session-vercel-1', userId: 'user-1' },
  };
  const tools = {
    get_weather: tool({
      description: 'Get the current weather for a city',
      inputSchema: z.object({ city: z.string().describe('The city name') }),
      execute: ({ city }) => Promise.resolve(getWeather(city)),
    }),
  };

  return tracer.startActiveSpan('weather-agent', async (root) => {
    try {
      const answers: string[] = [];
      const chat = await generateText({
        model,
        system: SYSTEM_PROMPT,
        prompt: CHAT_QUESTION,
        temperature: 0.2,
        maxOutputTokens: 200,
        experimental_telemetry: telemetry,
      });
      answers.push(chat.text);

      const withTool = await generateText({
        model,
        system: SYSTEM_PROMPT,
        prompt: WEATHER_QUESTION,
        tools,
        stopWhen: stepCountIs(3),
        experimental_telemetry: telemetry,
      });
      answers.push(withTool.text);

      const streamed = streamText({
        model,
        system: SYSTEM_PROMPT,
        prompt: WEATHER_QUESTION,
        tools,
        stopWhen: stepCountIs(3),
        experimental_telemetry: telemetry,
      });
      await streamed.consumeStream();
      answers.push(await streamed.text);

      await embed({
        model: openai.embedding('text-embedding-3-small'),
        value: 'sunny day in Paris',
        experimental_telemetry: telemetry,
      });
      return { answers };
    } catch (err) {
      root.recordException(err as Error);
      root.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      throw err;
    } finally {
      root.end();
    }
  });
}
