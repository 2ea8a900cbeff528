import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../../../../shared/domain/price';
import { PriceBook } from '../../../../../electron/engine/pricing/price-book';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

const T = 'cd'.repeat(16);
const ROOT = '01'.repeat(8);
const ms = (n: number): bigint => 1_763_000_000_000_000_000n + BigInt(n) * 1_000_000n;

/** A test price table: $2 / $8 per million tokens, cache reads at $0.50. */
const PRICES: ModelPrice[] = [
  {
    id: 'builtin:openai/test-model',
    provider: 'openai',
    model: 'test-model',
    match: 'test-model(-\\d{4}-\\d{2}-\\d{2})?',
    inputPerMTok: 2,
    outputPerMTok: 8,
    cacheReadPerMTok: 0.5,
    effectiveFrom: '2024-01-01',
    source: 'builtin',
  },
];

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

/** An agent root that repeats its children's usage (as Vercel's ai.generateText does), two model calls and a tool. */
function agentRun() {
  return [
    decodedSpan({
      traceId: T,
      spanId: ROOT,
      name: 'invoke_agent weather',
      startNs: ms(0),
      endNs: ms(1000),
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.conversation.id': 'conv-1',
        'gen_ai.usage.input_tokens': 3000,
        'gen_ai.usage.output_tokens': 300,
      },
    }),
    decodedSpan({
      traceId: T,
      spanId: '02'.repeat(8),
      parentSpanId: ROOT,
      name: 'chat test-model',
      startNs: ms(0),
      endNs: ms(400),
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'test-model',
        'gen_ai.response.model': 'test-model-2025-01-01',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 400,
        'gen_ai.usage.output_tokens': 100,
      },
    }),
    decodedSpan({
      traceId: T,
      spanId: '03'.repeat(8),
      parentSpanId: ROOT,
      name: 'execute_tool get_weather',
      startNs: ms(400),
      endNs: ms(500),
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather' },
    }),
    decodedSpan({
      traceId: T,
      spanId: '04'.repeat(8),
      parentSpanId: ROOT,
      name: 'chat mystery',
      startNs: ms(500),
      endNs: ms(1000),
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'mystery-model-9000',
        'gen_ai.usage.input_tokens': 2000,
        'gen_ai.usage.output_tokens': 200,
      },
    }),
  ];
}

describe('GenAI run totals', () => {
  it('counts tokens once per model call, prices known models and says which calls are unpriced', async () => {
    const prices = new PriceBook(db, PRICES);
    const writer = new SpanWriter(db, { pricer: prices.price });
    const spans = agentRun();
    // Out of order, across two requests.
    await writer.write(batchOf([spans[3]!, spans[1]!]));
    await writer.write(batchOf([spans[0]!, spans[2]!]));
    const run = new RunQueries(db).listRuns(10)[0]!;
    // 600 uncached × $2 + 400 cached × $0.50 + 100 out × $8 = 0.0012 + 0.0002 + 0.0008
    expect(run).toMatchObject({
      name: 'invoke_agent weather',
      llmCalls: 2,
      toolCalls: 1,
      inputTokens: 3000, // not 6000: the agent root repeats its children's usage
      outputTokens: 300,
      cacheReadTokens: 400,
      costUsd: 0.0022,
      costComplete: false,
      unpricedCalls: 1,
      sessionId: 'conv-1',
    });
    const steps = new RunQueries(db).getRunSteps(T)!.steps;
    const byName = new Map(steps.map((s) => [s.name, s]));
    expect(byName.get('chat test-model')).toMatchObject({
      kind: 'llm',
      costUsd: 0.0022,
      costSource: 'computed',
      model: 'test-model-2025-01-01',
    });
    expect(byName.get('chat mystery')).toMatchObject({ costUsd: null, costSource: 'unknown' });
    expect(byName.get('invoke_agent weather')).toMatchObject({
      kind: 'agent',
      costUsd: null,
      costSource: null,
      onCriticalPath: true,
    });
    expect(byName.get('execute_tool get_weather')).toMatchObject({
      kind: 'tool',
      toolName: 'get_weather',
      selfTimeMs: 100,
    });
    // The root's children cover 0–1000 ms: no self time; the last model call is on the critical path.
    expect(byName.get('invoke_agent weather')!.selfTimeMs).toBe(0);
    expect(byName.get('chat mystery')!.onCriticalPath).toBe(true);
    expect(byName.get('chat test-model')!.onCriticalPath).toBe(true);
  });

  it('outlines the run from stored columns exactly as the full read, and reads one step in full', async () => {
    const prices = new PriceBook(db, PRICES);
    const writer = new SpanWriter(db, { pricer: prices.price });
    await writer.write(batchOf(agentRun()));
    const q = new RunQueries(db);
    const full = q.getRunSteps(T)!;
    const outline = q.getRunOutline(T)!;
    expect(outline.run).toEqual(full.run);
    expect(outline.steps.map((s) => s.spanId)).toEqual(full.steps.map((s) => s.spanId));
    for (const [i, step] of outline.steps.entries()) {
      const fields = Object.keys(step) as (keyof typeof step)[];
      const same = Object.fromEntries(fields.map((k) => [k, full.steps[i]![k]]));
      expect(step).toEqual(same);
    }
    expect(outline.steps.find((s) => s.name === 'chat test-model')).toMatchObject({
      kind: 'llm',
      model: 'test-model-2025-01-01',
      costSource: 'computed',
      startOffsetMs: expect.any(Number) as number,
    });

    const view = q.getStepView(T, ROOT)!;
    expect(view.detail).toMatchObject({ kind: 'agent', sessionId: 'conv-1' });
    expect(view.span).toMatchObject({ spanId: ROOT, name: 'invoke_agent weather' });
    expect(view.span.attributes['gen_ai.operation.name']).toBe('invoke_agent');
    expect(q.getStepView(T, 'ff'.repeat(8))).toBeNull();
    expect(q.getRunOutline('ee'.repeat(16))).toBeNull();
  });

  it('re-costs stored runs when a user adds a price, and a free local model costs $0', async () => {
    const prices = new PriceBook(db, PRICES);
    const writer = new SpanWriter(db, { pricer: prices.price });
    await writer.write(batchOf(agentRun()));
    const q = new RunQueries(db);
    expect(q.listRuns(1)[0]).toMatchObject({ costComplete: false, costUsd: 0.0022 });

    const recosted = prices.saveUserPrices([
      {
        id: 'user:mystery',
        provider: '',
        model: 'mystery-model-9000',
        match: 'mystery-model-9000',
        inputPerMTok: 1,
        outputPerMTok: 1,
        effectiveFrom: '2020-01-01',
        source: 'user',
      },
    ]);
    expect(recosted).toEqual({ steps: 1, runs: 1 });
    // + 2000 × $1 + 200 × $1 per million = 0.0022
    expect(q.listRuns(1)[0]).toMatchObject({ costComplete: true, unpricedCalls: 0, costUsd: 0.0044 });

    prices.saveUserPrices([
      {
        id: 'user:mystery',
        provider: '',
        model: 'mystery',
        match: 'mystery-model-9000',
        inputPerMTok: 0,
        outputPerMTok: 0,
        effectiveFrom: '2020-01-01',
        source: 'user',
        note: 'free local model',
      },
    ]);
    expect(q.listRuns(1)[0]).toMatchObject({ costComplete: true, costUsd: 0.0022 });

    expect(prices.deleteUserPrice('user:mystery')).toMatchObject({ deleted: true, steps: 1, runs: 1 });
    expect(q.listRuns(1)[0]).toMatchObject({ costComplete: false, costUsd: 0.0022 });
  });

  it('keeps unknown usage unknown, never 0, and lets a reported cost win', async () => {
    const writer = new SpanWriter(db, { pricer: new PriceBook(db, PRICES).price });
    await writer.write(
      batchOf([
        decodedSpan({
          traceId: T,
          spanId: ROOT,
          attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'test-model' },
        }),
        decodedSpan({
          traceId: T,
          spanId: '05'.repeat(8),
          parentSpanId: ROOT,
          attributes: {
            'openinference.span.kind': 'LLM',
            'llm.model_name': 'test-model',
            'llm.token_count.prompt': 10,
            'llm.token_count.completion': 10,
            'llm.cost.total': 0.5,
          },
        }),
      ]),
    );
    const run = new RunQueries(db).listRuns(1)[0]!;
    expect(run).toMatchObject({
      llmCalls: 2,
      usageUnknownCalls: 1,
      unpricedCalls: 1,
      costComplete: false,
      costUsd: 0.5,
    });
    const steps = new RunQueries(db).getRunSteps(T)!.steps;
    expect(steps.find((s) => s.spanId === ROOT)).toMatchObject({
      inputTokens: null,
      costUsd: null,
      costSource: 'unknown',
    });
    expect(steps.find((s) => s.spanId !== ROOT)).toMatchObject({ costUsd: 0.5, costSource: 'reported' });
  });
});
