import { setSession, setUser } from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { LOUPE_VERSION } from '../version';
import { CountingExporter } from './counting-exporter';
import { startScriptedChatModel } from './fake-model/scripted-chat-model';
import { ensureContextManager } from './otel-context';
import { redirectFetch } from './redirect-fetch';
import { type AgentDeps, SampleAgent } from './sample-agent';
import { SAMPLE_CONVERSATIONS, type SampleConversation } from './sample-conversations';
import { sampleModelLatencyMs, sampleModelScript } from './sample-model-script';

/** The `service.name` of the sample runs: how to tell them from an agent's own. */
export const SAMPLE_SERVICE_NAME = 'loupe-sample-agent';

export interface SampleRunsLoaded {
  /** Runs (traces) and spans the engine acknowledged. */
  runs: number;
  spans: number;
}

export class SampleLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SampleLoadError';
  }
}

/** The SDK is set up for OpenAI itself; its requests go to the bundled fake model instead. */
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the bundled sample agent against the bundled fake model and sends its spans to `otlpHttpUrl`
 * (the engine's own OTLP/HTTP receiver) with the OTLP/HTTP exporter, as any instrumented agent
 * would. Resolves once every span was acknowledged, with what was sent. Each call adds new runs
 * (fresh trace ids, a new session id). Calls run one at a time: the instrumentation patches the
 * OpenAI SDK's classes for the length of a load and removes its patch afterwards.
 */
export function loadSampleRuns(otlpHttpUrl: string): Promise<SampleRunsLoaded> {
  const next = queue.then(() => runSampleAgent(otlpHttpUrl));
  queue = next.catch(() => {});
  return next;
}

async function runSampleAgent(otlpHttpUrl: string): Promise<SampleRunsLoaded> {
  ensureContextManager();
  const exporter = new CountingExporter(new OTLPTraceExporter({ url: `${otlpHttpUrl}/v1/traces` }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SAMPLE_SERVICE_NAME, 'service.version': LOUPE_VERSION }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  try {
    await runConversations(provider);
    await provider.forceFlush();
  } finally {
    await provider.shutdown();
  }
  const failure = exporter.firstFailure();
  if (failure) {
    throw new SampleLoadError(`the sample spans could not be sent to ${otlpHttpUrl}: ${failure.message}`, {
      cause: failure,
    });
  }
  return { runs: exporter.traceIds.size, spans: exporter.spans };
}

async function runConversations(provider: BasicTracerProvider): Promise<void> {
  const model = await startScriptedChatModel(sampleModelScript(SAMPLE_CONVERSATIONS), {
    latencyMs: sampleModelLatencyMs,
  });
  // Not enabled: no require hooks in the engine's process; the manual patch is all it does.
  const instrumentation = new OpenAIInstrumentation({
    tracerProvider: provider,
    instrumentationConfig: { enabled: false },
  });
  instrumentation.manuallyInstrument(OpenAI);
  try {
    const deps: AgentDeps = {
      client: new OpenAI({
        baseURL: OPENAI_BASE_URL,
        apiKey: 'sk-loupe-sample-not-a-key',
        fetch: redirectFetch(model.url),
        maxRetries: 0,
      }),
      tracer: provider.getTracer('loupe-sample-agent', LOUPE_VERSION),
    };
    const sessionId = `sample-${randomBytes(4).toString('hex')}`;
    await Promise.all(SAMPLE_CONVERSATIONS.map((c) => runConversation(deps, c, sessionId)));
  } finally {
    instrumentation.disable();
    await model.close();
  }
}

/** One conversation, turn after turn; several turns are one session (and the user's, when named). */
async function runConversation(deps: AgentDeps, spec: SampleConversation, sessionId: string): Promise<void> {
  const agent = new SampleAgent(deps, spec);
  let ctx = context.active();
  if (spec.turns.length > 1) ctx = setSession(ctx, { sessionId });
  if (spec.userId !== undefined) ctx = setUser(ctx, { userId: spec.userId });
  for (const turn of spec.turns) await context.with(ctx, () => agent.turn(turn.user));
}
