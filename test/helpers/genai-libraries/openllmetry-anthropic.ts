import Anthropic, { APIPromise } from '@anthropic-ai/sdk';
import { SpanStatusCode } from '@opentelemetry/api';
import { AnthropicInstrumentation } from '@traceloop/instrumentation-anthropic';
import { runAnthropicAgent } from './anthropic-agent';
import { ANTHROPIC_BASE_URL, type DriverOptions, type DriverResult, FAKE_API_KEY, redirectFetch } from './tracing';
import { unwrapMethods } from './unwrap';

/** Stands in for the Completions resource that SDK 1.x removed; never called. */
class LegacyCompletions {
  create(): never {
    throw new Error('@anthropic-ai/sdk 1.x has no Completions resource');
  }
}

export const OPENLLMETRY_ANTHROPIC_PACKAGES = ['@anthropic-ai/sdk', '@traceloop/instrumentation-anthropic'];

/**
 * OpenLLMetry's (Traceloop's) Anthropic instrumentation, applied with `manuallyInstrument`. The
 * SDK's own tracing is switched off (`openTelemetry: false`) so only OpenLLMetry's spans appear;
 * see anthropic-native.ts for the SDK's spans. No tool span (OpenLLMetry has none without its
 * SDK's decorators); the app's root span `weather-agent` is plain. The patch is removed after.
 */
export async function runOpenLLMetryAnthropic({ modelBaseUrl, tracerProvider }: DriverOptions): Promise<DriverResult> {
  const instrumentation = new AnthropicInstrumentation({ traceContent: true });
  instrumentation.setTracerProvider(tracerProvider);
  // manuallyInstrument wraps `Anthropic.Completions.prototype.create`, and SDK 1.x has no
  // Completions resource (it throws on `undefined.prototype`): hand it the module's parts with a
  // stand-in Completions class. Messages and Beta.Messages are the SDK's own; APIPromise is what its
  // streaming wrapper rebuilds the response with.
  instrumentation.manuallyInstrument({
    APIPromise,
    Anthropic: { Completions: LegacyCompletions, Messages: Anthropic.Messages, Beta: Anthropic.Beta },
  } as unknown as Parameters<AnthropicInstrumentation['manuallyInstrument']>[0]);
  const tracer = tracerProvider.getTracer('loupe-test-agent');
  try {
    const client = new Anthropic({
      baseURL: ANTHROPIC_BASE_URL,
      fetch: redirectFetch(modelBaseUrl),
      apiKey: FAKE_API_KEY,
      maxRetries: 0,
      openTelemetry: false,
    });
    return await tracer.startActiveSpan('weather-agent', async (root) => {
      try {
        return await runAnthropicAgent(client);
      } catch (err) {
        root.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
        throw err;
      } finally {
        root.end();
      }
    });
  } finally {
    instrumentation.disable();
    unwrapMethods(Anthropic.Messages.prototype, ['create']);
    unwrapMethods(Anthropic.Beta.Messages.prototype, ['create']);
  }
}
