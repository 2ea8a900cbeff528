/**
 * "Load sample runs" against a real engine: the bundled agent (OpenAI SDK + OpenInference
 * instrumentation, talking to the bundled fake model) exports its spans over OTLP/HTTP to the
 * engine's own receiver, and they come out as runs with agent, LLM and tool steps, tokens, cost,
 * messages, a failed tool, a session; and the engine's process keeps no tracing state afterwards.
 * Prices are the built-in list prices: gpt-4o-mini $0.15 / $0.60, gpt-4o $2.50 / $10 per million tokens.
 */
import { trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SERVICE_NAME } from '../../electron/engine/sample/load-sample-runs';
import type { RunSummary } from '../../shared/domain/run';
import type { SessionSummary } from '../../shared/domain/run-filter';
import type { RunStep, RunSteps } from '../../shared/domain/step';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';

let engine: TestEngine;
let loaded: { runs: number; spans: number };
let runs: RunSummary[];

beforeAll(async () => {
  engine = await startTestEngine({ decodeThreads: 0 });
  const res = await engine.uiApi('loadSampleRuns');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  loaded = res.body as typeof loaded;
  runs = await sampleRuns();
}, 30_000);
afterAll(() => engine?.stop());

async function sampleRuns(): Promise<RunSummary[]> {
  const res = await engine.api('listRuns', { limit: 100, filter: { service: SAMPLE_SERVICE_NAME } });
  expect(res.status).toBe(200);
  return res.body as RunSummary[];
}

/** A run's steps, the root (the agent) first, then its children by start time. */
async function stepsOf(run: RunSummary): Promise<RunStep[]> {
  const res = await engine.api('getRunSteps', { traceId: run.traceId });
  expect(res.status).toBe(200);
  const { steps } = res.body as RunSteps;
  const root = steps.filter((s) => s.parentSpanId === '');
  expect(root).toHaveLength(1);
  const children = steps.filter((s) => s.parentSpanId !== '');
  for (const child of children) expect(child.parentSpanId).toBe(root[0]!.spanId);
  return [...root, ...children.sort((a, b) => a.startOffsetMs - b.startOffsetMs)];
}

/** The run whose agent was asked `question` (its root step's input). */
async function runAsked(question: string): Promise<{ run: RunSummary; steps: RunStep[] }> {
  for (const run of runs) {
    const steps = await stepsOf(run);
    if (steps[0]?.input === question) return { run, steps };
  }
  throw new Error(`no sample run was asked ${question}`);
}

const textOf = (step: RunStep | undefined, which: 'inputMessages' | 'outputMessages'): string =>
  JSON.stringify(step?.[which] ?? null);

const usd = (s: RunSummary | RunStep, price: { in: number; out: number }): number =>
  ((s.inputTokens ?? 0) * price.in + (s.outputTokens ?? 0) * price.out) / 1e6;

describe('loadSampleRuns', () => {
  it('answers what the engine acknowledged: 6 runs of 22 spans, all stored as runs of the sample service', () => {
    expect(loaded).toEqual({ runs: 6, spans: 22 });
    expect(runs).toHaveLength(6);
    expect(runs.reduce((n, r) => n + r.spanCount, 0)).toBe(22);
    for (const run of runs) {
      expect(run.hasRoot).toBe(true);
      expect(run.origin).toBe('live');
      expect(run.llmCalls).toBeGreaterThan(0);
      expect(run.inputTokens).toBeGreaterThan(0);
      expect(run.costComplete).toBe(true);
    }
  });

  it('an order question is an agent step, a model call asking for a tool, the tool, and a model call answering', async () => {
    const { run, steps } = await runAsked('Hi! My order A-1042 was supposed to arrive yesterday. Where is it?');
    expect(run.name).toBe('support-agent');
    expect(run.status).toBe('ok');
    expect(steps.map((s) => s.kind)).toEqual(['agent', 'llm', 'tool', 'llm']);
    const [agent, ask, tool, answer] = steps;
    expect(agent!.agentName).toBe('support-agent');
    for (const llm of [ask!, answer!]) {
      expect(llm.provider).toBe('openai');
      expect(llm.model).toBe('gpt-4o-mini-2024-07-18');
      expect(llm.inputTokens).toBeGreaterThan(100);
      expect(llm.outputTokens).toBeGreaterThan(0);
      expect(llm.costSource).toBe('computed');
      expect(llm.costUsd).toBeCloseTo(usd(llm, { in: 0.15, out: 0.6 }), 12);
      expect(llm.toolsOffered).toHaveLength(3);
    }
    expect(ask!.finishReason).toBe('tool_call');
    expect(ask!.outputMessages?.[0]?.tool_calls[0]).toMatchObject({
      name: 'lookup_order',
      arguments: { order_id: 'A-1042' },
    });
    expect(tool!.toolName).toBe('lookup_order');
    expect(tool!.toolCallId).toBe(ask!.outputMessages?.[0]?.tool_calls[0]?.id);
    expect(tool!.toolArguments).toEqual({ order_id: 'A-1042' });
    expect(tool!.toolResult).toMatchObject({ status: 'in_transit', carrier: 'UPS' });
    expect(tool!.durationMs).toBeGreaterThanOrEqual(100);
    expect(textOf(answer, 'inputMessages')).toContain('in_transit');
    expect(answer!.finishReason).toBe('stop');
    expect(textOf(answer, 'outputMessages')).toContain('1Z999AA10123456784');
    expect(agent!.output).toEqual(expect.stringContaining('should reach you within 2 business days'));
    expect(run.toolCalls).toBe(1);
    expect(run.llmCalls).toBe(2);
    expect(run.inputTokens).toBe(ask!.inputTokens! + answer!.inputTokens!);
    expect(run.costUsd).toBeCloseTo(usd(run, { in: 0.15, out: 0.6 }), 12);
  });

  it('a refund whose tool fails is an error run: the tool step carries the error, the model still answers', async () => {
    const { run, steps } = await runAsked(
      "The camping stove in order A-0977 arrived with a cracked burner. I'd like a refund, please.",
    );
    expect(run.status).toBe('error');
    expect(run.errorCount).toBe(1);
    const tool = steps.find((s) => s.kind === 'tool');
    expect(tool).toMatchObject({ toolName: 'issue_refund', status: 'error' });
    expect(tool!.error).toContain('503 Service Unavailable');
    const last = steps.at(-1)!;
    expect(textOf(last, 'inputMessages')).toContain('refunds are paused for maintenance');
    expect(textOf(last, 'outputMessages')).toContain('payment system is down');
    expect(steps[0]!.status).not.toBe('error');
  });

  it('a three-turn conversation is one session of three runs carrying the history', async () => {
    const sessions = (await engine.api('listSessions', { filter: { service: SAMPLE_SERVICE_NAME } }))
      .body as SessionSummary[];
    expect(sessions).toHaveLength(1);
    const sessionId = sessions[0]!.sessionId;
    expect(sessionId).toMatch(/^sample-[0-9a-f]{8}$/);
    const inSession = runs.filter((r) => r.sessionId === sessionId);
    expect(inSession).toHaveLength(3);
    for (const run of inSession) expect(run.userId).toBe('customer-4821');
    const { steps } = await runAsked('Perfect. Can you check on my order A-1107 then?');
    expect(steps.map((s) => s.kind)).toEqual(['agent', 'llm', 'tool', 'llm']);
    // The third turn's model call sees the first two turns.
    expect(textOf(steps[1], 'inputMessages')).toContain('Do you ship to Canada?');
    expect(textOf(steps[1], 'inputMessages')).toContain('CA$150');
    const second = await runAsked('Great. Is shipping free?');
    expect(second.steps.map((s) => s.kind)).toEqual(['agent', 'llm']);
  });

  it('the report run is a gpt-4o agent and costs more than any support run', async () => {
    const { run, steps } = await runAsked("Summarize this week's support tickets and suggest three improvements.");
    expect(run.name).toBe('insights-agent');
    const llms = steps.filter((s) => s.kind === 'llm');
    expect(llms).toHaveLength(2);
    for (const llm of llms) {
      expect(llm.model).toBe('gpt-4o-2024-08-06');
      expect(llm.inputTokens).toBeGreaterThan(0);
    }
    expect(textOf(llms[1], 'outputMessages')).toContain('Repackage STOVE-1B');
    expect(run.costUsd).toBeCloseTo(usd(run, { in: 2.5, out: 10 }), 12);
    const others = runs.filter((r) => r.traceId !== run.traceId);
    for (const other of others) expect(run.costUsd!).toBeGreaterThan(other.costUsd!);
  });

  it('leaves no tracing state in the process: no global tracer provider, the OpenAI SDK unpatched', () => {
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    // shimmer marks what it wraps with `__wrapped`; the instrumentation's patch must be gone.
    expect(Object.getOwnPropertyDescriptor(OpenAI.Chat.Completions.prototype, 'create')?.value).not.toHaveProperty(
      '__wrapped',
    );
  });

  it('a second load adds six new runs in a new session', async () => {
    const again = await engine.uiApi('loadSampleRuns');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ runs: 6, spans: 22 });
    const all = await sampleRuns();
    expect(all).toHaveLength(12);
    expect(new Set(all.map((r) => r.sessionId).filter((s) => s !== null)).size).toBe(2);
  }, 30_000);

  it('is refused without a same-origin Origin, as every state-changing method is', async () => {
    const res = await engine.api('loadSampleRuns');
    expect(res.status).toBe(403);
  });
});
