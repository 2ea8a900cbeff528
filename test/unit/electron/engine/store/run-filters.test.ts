import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attributes } from '../../../../../shared/domain/attributes';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { SearchIndexer } from '../../../../../electron/engine/store/search-indexer';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
let q: RunQueries;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
  q = new RunQueries(db);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

const T0 = 1_763_000_000_000_000_000n;
const MIN = 60_000_000_000n;

interface RunSpec {
  n: number;
  service: string;
  durationMs: number;
  model?: string;
  tokens?: number;
  prompt?: string;
  session?: string;
  error?: boolean;
}

async function store(runs: RunSpec[]): Promise<void> {
  const writer = new SpanWriter(db);
  for (const r of runs) {
    const traceId = r.n.toString(16).padStart(32, '0');
    const start = T0 + BigInt(r.n) * MIN;
    const attributes: Attributes = { 'gen_ai.operation.name': 'invoke_agent' };
    if (r.session) attributes['gen_ai.conversation.id'] = r.session;
    const spans = [
      decodedSpan({
        traceId,
        spanId: 'a'.repeat(16),
        name: `agent ${r.n}`,
        startNs: start,
        endNs: start + BigInt(r.durationMs) * 1_000_000n,
        attributes,
        statusCode: r.error ? 2 : 0,
      }),
    ];
    if (r.model)
      spans.push(
        decodedSpan({
          traceId,
          spanId: 'b'.repeat(16),
          parentSpanId: 'a'.repeat(16),
          name: `chat ${r.model}`,
          startNs: start,
          endNs: start + 1_000_000n,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': r.model,
            'gen_ai.usage.input_tokens': r.tokens ?? 10,
            'gen_ai.usage.output_tokens': 1,
            'gen_ai.usage.cost': (r.tokens ?? 10) / 1000,
            'gen_ai.input.messages': JSON.stringify([
              { role: 'user', parts: [{ type: 'text', content: r.prompt ?? '' }] },
            ]),
          },
        }),
      );
    await writer.write(batchOf(spans, r.service));
  }
}

const ids = (runs: { traceId: string }[]) => runs.map((r) => parseInt(r.traceId, 16));

describe('runs page queries', () => {
  beforeEach(async () => {
    await store([
      {
        n: 1,
        service: 'shop',
        durationMs: 100,
        model: 'gpt-4o-mini',
        tokens: 100,
        prompt: 'Where is my parcel?',
        session: 's1',
      },
      {
        n: 2,
        service: 'shop',
        durationMs: 900,
        model: 'claude-3-5-haiku',
        tokens: 500,
        prompt: 'Refund my order',
        session: 's1',
        error: true,
      },
      {
        n: 3,
        service: 'batch',
        durationMs: 300,
        model: 'gpt-4o-mini',
        tokens: 50,
        prompt: 'Summarize the weekly report',
        session: 's2',
      },
      { n: 4, service: 'batch', durationMs: 50 },
    ]);
    new SearchIndexer(db).indexAll();
  });

  it('filters by service, status, model, origin, session, cost, duration and time range', () => {
    expect(ids(q.listRuns(50))).toEqual([4, 3, 2, 1]);
    expect(ids(q.listRuns(50, undefined, { service: 'shop' }))).toEqual([2, 1]);
    expect(ids(q.listRuns(50, undefined, { status: 'error' }))).toEqual([2]);
    expect(ids(q.listRuns(50, undefined, { status: 'ok', service: 'batch' }))).toEqual([4, 3]);
    expect(ids(q.listRuns(50, undefined, { model: 'gpt-4o-mini' }))).toEqual([3, 1]);
    expect(ids(q.listRuns(50, undefined, { origin: 'import' }))).toEqual([]);
    expect(ids(q.listRuns(50, undefined, { sessionId: 's1' }))).toEqual([2, 1]);
    expect(ids(q.listRuns(50, undefined, { minCostUsd: 0.1 }))).toEqual([2, 1]);
    expect(ids(q.listRuns(50, undefined, { minDurationMs: 300 }))).toEqual([3, 2]);
    const fromMs = Number((T0 + 2n * MIN) / 1_000_000n);
    expect(ids(q.listRuns(50, undefined, { fromMs, toMs: fromMs + 120_000 }))).toEqual([3, 2]);
  });

  it('searches prompts by word prefix, and input that is FTS syntax is taken literally', () => {
    expect(ids(q.listRuns(50, undefined, { text: 'refund' }))).toEqual([2]);
    expect(ids(q.listRuns(50, undefined, { text: 'weekly summ' }))).toEqual([3]);
    expect(ids(q.listRuns(50, undefined, { text: 'parcel', service: 'batch' }))).toEqual([]);
    expect(ids(q.listRuns(50, undefined, { text: 'agent 4' }))).toEqual([4]);
    expect(q.listRuns(50, undefined, { text: '"unbalanced AND OR (' })).toEqual([]);
    expect(q.listRuns(50, undefined, { text: 'NEAR(x y' })).toEqual([]);
  });

  it('sorts by cost, duration and tokens, and pages newest-first with a filter', () => {
    expect(ids(q.listRuns(50, undefined, undefined, { by: 'cost', dir: 'desc' }))).toEqual([2, 1, 3, 4]);
    expect(ids(q.listRuns(50, undefined, undefined, { by: 'duration', dir: 'asc' }))).toEqual([4, 1, 3, 2]);
    expect(ids(q.listRuns(2, undefined, undefined, { by: 'tokens', dir: 'desc' }, 1))).toEqual([1, 3]);
    const first = q.listRuns(1, undefined, { service: 'shop' });
    expect(ids(q.listRuns(1, { startNs: first[0]!.startNs, traceId: first[0]!.traceId }, { service: 'shop' }))).toEqual(
      [1],
    );
  });

  it('groups runs by session with totals, and lists facets', () => {
    const sessions = q.listSessions(10);
    expect(sessions.map((s) => s.sessionId)).toEqual(['s2', 's1']);
    expect(sessions[1]).toMatchObject({
      runs: 2,
      errorRuns: 1,
      llmCalls: 2,
      inputTokens: 600,
      costUsd: 0.6,
      costComplete: true,
      services: ['shop'],
    });
    expect(sessions[1]!.totalDurationMs).toBe(1000);
    expect(q.runFacets()).toEqual({
      services: ['batch', 'shop'],
      models: ['claude-3-5-haiku', 'gpt-4o-mini'],
      origins: ['live'],
    });
  });

  it('still lists sessions whose totals pass 2^63 (absurd durations or token counts a sender reported)', () => {
    // Each value fits in 64 bits; their sums over a session's two runs do not.
    db.prepare(
      "UPDATE runs SET start_ns = 0, end_ns = 9000000000000000000, input_tokens = 9000000000000000000 WHERE session_id = 's1'",
    ).run();
    const s1 = q.listSessions(10).find((s) => s.sessionId === 's1');
    expect(s1?.runs).toBe(2);
    expect(s1?.inputTokens).toBe(1.8e19);
    expect(s1?.totalDurationMs).toBe(1.8e13);
  });

  it("deleting a run's rows (as retention does) removes it from search and from the model facets", () => {
    db.prepare('DELETE FROM spans WHERE trace_id = ?').run((2).toString(16).padStart(32, '0'));
    db.prepare('DELETE FROM runs WHERE trace_id = ?').run((2).toString(16).padStart(32, '0'));
    expect(q.listRuns(50, undefined, { text: 'refund' })).toEqual([]);
    expect(q.runFacets().models).toEqual(['gpt-4o-mini']);
  });

  it('a run whose model calls arrive in separate exports is found by each model, listed once', async () => {
    const writer = new SpanWriter(db);
    const traceId = 'f'.repeat(32);
    const call = (spanId: string, request: string, response: string) =>
      decodedSpan({
        traceId,
        spanId,
        parentSpanId: 'a'.repeat(16),
        name: `chat ${request}`,
        startNs: T0 + 9n * MIN,
        endNs: T0 + 9n * MIN + 1_000_000n,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': request,
          'gen_ai.response.model': response,
        },
      });
    await writer.write(batchOf([call('1'.repeat(16), 'gpt-4o', 'gpt-4o-2024-08-06')], 'shop'));
    await writer.write(batchOf([call('2'.repeat(16), 'gpt-4o', 'gpt-4o-2024-08-06')], 'shop'));
    await writer.write(batchOf([call('3'.repeat(16), 'claude-3-5-haiku', 'claude-3-5-haiku')], 'shop'));
    expect(db.prepare('SELECT models FROM runs WHERE trace_id = ?').pluck().get(traceId)).toBe(
      '\u0001gpt-4o\u0001gpt-4o-2024-08-06\u0001claude-3-5-haiku\u0001',
    );
    for (const model of ['gpt-4o', 'gpt-4o-2024-08-06', 'claude-3-5-haiku'])
      expect(q.listRuns(50, undefined, { model }).map((r) => r.traceId)).toContain(traceId);
    // A name that is only part of a stored one does not match.
    expect(q.listRuns(50, undefined, { model: 'gpt-4' })).toEqual([]);
    expect(q.runFacets().models).toEqual(['claude-3-5-haiku', 'gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini']);
  });
});
