import { traceAgent, traceTool } from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { runOpenAiAgent } from './openai-agent';
import {
  type DriverOptions,
  type DriverResult,
  FAKE_API_KEY,
  OPENAI_BASE_URL,
  WEATHER_QUESTION,
  getWeather,
  redirectFetch,
} from './tracing';

export const OPENINFERENCE_OPENAI_PACKAGES = [
  'openai',
  '@arizeai/openinference-instrumentation-openai',
  '@arizeai/openinference-core',
];

/**
 * OpenInference's OpenAI instrumentation, applied with `manuallyInstrument` (works under ESM and
 * vitest, where the require hook never sees `openai`). The agent and the tool are wrapped with
 * openinference-core's `traceAgent` / `traceTool`, as an OpenInference user would, so the root is
 * a real AGENT span and the tool a real TOOL span. The patch is removed before returning.
 */
export async function runOpenInferenceOpenAi({ modelBaseUrl, tracerProvider }: DriverOptions): Promise<DriverResult> {
  const instrumentation = new OpenAIInstrumentation({ tracerProvider });
  instrumentation.manuallyInstrument(OpenAI);
  const tracer = tracerProvider.getTracer('loupe-test-agent');
  try {
    const client = new OpenAI({
      baseURL: OPENAI_BASE_URL,
      fetch: redirectFetch(modelBaseUrl),
      apiKey: FAKE_API_KEY,
      maxRetries: 0,
    });
    const weatherTool = traceTool((args: { city: string }) => Promise.resolve(getWeather(args.city)), {
      name: 'get_weather',
      tracer,
    });
    const agent = traceAgent((_question: string) => runOpenAiAgent(client, (_name, args) => weatherTool(args)), {
      name: 'weather-agent',
      tracer,
    });
    return await agent(WEATHER_QUESTION);
  } finally {
    instrumentation.disable();
  }
}
