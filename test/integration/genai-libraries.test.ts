/**
 * Real instrumentation libraries, driving a local fake model server, exporting over real OTLP/HTTP
 * protobuf into a real engine: the steps, tokens, cost and messages Loupe shows for what each
 * library really emits (the shapes are in test/fixtures/genai-captured/, captured by the same
 * drivers). Prices are the built-in list prices: gpt-4o-mini $0.15 / $0.075 cached / $0.60,
 * claude-3-5-haiku $0.80 / $0.08 cached / $1.00 cache write / $4, text-embedding-3-small $0.02
 * per million tokens.
 */
import { spawnSync } from 'node:child_process';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/domain/run';
import type { RunStep, RunSteps } from '../../shared/domain/step';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { startFakeModelServer } from '../helpers/fake-model-server';
import { runAnthropicNative } from '../helpers/genai-libraries/anthropic-native';
import { runLangChainOpenInference } from '../helpers/genai-libraries/langchain-openinference';
import { runOpenInferenceOpenAi } from '../helpers/genai-libraries/openinference-openai';
import { runOpenLLMetryAnthropic } from '../helpers/genai-libraries/openllmetry-anthropic';
import { runOpenLLMetryOpenAi } from '../helpers/genai-libraries/openllmetry-openai';
import { type DriverOptions, type DriverResult, ensureContextManager } from '../helpers/genai-libraries/tracing';
import { runVercelAi } from '../helpers/genai-libraries/vercel-ai';
import { LOUPE_BIN } from '../helpers/serve-process';

type Driver = (o: DriverOptions) => Promise<DriverResult>;

let engine: TestEngine;

beforeAll(async () => {
  ensureContextManager();
  engine = await startTestEngine();
});
afterAll(() => engine?.stop());

/** Runs a library's agent with spans exported to the engine; returns its run read as steps. */
async function runLibrary(service: string, driver: Driver): Promise<RunSteps> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${engine.otlpHttpUrl}/v1/traces` }))],
  });
  // A fresh model server per library: its simulated prompt cache starts empty, as in the captures.
  const model = await startFakeModelServer();
  try {
    await driver({ modelBaseUrl: model.url, tracerProvider: provider });
  } finally {
    await model.close();
  }
  await provider.forceFlush();
  await provider.shutdown();
  const runs = (await engine.api('listRuns', { limit: 50 })).body as RunSummary[];
  const run = runs.find((r) => r.service === service);
  expect(run, `a run from ${service}`).toBeDefined();
  const res = await engine.api('getRunSteps', { traceId: run!.traceId });
  expect(res.status).toBe(200);
  return res.body as RunSteps;
}

const usd = (inTok: number, cached: number, out: number, p: { in: number; cached: number; out: number }) =>
  ((inTok - cached) * p.in + cached * p.cached + out * p.out) / 1e6;
const MINI = { in: 0.15, cached: 0.075, out: 0.6 };
const close = (a: number | null, b: number) => expect(a).toBeCloseTo(b, 10);

const llmSteps = (r: RunSteps) => r.steps.filter((s) => s.kind === 'llm');
const stepText = (s: RunStep, side: 'inputMessages' | 'outputMessages') =>
  (s[side] ?? []).flatMap((m) => m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : []))).join(' ');

describe('real instrumentation libraries → Loupe steps', () => {
  it('OpenInference openai instrumentation with the openai client', async () => {
    const r = await runLibrary('openinference-openai', runOpenInferenceOpenAi);
    expect(r.run).toMatchObject({ llmCalls: 5, toolCalls: 2, name: 'weather-agent' });
    const llm = llmSteps(r);
    expect(llm.map((s) => [s.provider, s.model])).toEqual([
      ['openai', 'gpt-4o-mini-2024-07-18'],
      ['openai', 'gpt-4o-mini-2024-07-18'],
      ['openai', 'gpt-4o-mini-2024-07-18'],
      ['openai', 'gpt-4o-mini'],
      ['openai', 'gpt-4o-mini'],
    ]);
    // The instrumentation records no usage on streamed calls: unknown, not 0, and the run says so.
    expect(llm.map((s) => [s.inputTokens, s.cacheReadTokens, s.outputTokens])).toEqual([
      [38, 0, 18],
      [103, 25, 4],
      [116, 25, 12],
      [null, null, null],
      [null, null, null],
    ]);
    expect(llm[3]).toMatchObject({ costUsd: null, costSource: 'unknown' });
    close(llm[1]!.costUsd, usd(103, 25, 4, MINI));
    expect(r.run).toMatchObject({ inputTokens: 257, outputTokens: 34, costComplete: false, usageUnknownCalls: 3 });
    close(r.run.costUsd, usd(38, 0, 18, MINI) + usd(103, 25, 4, MINI) + usd(116, 25, 12, MINI));
    expect(llm[0]!.inputMessages!.map((m) => m.role)).toEqual(['system', 'user']);
    expect(stepText(llm[0]!, 'outputMessages')).toContain('Hello from the fake model');
    expect(llm[1]!.outputMessages![0]!.tool_calls[0]).toMatchObject({
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    expect(llm[1]!.finishReason).toBe('tool_call');
    const tool = r.steps.find((s) => s.kind === 'tool')!;
    expect(tool).toMatchObject({
      toolName: 'get_weather',
      toolArguments: { city: 'Paris' },
      toolResult: 'Sunny, 21°C in Paris',
    });
    expect(r.steps.find((s) => s.kind === 'embedding')).toMatchObject({ model: 'text-embedding-3-small' });
  });

  it('Vercel AI SDK (ai + @ai-sdk/openai) with a tool and streaming: wrapper usage is not summed again', async () => {
    const r = await runLibrary('vercel-ai', runVercelAi);
    const llm = llmSteps(r);
    expect(llm.map((s) => s.name)).toEqual([
      'ai.generateText.doGenerate',
      'ai.generateText.doGenerate',
      'ai.generateText.doGenerate',
      'ai.streamText.doStream',
      'ai.streamText.doStream',
    ]);
    expect(llm.every((s) => s.model === 'gpt-4o-mini-2024-07-18' && s.provider === 'openai')).toBe(true);
    // The ai.generateText / ai.streamText roots repeat their steps' usage (245 = 116 + 129): agents, not summed.
    const roots = r.steps.filter((s) => s.name === 'ai.generateText' || s.name === 'ai.streamText');
    expect(roots.map((s) => s.kind)).toEqual(['agent', 'agent', 'agent']);
    expect(roots[1]!.inputTokens).toBe(245);
    expect(r.run).toMatchObject({
      llmCalls: 5,
      toolCalls: 2,
      inputTokens: 38 + 116 + 129 + 116 + 129 + 5,
      outputTokens: 50,
    });
    expect(r.run).toMatchObject({ costComplete: true, sessionId: 'session-vercel-1', userId: 'user-1' });
    const expected = usd(38, 0, 18, MINI) + 2 * (usd(116, 25, 4, MINI) + usd(129, 25, 12, MINI)) + (5 * 0.02) / 1e6;
    close(r.run.costUsd, expected);
    // Streaming: time to first token; tool call arguments as objects; the tool step's result.
    expect(llm[3]!.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(llm[3]!.outputMessages![0]!.tool_calls[0]).toMatchObject({
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    expect(llm[1]!.outputMessages![0]!.tool_calls[0]).toMatchObject({
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    expect(llm[2]!.inputMessages!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    const tool = r.steps.find((s) => s.kind === 'tool')!;
    expect(tool).toMatchObject({
      name: 'ai.toolCall',
      toolName: 'get_weather',
      toolArguments: { city: 'Paris' },
      toolResult: 'Sunny, 21°C in Paris',
    });
    expect(r.steps.find((s) => s.kind === 'embedding')).toMatchObject({ inputTokens: 5, costSource: 'computed' });
  });

  it('OpenLLMetry (@traceloop/instrumentation-openai) with the openai client', async () => {
    const r = await runLibrary('openllmetry-openai', runOpenLLMetryOpenAi);
    const llm = llmSteps(r);
    expect(llm).toHaveLength(5);
    expect(llm[0]).toMatchObject({ provider: 'openai', requestModel: 'gpt-4o-mini', model: 'gpt-4o-mini-2024-07-18' });
    expect(llm.map((s) => s.inputTokens)).toEqual([38, 103, 116, null, null]);
    close(llm[0]!.costUsd, usd(38, 0, 18, MINI));
    expect(llm[1]).toMatchObject({ finishReason: 'tool_call' });
    expect(llm[1]!.outputMessages![0]!.tool_calls[0]).toMatchObject({
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    expect(llm[2]!.inputMessages!.some((m) => m.parts.some((p) => p.type === 'tool_result'))).toBe(true);
    expect(llm[0]!.toolsOffered).toBeNull();
    expect(llm[1]!.toolsOffered).toHaveLength(1);
    expect(r.run).toMatchObject({ llmCalls: 5, costComplete: false, unpricedCalls: 2 });
  });

  it('OpenLLMetry (@traceloop/instrumentation-anthropic): its exclusive input tokens are made inclusive', async () => {
    const r = await runLibrary('openllmetry-anthropic', runOpenLLMetryAnthropic);
    const llm = llmSteps(r);
    expect(llm.map((s) => [s.inputTokens, s.cacheReadTokens, s.cacheWriteTokens, s.outputTokens])).toEqual([
      [38, 0, 25, 18], // 13 reported + 25 written to the cache
      [89, 25, 0, 9],
      [107, 25, 0, 12],
      [89, 25, 0, 9],
      [107, 25, 0, 12],
    ]);
    expect(llm[0]).toMatchObject({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022', costSource: 'computed' });
    // 13 uncached × $0.80 + 25 cache-write × $1.00 + 18 × $4
    close(llm[0]!.costUsd, (13 * 0.8 + 25 * 1 + 18 * 4) / 1e6);
    expect(llm[0]!.inputMessages![0]).toMatchObject({ role: 'system' });
  });

  it("the Anthropic SDK's own tracing", async () => {
    const r = await runLibrary('anthropic-native', runAnthropicNative);
    const llm = llmSteps(r);
    expect(llm).toHaveLength(7);
    expect(llm.map((s) => s.inputTokens)).toEqual([38, 89, 107, 89, 107, 93, 111]);
    expect(llm[0]).toMatchObject({ finishReason: 'stop', model: 'claude-3-5-haiku-20241022' });
    // gen_ai.response.time_to_first_chunk is in seconds; steps carry milliseconds.
    expect(llm[3]!.timeToFirstTokenMs).toBeGreaterThan(0.5);
    expect(r.steps.find((s) => s.kind === 'agent')).toMatchObject({
      name: 'anthropic.messages.tool_runner',
      costUsd: null,
    });
    expect(r.steps.find((s) => s.kind === 'tool')).toMatchObject({
      toolName: 'get_weather',
      toolArguments: { city: 'Paris' },
      toolResult: 'Sunny, 21°C in Paris',
    });
    expect(r.run).toMatchObject({
      llmCalls: 7,
      toolCalls: 1,
      costComplete: true,
      sessionId: 'conversation-anthropic-1',
    });
  });

  it('LangChain JS with its OpenInference instrumentation, read through `loupe run --json`', async () => {
    const r = await runLibrary('langchain-openinference', runLangChainOpenInference);
    const cli = spawnSync(process.execPath, [LOUPE_BIN, 'run', r.run.traceId, '--json', '--data-dir', engine.dataDir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(cli.status).toBe(0);
    const out = JSON.parse(cli.stdout) as RunSteps;
    expect(out.run).toMatchObject({ traceId: r.run.traceId, llmCalls: 5, toolCalls: 2, costComplete: true });
    expect(out.run.inputTokens).toBe(38 + 110 + 123 + 110 + 123);
    close(out.run.costUsd, usd(38, 0, 18, MINI) + 2 * (usd(110, 25, 4, MINI) + usd(123, 25, 12, MINI)));
    const llm = llmSteps(out);
    expect(llm[0]).toMatchObject({
      name: 'ChatOpenAI',
      provider: 'openai',
      model: 'gpt-4o-mini',
      outputTokens: 18,
      cacheReadTokens: null,
    });
    expect(llm[1]!.outputMessages![0]!.tool_calls[0]).toMatchObject({
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    const tool = out.steps.find((s) => s.kind === 'tool')!;
    expect(tool).toMatchObject({ toolName: 'get_weather', toolArguments: 'Paris', toolResult: 'Sunny, 21°C in Paris' });
    expect(out.steps.find((s) => s.parentSpanId === '')).toMatchObject({ kind: 'chain', name: 'weather_agent' });
    for (const s of out.steps) expect(typeof s.selfTimeMs).toBe('number');
  });
});
