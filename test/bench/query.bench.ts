/**
 * `npm run bench:query` — read-side budgets of DESIGN.md with a store of 1M spans:
 * the runs list (p95 < 50 ms per query) and opening a 10,000-span run through the API (< 200 ms).
 * Figures are measured through the real HTTP API of an engine on that data dir.
 */
import { toInsertBatch } from '../../electron/engine/ingest/to-insert-batch';
import { startEngine } from '../../electron/engine/engine';
import { openDatabase } from '../../electron/engine/store/open-database';
import { SearchIndexer } from '../../electron/engine/store/search-indexer';
import { SpanWriter } from '../../electron/engine/store/span-writer';
import { emptyScope } from '../../electron/engine/otlp/model';
import type { DecodedSpan } from '../../electron/engine/otlp/model';
import { makeTempDir } from '../helpers/temp-dir';
import { percentile } from './bench-support';

const TOTAL_SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000);
const SPANS_PER_RUN = 20;
const BIG_RUN_SPANS = 10_000;
const BASE_NS = 1_731_622_400_000_000_000n;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function span(run: number, i: number, parent: string): DecodedSpan {
  const start = BASE_NS + BigInt(run) * 1_000_000_000n + BigInt(i) * 1_000_000n;
  return {
    traceId: hex(run + 1, 32),
    spanId: hex(run * 100_000 + i + 1, 16),
    parentSpanId: parent,
    traceState: '',
    name: i === 0 ? 'invoke_agent support' : i % 2 ? 'chat gpt-4o-mini' : 'execute_tool lookup_order',
    kind: i % 2 ? 3 : 1,
    startNs: start,
    endNs: start + 800_000n,
    attributes: {
      'gen_ai.operation.name': i % 2 ? 'chat' : 'execute_tool',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 96,
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: `Where is order ${run}?` }] },
      ]),
    },
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 0,
    statusMessage: '',
    flags: 1,
  };
}

function runSpans(run: number, count: number): DecodedSpan[] {
  const root = hex(run * 100_000 + 1, 16);
  return Array.from({ length: count }, (_, i) => span(run, i, i === 0 ? '' : root));
}

async function populate(dataDir: string): Promise<string> {
  const db = openDatabase(dataDir);
  const writer = new SpanWriter(db);
  const resource = { attributes: { 'service.name': 'support-agent' }, droppedAttributesCount: 0, schemaUrl: '' };
  const write = (spans: DecodedSpan[]) =>
    writer.write(
      toInsertBatch({
        spanGroups: [{ resource, scope: emptyScope(), items: spans }],
        logGroups: [],
        origin: 'live',
        source: null,
      }),
    );
  const t0 = performance.now();
  const runs = Math.floor((TOTAL_SPANS - BIG_RUN_SPANS) / SPANS_PER_RUN);
  for (let r = 0; r < runs; r += 100) {
    const spans: DecodedSpan[] = [];
    for (let k = r; k < Math.min(runs, r + 100); k++) spans.push(...runSpans(k, SPANS_PER_RUN));
    await write(spans);
  }
  const bigRun = runs + 1;
  for (let i = 0; i < BIG_RUN_SPANS; i += 2000) {
    await write(runSpans(bigRun, BIG_RUN_SPANS).slice(i, i + 2000));
  }
  await writer.drain();
  db.close();
  console.log(
    `populated ${TOTAL_SPANS.toLocaleString('en-US')} spans (${runs.toLocaleString('en-US')} runs + one of ${BIG_RUN_SPANS.toLocaleString('en-US')} spans) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return hex(bigRun + 1, 32);
}

async function timeCalls(n: number, call: () => Promise<Response>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await call();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`API answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const tmp = makeTempDir('loupe-bench-query-');
  try {
    const bigTraceId = await populate(tmp.dir);
    // Fill the search index before the engine starts: its background indexer would otherwise work
    // through the million spans on the thread that answers the queries being timed.
    const indexDb = openDatabase(tmp.dir);
    const indexStart = performance.now();
    const indexed = new SearchIndexer(indexDb).indexAll();
    const indexMs = performance.now() - indexStart;
    indexDb.close();
    const engine = await startEngine({ dataDir: tmp.dir, otlpHttpPort: 0, otlpGrpcPort: 0, uiPort: 0 });
    const base = engine.info.uiUrl.split('/#')[0]!;
    const api = (method: string, input: unknown) => () =>
      fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
    const list = await timeCalls(50, api('listRuns', { limit: 200 }));
    const page = await timeCalls(
      50,
      api('listRuns', {
        limit: 200,
        after: { startNs: String(BASE_NS + 20_000_000_000_000n), traceId: 'f'.repeat(32) },
      }),
    );
    const big = await timeCalls(10, api('getRun', { traceId: bigTraceId }));
    const bigSteps = await timeCalls(10, api('getRunSteps', { traceId: bigTraceId }));
    const filtered = await timeCalls(
      20,
      api('listRuns', { limit: 200, filter: { model: 'gpt-4o-mini', status: 'ok' } }),
    );
    const byCost = await timeCalls(20, api('listRuns', { limit: 200, sort: { by: 'cost', dir: 'desc' } }));
    const byDuration = await timeCalls(20, api('listRuns', { limit: 200, sort: { by: 'duration', dir: 'asc' } }));
    const stats = await timeCalls(5, api('fleetStats', { fromMs: Number(BASE_NS / 1_000_000n) }));
    // A word in every span's prompt ("order") and a rare one (one run's number).
    const search = await timeCalls(20, api('listRuns', { limit: 200, filter: { text: 'order 4242' } }));
    const rare = await timeCalls(20, api('listRuns', { limit: 200, filter: { text: '31337' } }));
    const fmt = (t: number[]) => `p50 ${percentile(t, 50).toFixed(1)} ms, p95 ${percentile(t, 95).toFixed(1)} ms`;
    const verdict = (t: number[], budget: number) => (percentile(t, 95) < budget ? 'OK' : 'OVER BUDGET');
    console.log(`runs list (200 newest):      ${fmt(list)} (budget p95 < 50 ms) ${verdict(list, 50)}`);
    console.log(`runs list (a page deep in):  ${fmt(page)} (budget p95 < 50 ms) ${verdict(page, 50)}`);
    console.log(
      `open a ${BIG_RUN_SPANS.toLocaleString('en-US')}-span run (API): ${fmt(big)} (budget < 200 ms) ${verdict(big, 200)}`,
    );
    console.log(`  …read as steps (getRunSteps, messages parsed): ${fmt(bigSteps)}`);
    console.log(`runs list, model + status filter: ${fmt(filtered)} (budget p95 < 50 ms) ${verdict(filtered, 50)}`);
    console.log(`runs list, sorted by cost:        ${fmt(byCost)} (budget p95 < 50 ms) ${verdict(byCost, 50)}`);
    console.log(`runs list, sorted by duration:    ${fmt(byDuration)} (budget p95 < 50 ms) ${verdict(byDuration, 50)}`);
    console.log(
      `search index: ${indexed.toLocaleString('en-US')} spans in ${(indexMs / 1000).toFixed(1)} s (${Math.round((indexed / indexMs) * 1000).toLocaleString('en-US')} spans/s; the engine does this in the background)`,
    );
    console.log(`full-text search, a common word:  ${fmt(search)} (budget p95 < 50 ms) ${verdict(search, 50)}`);
    console.log(`full-text search, a rare word:    ${fmt(rare)} (budget p95 < 50 ms) ${verdict(rare, 50)}`);
    console.log(`fleet stats over all runs:        ${fmt(stats)}`);
    await engine.close();
  } finally {
    tmp.remove();
  }
}

await main();
