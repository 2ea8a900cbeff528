/**
 * `npm run bench:import` — `loupe import` of a large OTLP JSON Lines file (as the OpenTelemetry
 * Collector's file exporter writes it) into an empty data dir, in its own process.
 *
 * Figures: spans/s, and the peak RSS of the importing process sampled every 50 ms — the point is
 * that memory stays bounded however large the file. Then the same file again: nothing is stored
 * twice. BENCH_IMPORT_SPANS sets the size (default 1,000,000 spans).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { makeGenAiSpans } from '../helpers/genai-spans';
import { LOUPE_BIN } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';
import { cpuSecondsOf, mib, rssOf } from './bench-support';
import { availableParallelism, loadavg } from 'node:os';

const SPANS = Number(process.env.BENCH_IMPORT_SPANS ?? 1_000_000);
const SPANS_PER_LINE = 512;
const TEMPLATES = 8;
/** A bound on the importer's memory that does not grow with the file: the goal of streaming. */
const RSS_BUDGET = 512 * 1024 * 1024;

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Writes SPANS spans as JSON Lines, 512 per line (one ExportTraceServiceRequest each, serialized
 * by the OpenTelemetry JS JSON serializer). A few template lines are serialized once; every line
 * rewrites their ids with its own prefix, so each span and trace is distinct.
 */
async function writeJsonLines(path: string): Promise<{ bytes: number; lines: number }> {
  const templates = Array.from({ length: TEMPLATES }, (_, t) => {
    const bytes = JsonTraceSerializer.serializeRequest(makeGenAiSpans(SPANS_PER_LINE, 1 + t));
    if (!bytes) throw new Error('serialization failed');
    return Buffer.from(bytes).toString('utf8');
  });
  const out = createWriteStream(path);
  let written = 0;
  let lines = 0;
  while (written < SPANS) {
    const n = Math.min(SPANS_PER_LINE, SPANS - written);
    const prefix = (lines + 1).toString(16).padStart(8, '0');
    let line = templates[lines % TEMPLATES]!.replace(
      /"(traceId|spanId|parentSpanId)":"([0-9a-f]+)"/g,
      (_m, key: string, id: string) => `"${key}":"${prefix}${id.slice(8)}"`,
    );
    if (n < SPANS_PER_LINE) {
      const parsed = JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
      const scope = parsed.resourceSpans[0]!.scopeSpans[0]!;
      scope.spans = scope.spans.slice(0, n);
      line = JSON.stringify(parsed);
    }
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    written += n;
    lines++;
  }
  out.end();
  await once(out, 'finish');
  return { bytes: statSync(path).size, lines };
}

interface ImportRun {
  seconds: number;
  peakRss: number;
  /** CPU seconds of the importing process, all threads (last sample before it exited). */
  cpuSeconds: number;
  summary: { spans: number; spansSkipped: number; runs: number; problems: unknown[]; seconds: number };
}

async function runImport(file: string, dataDir: string): Promise<ImportRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [LOUPE_BIN, 'import', file, '--data-dir', dataDir, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakRss = 0;
  let cpuSeconds = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(child.pid!));
    cpuSeconds = Math.max(cpuSeconds, cpuSecondsOf(child.pid!));
  }, 50);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  if (code !== 0) throw new Error(`loupe import exited with ${code}: ${stdout.slice(0, 2000)}`);
  return {
    seconds: (performance.now() - started) / 1000,
    peakRss,
    cpuSeconds,
    summary: JSON.parse(stdout) as ImportRun['summary'],
  };
}

async function main(): Promise<void> {
  const tmp = makeTempDir('loupe-bench-import-');
  try {
    const file = join(tmp.dir, 'traces.jsonl');
    const t0 = performance.now();
    const { bytes, lines } = await writeJsonLines(file);
    console.log(
      `import bench: ${fmt(SPANS)} GenAI spans as OTLP JSON Lines, ${fmt(lines)} lines of ${SPANS_PER_LINE} spans, ` +
        `${mib(bytes)} (written in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const dataDir = join(tmp.dir, 'data');
    const first = await runImport(file, dataDir);
    const rate = first.summary.spans / first.summary.seconds;
    console.log(
      `import:             ${fmt(rate)} spans/s (${fmt(first.summary.spans)} spans, ${fmt(first.summary.runs)} runs in ` +
        `${first.summary.seconds.toFixed(1)} s; ${first.seconds.toFixed(1)} s for the whole \`loupe import\` process)`,
    );
    console.log(
      `importer CPU:       ${((first.cpuSeconds * 1e6) / SPANS).toFixed(1)} µs per span (all threads) on ${availableParallelism()} cores; ` +
        `load average ${loadavg()[0]!.toFixed(1)} (other processes slow it down)`,
    );
    console.log(
      `importer RSS:       peak ${mib(first.peakRss)} for a ${mib(bytes)} file (budget ${mib(RSS_BUDGET)}) ` +
        `${first.peakRss <= RSS_BUDGET ? 'OK' : 'OVER BUDGET'}`,
    );
    const stored = first.summary.spans === SPANS && first.summary.problems.length === 0;
    console.log(`stored:             ${fmt(first.summary.spans)}/${fmt(SPANS)} spans ${stored ? 'OK' : 'MISSING'}`);
    const again = await runImport(file, dataDir);
    console.log(
      `re-import:          ${fmt(again.summary.spans)} new, ${fmt(again.summary.spansSkipped)} already present ` +
        `${again.summary.spans === 0 ? 'OK' : 'DUPLICATES'} (${fmt(SPANS / again.summary.seconds)} spans/s checked, ` +
        `RSS peak ${mib(again.peakRss)})`,
    );
    if (!stored || again.summary.spans !== 0 || first.peakRss > RSS_BUDGET) process.exitCode = 1;
  } finally {
    tmp.remove();
  }
}

await main();
