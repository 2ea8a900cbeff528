import Anthropic from '@anthropic-ai/sdk';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { SpanStatusCode } from '@opentelemetry/api';
import { ANTHROPIC_MODEL, runAnthropicAgent } from './anthropic-agent';
import {
  ANTHROPIC_BASE_URL,
  type DriverOptions,
  type DriverResult,
  FAKE_API_KEY,
  SYSTEM_PROMPT,
  WEATHER_QUESTION,
  getWeather,
  redirectFetch,
} from './tracing';

export const ANTHROPIC_NATIVE_PACKAGES = ['@anthropic-ai/sdk'];

/**
 * The Anthropic SDK's own OpenTelemetry tracing (`openTelemetry` client option, scope
 * `com.anthropic.sdk.typescript`), with content capture on (`contentMode: 'content'`; the default
 * is metadata only). No instrumentation package. Under a plain app root span `weather-agent`:
 * the hand-written agent of anthropic-agent.ts (chat, tool loop, streaming tool loop), then the
 * SDK's beta tool runner with a `betaTool`, which traces the loop (`invoke_agent`) and the tool
 * run (`execute_tool`) itself.
 */
export async function runAnthropicNative({ modelBaseUrl, tracerProvider }: DriverOptions): Promise<DriverResult> {
  const tracer = tracerProvider.getTracer('loupe-test-agent');
  const client = new Anthropic({
    baseURL: ANTHROPIC_BASE_URL,
    fetch: redirectFetch(modelBaseUrl),
    apiKey: FAKE_API_KEY,
    maxRetries: 0,
    openTelemetry: { tracerProvider, traces: { contentMode: 'content' } },
  });
  return tracer.startActiveSpan('weather-agent', async (root) => {
    try {
      const { answers } = await runAnthropicAgent(client);
      const weather = betaTool({
        name: 'get_weather',
        description: 'Get the current weather for a city',
        inputSchema: {
          type: 'object',
          properties: { city: { type: 'string', description: 'The city name' } },
          required: ['city'],
        },
        run: ({ city }) => getWeather(city),
      });
      const final = await client.beta.messages
        .toolRunner(
          {
            model: ANTHROPIC_MODEL,
            system: SYSTEM_PROMPT,
            max_tokens: 300,
            messages: [{ role: 'user', content: WEATHER_QUESTION }],
            tools: [weather],
          },
          { openTelemetry: { conversationId: 'conversation-anthropic-1' } },
        )
        .runUntilDone();
      answers.push(final.content.map((b) => (b.type === 'text' ? b.text : '')).join(''));
      return { answers };
    } catch (err) {
      root.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      throw err;
    } finally {
      root.end();
    }
  });
}
