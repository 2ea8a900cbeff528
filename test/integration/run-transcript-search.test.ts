/**
 * getRunTranscript and searchRun against a real engine: spans captured from real instrumentation
 * libraries (test/fixtures/genai-captured/) sent over OTLP/HTTP JSON as two runs, read back as a
 * conversation and searched within one run through the background full-text index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCallEntry, RunSearchResult, RunTranscript, ToolCallEntry } from '../../shared/domain/transcript';
import { type CapturedSpan, capturedStatusCode, readCapturedSpans } from '../helpers/captured-library';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { BASE_NS, type JsonObject } from '../helpers/otlp-wire';

function anyValue(v: unknown): JsonObject {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValue) } };
  return { stringValue: JSON.stringify(v) };
}

const spanIdOf = (run: number, index: number) =>
  `${run.toString(16)}${index.toString(16).padStart(2, '0')}`.padStart(16, '0');

/** A captured library run as one OTLP/JSON request: span `i` starts `i` × 100 ms into the run. */
function capturedRun(library: string, run: number, traceId: string): { body: JsonObject; spans: CapturedSpan[] } {
  const spans = readCapturedSpans(library);
  const start = BASE_NS + BigInt(run) * 60_000_000_000n;
  const byScope = new Map<string, JsonObject[]>();
  for (const s of spans) {
    const list = byScope.get(s.scopeName) ?? [];
    byScope.set(s.scopeName, list);
    const depthEnd = BigInt(spans.length - s.index) * 100_000_000n;
    list.push({
      traceId,
      spanId: spanIdOf(run, s.index),
      ...(s.parentIndex === null ? {} : { parentSpanId: spanIdOf(run, s.parentIndex) }),
      name: s.name,
      kind: 1,
      startTimeUnixNano: String(start + BigInt(s.index) * 100_000_000n),
      endTimeUnixNano: String(start + BigInt(s.index) * 100_000_000n + depthEnd),
      attributes: Object.entries(s.attributes).map(([key, value]) => ({ key, value: anyValue(value) })),
      status: { code: capturedStatusCode(s), message: s.status.message ?? '' },
    });
  }
  return {
    spans,
    body: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: library } }] },
          scopeSpans: [...byScope].map(([name, list]) => ({ scope: { name }, spans: list })),
        },
      ],
    },
  };
}

const VERCEL_TRACE = 'a1'.repeat(16);
const OPENINFERENCE_TRACE = 'b2'.repeat(16);
let e: TestEngine;
let vercel: CapturedSpan[];

beforeAll(async () => {
  e = await startTestEngine();
  const v = capturedRun('vercel-ai', 1, VERCEL_TRACE);
  vercel = v.spans;
  for (const body of [v.body, capturedRun('openinference-openai', 2, OPENINFERENCE_TRACE).body]) {
    const res = await fetch(`${e.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }
});
afterAll(() => e.stop());

describe('getRunTranscript', () => {
  it('reads the run as one conversation: system prompt once, new input per call, tool calls, answers', async () => {
    const res = await e.api('getRunTranscript', { traceId: VERCEL_TRACE });
    expect(res.status).toBe(200);
    const t = res.body as RunTranscript;
    expect(t.stepsLeftOut).toBe(0);
    expect(t.system?.parts[0]).toMatchObject({ text: expect.stringContaining('weather assistant') });
    expect(t.entries.map((entry) => entry.type)).toEqual([
      'model-call',
      'model-call',
      'tool-call',
      'model-call',
      'model-call',
      'tool-call',
      'model-call',
    ]);
    // Entries link to their steps by span id, in time order.
    const spanIndex = (id: string) => vercel.findIndex((_, i) => spanIdOf(1, i) === id);
    const indexes = t.entries.map((entry) => spanIndex(entry.step.spanId));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(vercel[indexes[2]!]!.name).toBe('ai.toolCall');
    const tool = t.entries[2] as ToolCallEntry;
    expect(tool).toMatchObject({
      toolName: 'get_weather',
      arguments: { city: 'Paris' },
      result: 'Sunny, 21°C in Paris',
    });
    const calls = t.entries.filter((entry): entry is ModelCallEntry => entry.type === 'model-call');
    expect(calls.map((c) => c.newInput.length)).toEqual([1, 1, 0, 0, 0]);
    expect(calls[1]!.output[0]!.tool_calls[0]).toMatchObject({ name: 'get_weather', arguments: { city: 'Paris' } });
    expect(calls[2]!.output[0]!.parts).toEqual([
      { type: 'text', text: 'Based on the tool result: Sunny, 21°C in Paris' },
    ]);
    expect(calls[2]!.step).toMatchObject({ kind: 'llm', status: 'unset', startOffsetMs: 600 });
  });

  it('answers not_found for a run that is not stored', async () => {
    const res = await e.api('getRunTranscript', { traceId: 'c3'.repeat(16) });
    expect(res.status).toBe(404);
  });
});

describe('searchRun', () => {
  const search = async (traceId: string, query: string) => {
    const res = await e.api('searchRun', { traceId, query });
    expect(res.status).toBe(200);
    return res.body as RunSearchResult;
  };

  it('finds the steps of one run whose messages or tool I/O contain every word, once the index has caught up', async () => {
    await expect.poll(async () => (await search(VERCEL_TRACE, 'sunny')).complete, { timeout: 20_000 }).toBe(true);
    const found = await search(VERCEL_TRACE, 'sunny paris');
    const names = found.spanIds.map((id) => vercel.find((_, i) => spanIdOf(1, i) === id)?.name);
    // Both runs say "Sunny … Paris"; only this run's spans come back: the tool calls and the calls that read their result.
    expect(names).not.toContain(undefined);
    expect(names.filter((n) => n === 'ai.toolCall')).toHaveLength(2);
    expect(found.spanIds).toContain(spanIdOf(1, 5));
    expect(found.spanIds).not.toContain(spanIdOf(1, 2));
    expect(found.truncated).toBe(false);
    const other = await search(OPENINFERENCE_TRACE, 'sunny');
    expect(other.spanIds.length).toBeGreaterThan(0);
    expect(other.spanIds.every((id) => id.startsWith(spanIdOf(2, 0).slice(0, 14)))).toBe(true);
  });

  it('matches word prefixes, takes FTS syntax literally, limits and answers empty for unknown runs', async () => {
    expect((await search(VERCEL_TRACE, 'get_weat')).spanIds).toContain(spanIdOf(1, 5));
    expect((await search(VERCEL_TRACE, 'NOT "Paris')).spanIds).toEqual([]);
    const limited = (await e.api('searchRun', { traceId: VERCEL_TRACE, query: 'paris', limit: 1 }))
      .body as RunSearchResult;
    expect(limited.spanIds).toHaveLength(1);
    expect(limited.truncated).toBe(true);
    expect(await search('c3'.repeat(16), 'paris')).toEqual({ spanIds: [], truncated: false, complete: true });
  });
});
