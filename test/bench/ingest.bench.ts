/**
 * `npm run bench:ingest` — sustained OTLP/HTTP protobuf ingest into a real engine process, against
 * the ceiling of raw better-sqlite3 inserts of the same rows, then a 2× overload.
 *
 * Figures: spans/s, ratio to raw, engine RSS, export latency; overload: 503s with Retry-After,
 * peak RSS, and whether every acknowledged span is stored.
 *
 * The senders share the machine with the engine, so they are kept light: node:http (see postOtlp),
 * and this process starts with V8's `--initial-heap-size=256` (package.json), as Loupe starts the
 * engine: without it the senders took 1.6–1.8 µs of CPU per span, with it 0.9–1.1 (scratch loads
 * of 8 s, 3 pairs), CPU the engine then has. The flag holds for all of this process, so the raw
 * insert ceiling, measured here before the engine starts, runs with it too (221–259k rows/s
 * without it on this machine the same day, 226–260k with it).
 */
import Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeStep } from '../../electron/engine/genai/normalize-step';
import type { SpanInput } from '../../electron/engine/genai/span-input';
import { decodeTracesProtobuf } from '../../electron/engine/otlp/decode-protobuf';
import type { DecodedSpan } from '../../electron/engine/otlp/model';
import { DATABASE_FILE, openDatabase } from '../../electron/engine/store/open-database';
import { SPAN_ROW_COLUMNS, type SpanRow } from '../../electron/engine/store/insert-batch';
import { decodePayload } from '../../electron/engine/ingest/decode-payload';
import { defaultRedactor } from '../../electron/engine/redaction/redactor';
import { startServeProcess } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';
import { BatchFactory, cpuSecondsOf, mib, percentile, postOtlp, rssOf } from './bench-support';

const SPANS_PER_BATCH = 512;
const SENDERS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET_SPANS_PER_S = 50_000;
const TARGET_RATIO = 0.5;

const factory = new BatchFactory(SPANS_PER_BATCH);

interface LoadResult {
  ackedSpans: number;
  ackedTraceIds: string[];
  throttled: number;
  retryAfterSeen: boolean;
  errors: number;
  latenciesMs: number[];
  seconds: number;
  peakRss: number;
  peakWalBytes: number;
}

/** Closed-loop senders (each waits for its answer) or, with `ratePerS`, paced open-loop senders. */
async function runLoad(
  url: string,
  pid: number,
  walFile: string,
  seconds: number,
  senders: number,
  ratePerS?: number,
): Promise<LoadResult> {
  const r: LoadResult = {
    ackedSpans: 0,
    ackedTraceIds: [],
    throttled: 0,
    retryAfterSeen: false,
    errors: 0,
    latenciesMs: [],
    seconds,
    peakRss: 0,
    peakWalBytes: 0,
  };
  const deadline = performance.now() + seconds * 1000;
  const rssTimer = setInterval(() => {
    r.peakRss = Math.max(r.peakRss, rssOf(pid));
    r.peakWalBytes = Math.max(r.peakWalBytes, sizeOf(walFile));
  }, 100);
  const send = async (): Promise<void> => {
    const { body, traceIds } = factory.next();
    const t0 = performance.now();
    try {
      const res = await postOtlp(url, body);
      if (res.status === 200) {
        r.ackedSpans += SPANS_PER_BATCH;
        r.ackedTraceIds.push(...traceIds);
        r.latenciesMs.push(performance.now() - t0);
      } else if (res.status === 503 || res.status === 429) {
        r.throttled++;
        if (res.retryAfter) r.retryAfterSeen = true;
      } else r.errors++;
    } catch {
      r.errors++;
    }
  };
  const started = performance.now();
  if (ratePerS === undefined) {
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (performance.now() < deadline) await send();
      }),
    );
  } else {
    const inflight = new Set<Promise<void>>();
    const interval = 1000 / (ratePerS / SPANS_PER_BATCH);
    let next = performance.now();
    while (performance.now() < deadline) {
      // Open loop: requests keep coming whether or not earlier ones were answered (up to 256 in flight).
      if (inflight.size < 256) {
        const p = send().finally(() => inflight.delete(p));
        inflight.add(p);
      }
      next += interval;
      await new Promise((res) => setTimeout(res, Math.max(0, next - performance.now())));
    }
    await Promise.all(inflight);
  }
  r.seconds = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  r.latenciesMs.sort((a, b) => a - b);
  return r;
}

const RAW_ROWS_PER_PASS = 128 * 1024;

/**
 * The ceiling: the same rows inserted with one prepared statement, in transactions of 2,048 rows,
 * no HTTP or decoding, into a database opened as the engine opens it; measured before the engine
 * starts, so nothing else runs on the machine. Sustained: best of two passes of 131,072 rows each
 * (each batch's rows are decoded before its transaction, outside the time measured).
 * `checkpoints: false` also switches off WAL auto-checkpoints on the inserting connection, as the
 * engine's writer does (its checkpoints run on another thread): the strict ceiling for the writer
 * thread, though not one a database could keep up for long (its WAL grows without end).
 */
function rawInsertRate(checkpoints: boolean): number {
  const tmp = makeTempDir('loupe-bench-raw-');
  const db = openDatabase(tmp.dir);
  if (!checkpoints) db.pragma('wal_autocheckpoint = 0');
  db.prepare("INSERT INTO resources (id, hash, attributes) VALUES (1, 'r', '{}')").run();
  db.prepare("INSERT INTO scopes (id, hash, name, version, attributes) VALUES (1, 's', 'x', '1', '{}')").run();
  // Every column the engine stores, with the values it stores (the reported cost as cost_usd).
  const insert = db.prepare(
    `INSERT INTO spans (${SPAN_ROW_COLUMNS.join(', ')}, cost_usd, resource_id, scope_id, received_at_ms)
       VALUES (${SPAN_ROW_COLUMNS.map(() => '?').join(', ')}, ?, 1, 1, 0)`,
  );
  const tx = db.transaction((rows: SpanRow[][]) => {
    // Spread, as the engine's writer binds them: the fastest way better-sqlite3 takes a row.
    for (const batch of rows) for (const row of batch) insert.run(...row);
  });
  // Rows as the engine's decode threads make them (its writer receives equal rows, unpacked from
  // span-row-transport's packing).
  const nextRows = () =>
    decodePayload('traces', factory.next().body, 'protobuf', defaultRedactor()).rows.spanGroups.flatMap((g) => g.rows);
  let rate = 0;
  for (let pass = 0; pass < 2; pass++) {
    let rows = 0;
    let ms = 0;
    while (rows < RAW_ROWS_PER_PASS) {
      const group = [nextRows(), nextRows(), nextRows(), nextRows()];
      const t0 = performance.now();
      tx(group);
      ms += performance.now() - t0;
      rows += group.reduce((n, b) => n + b.length, 0);
    }
    rate = Math.max(rate, rows / (ms / 1000));
  }
  db.close();
  tmp.remove();
  return rate;
}

/** Spans stored but not yet in the search index, read from the engine's database beside it. */
function searchBacklogProbe(dataDir: string): { unindexed: () => number; close: () => void } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const lastSpan = db.prepare<[], number>('SELECT max(id) FROM spans').pluck();
  const indexed = db.prepare<[], string>("SELECT value FROM settings WHERE key = 'search_indexed_span_id'").pluck();
  return { unindexed: () => (lastSpan.get() ?? 0) - Number(indexed.get() ?? 0), close: () => db.close() };
}

/**
 * Seconds until the engine's background search indexer has indexed every stored span (it waits
 * while ingest saturates the writer, as the load before this does).
 */
async function searchCatchUpSeconds(dataDir: string): Promise<number> {
  const probe = searchBacklogProbe(dataDir);
  const t0 = performance.now();
  try {
    while (probe.unindexed() > 0) {
      if (performance.now() - t0 > 120_000) throw new Error('the search index did not catch up in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    probe.close();
  }
  return (performance.now() - t0) / 1000;
}

/**
 * How far search lags a steady load below saturation (`ratePerS`, paced): every 250 ms, the spans
 * stored but not yet in the search index. Returns the largest and the median backlog.
 */
async function searchLagUnderSteadyLoad(
  url: string,
  pid: number,
  dataDir: string,
  ratePerS: number,
): Promise<{ maxSpans: number; medianSpans: number }> {
  const probe = searchBacklogProbe(dataDir);
  const backlog: number[] = [];
  const sampler = setInterval(() => backlog.push(probe.unindexed()), 250);
  try {
    await runLoad(url, pid, join(dataDir, `${DATABASE_FILE}-wal`), SECONDS, SENDERS, ratePerS);
  } finally {
    clearInterval(sampler);
    probe.close();
  }
  backlog.sort((a, b) => a - b);
  return { maxSpans: backlog.at(-1) ?? 0, medianSpans: percentile(backlog, 50) };
}

function stepInput(s: DecodedSpan, scopeName: string): SpanInput {
  return {
    name: s.name,
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    startNs: s.startNs,
    attributes: s.attributes,
    events: s.events,
    scopeName,
    resourceAttributes: {},
    logs: [],
  };
}

/** µs per span of the GenAI normalizer as ingest runs it (summarizeStep), over decoded batches. */
function normalizationCost(): { usPerSpan: number; kinds: Record<string, number> } {
  const spans = Array.from({ length: 20 }, () => decodeTracesProtobuf(Buffer.from(factory.next().body))).flatMap((d) =>
    d.groups.flatMap((g) => g.items.map((s) => stepInput(s, g.scope.name))),
  );
  const kinds: Record<string, number> = {};
  for (const s of spans) {
    const k = summarizeStep(s).kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const t0 = performance.now();
    for (const s of spans) summarizeStep(s);
    best = Math.min(best, ((performance.now() - t0) * 1000) / spans.length);
  }
  return { usPerSpan: best, kinds };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function countStored(dataDir: string, traceIds: string[]): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const count = db.prepare<[string], number>('SELECT count(*) FROM spans WHERE trace_id = ?').pluck();
  let n = 0;
  for (const id of traceIds) n += count.get(id) ?? 0;
  db.close();
  return n;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function main(): Promise<void> {
  console.log(
    `ingest bench: OTLP/HTTP protobuf, ${SENDERS} senders, batches of ${SPANS_PER_BATCH} GenAI spans (${(factory.bytesPerBatch / 1024).toFixed(0)} KiB each), ${SECONDS} s`,
  );
  // The ceilings first, while nothing else runs on the machine.
  const rawWithCheckpoints = rawInsertRate(true);
  const raw = rawInsertRate(false);
  const tmp = makeTempDir('loupe-bench-');
  const startedAt = performance.now();
  const serve = await startServeProcess(tmp.dir);
  console.log(
    `engine start:       ${(performance.now() - startedAt).toFixed(0)} ms from spawning \`loupe serve\` to its ready line (budget 1,500 ms)`,
  );
  const pid = serve.child.pid!;
  const walFile = join(tmp.dir, `${DATABASE_FILE}-wal`);
  try {
    await runLoad(serve.info.otlpHttpUrl, pid, walFile, 2, SENDERS); // warm-up
    const cpuBefore = { engine: cpuSecondsOf(pid), senders: process.cpuUsage() };
    const steady = await runLoad(serve.info.otlpHttpUrl, pid, walFile, SECONDS, SENDERS);
    const engineCpuUs = ((cpuSecondsOf(pid) - cpuBefore.engine) * 1e6) / steady.ackedSpans;
    const senderCpu = process.cpuUsage(cpuBefore.senders);
    const senderCpuUs = (senderCpu.user + senderCpu.system) / steady.ackedSpans;
    const rate = steady.ackedSpans / steady.seconds;
    const ratio = rate / raw;
    const catchUp = await searchCatchUpSeconds(tmp.dir);
    console.log(
      `engine ingest:      ${fmt(rate)} spans/s (target ≥ ${fmt(TARGET_SPANS_PER_S)}) ${rate >= TARGET_SPANS_PER_S ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(
      `raw sqlite insert:  ${fmt(raw)} spans/s (same rows, prepared statement, values spread, 2048-row transactions, no checkpoints on that thread)`,
    );
    console.log(
      `                    ${fmt(rawWithCheckpoints)} spans/s with SQLite's automatic checkpoints (engine = ${((rate / rawWithCheckpoints) * 100).toFixed(0)}% of it)`,
    );
    console.log(
      `ratio to raw:       ${(ratio * 100).toFixed(0)}% of the strict ceiling (target ≥ ${TARGET_RATIO * 100}%) ${ratio >= TARGET_RATIO ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(
      `search index:       caught up ${catchUp.toFixed(1)} s after the load stopped; ingest + indexing ${fmt(steady.ackedSpans / (steady.seconds + catchUp))} spans/s`,
    );
    console.log(
      `export latency:     p50 ${percentile(steady.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(steady.latenciesMs, 99).toFixed(1)} ms`,
    );
    console.log(
      `engine RSS:         peak ${mib(steady.peakRss)}; WAL peak ${mib(steady.peakWalBytes)}; throttled ${steady.throttled}, errors ${steady.errors}`,
    );
    console.log(
      `CPU per span:       engine ${engineCpuUs.toFixed(1)} µs (all threads), senders ${senderCpuUs.toFixed(1)} µs, on ${availableParallelism()} cores`,
    );
    const norm = normalizationCost();
    console.log(
      `GenAI normalizer:   ${norm.usPerSpan.toFixed(2)} µs per span at ingest (on the decode thread; steps ${Object.entries(
        norm.kinds,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    );

    const steadyRate = rate * 0.4;
    const lag = await searchLagUnderSteadyLoad(serve.info.otlpHttpUrl, pid, tmp.dir, steadyRate);
    console.log(
      `search lag:         at a steady ${fmt(steadyRate)} spans/s (0.4× the load above), spans not yet searchable: median ${fmt(lag.medianSpans)} (${(lag.medianSpans / steadyRate).toFixed(1)} s), max ${fmt(lag.maxSpans)} (${(lag.maxSpans / steadyRate).toFixed(1)} s)`,
    );

    const offered = rate * 2;
    const over = await runLoad(serve.info.otlpHttpUrl, pid, walFile, SECONDS, SENDERS, offered);
    const stored = countStored(tmp.dir, over.ackedTraceIds);
    const lost = over.ackedSpans - stored;
    console.log(
      `overload 2×:        offered ${fmt(offered)} spans/s, acknowledged ${fmt(over.ackedSpans / over.seconds)} spans/s`,
    );
    const throttling =
      over.throttled === 0
        ? 'no request throttled (the write budget was never used up)'
        : `${over.throttled} requests throttled (503${over.retryAfterSeen ? ' with Retry-After' : ', NO Retry-After'})`;
    console.log(`                    ${throttling}, ${over.errors} errors`);
    console.log(
      `                    engine RSS peak ${mib(over.peakRss)}, WAL peak ${mib(over.peakWalBytes)}; acknowledged spans stored: ${fmt(stored)}/${fmt(over.ackedSpans)} ${lost === 0 ? 'OK' : `LOST ${lost}`}`,
    );
  } finally {
    await serve.stop();
    tmp.remove();
  }
}

await main();
