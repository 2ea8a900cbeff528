import type { TracerProvider } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ensureContextManager } from '../../../electron/engine/sample/otel-context';

export { ensureContextManager } from '../../../electron/engine/sample/otel-context';
export { redirectFetch } from '../../../electron/engine/sample/redirect-fetch';

/** What every driver in this folder takes. */
export interface DriverOptions {
  /**
   * The fake model server's base URL without a path (`startFakeModelServer().url`). Drivers give
   * the SDKs the providers' real base URLs and a `fetch` that sends every request here instead
   * (`redirectFetch`): instrumentations that tell the provider by host name (OpenInference's
   * `llm.provider`, OpenLLMetry's vendor detection) and `server.address` / `url.full` see what
   * they would see in production, and the captured attributes do not change with the port.
   */
  modelBaseUrl: string;
  /**
   * The provider the library's spans go to. Drivers pass it to the library explicitly (never
   * through the global provider), so drivers can run one after another in one process.
   */
  tracerProvider: TracerProvider;
}

/** What a driver reports back: the model's text answers, in the order the agent got them. */
export interface DriverResult {
  answers: string[];
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** The fake API key every driver sends; the fake server ignores it. */
export const FAKE_API_KEY = 'sk-fake-loupe-test';

/** The city every driver asks about, so the scripted tool call is `get_weather({"city":"Paris"})`. */
export const WEATHER_QUESTION = 'What is the weather in Paris right now?';
export const SYSTEM_PROMPT = 'You are a concise weather assistant. Use the get_weather tool for weather questions.';
export const CHAT_QUESTION = 'Say hello to Loupe in five words.';

/** The tool's implementation, shared by every driver: a deterministic forecast. */
export function getWeather(city: string): string {
  return `Sunny, 21°C in ${city}`;
}

export interface CaptureTracing {
  provider: BasicTracerProvider;
  exporter: InMemorySpanExporter;
}

/** A provider that keeps every finished span in memory, with the context manager registered. */
export function createCaptureTracing(serviceName = 'loupe-genai-capture'): CaptureTracing {
  ensureContextManager();
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { provider, exporter };
}
