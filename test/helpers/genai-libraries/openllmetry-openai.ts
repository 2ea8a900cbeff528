import { SpanStatusCode } from '@opentelemetry/api';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { plainToolRunner, runOpenAiAgent } from './openai-agent';
import { type DriverOptions, type DriverResult, FAKE_API_KEY, OPENAI_BASE_URL, redirectFetch } from './tracing';
import { unwrapMethods } from './unwrap';

export const OPENLLMETRY_OPENAI_PACKAGES = ['openai', '@traceloop/instrumentation-openai'];

/**
 * OpenLLMetry's (Traceloop's) OpenAI instrumentation, applied with `manuallyInstrument(OpenAI)`.
 * It traces chat and completions calls only: embeddings and tools get no span from it (tool and
 * workflow spans come from Traceloop's SDK decorators, not used here). The app's root span
 * `weather-agent` is a plain span with no GenAI attributes. The patch is removed before returning.
 */
export async function runOpenLLMetryOpenAi({ modelBaseUrl, tracerProvider }: DriverOptions): Promise<DriverResult> {
  const instrumentation = new OpenAIInstrumentation({ traceContent: true });
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.manuallyInstrument(OpenAI);
  const tracer = tracerProvider.getTracer('loupe-test-agent');
  try {
    const client = new OpenAI({
      baseURL: OPENAI_BASE_URL,
      fetch: redirectFetch(modelBaseUrl),
      apiKey: FAKE_API_KEY,
      maxRetries: 0,
    });
    return await tracer.startActiveSpan('weather-agent', async (root) => {
      try {
        return await runOpenAiAgent(client, plainToolRunner);
      } catch (err) {
        root.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
        throw err;
      } finally {
        root.end();
      }
    });
  } finally {
    instrumentation.disable();
    unwrapMethods(OpenAI.Chat.Completions.prototype, ['create']);
    unwrapMethods(OpenAI.Completions.prototype, ['create']);
    unwrapMethods(OpenAI.Responses.prototype, ['create']);
    unwrapMethods(OpenAI.Images.prototype, ['generate', 'edit', 'createVariation']);
  }
}
