import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../shared/domain/run';
import { type ImportSummary, importFiles } from '../../electron/engine/exchange/import-files';
import { DecodePool } from '../../electron/engine/ingest/decode-pool';
import { openDatabase } from '../../electron/engine/store/open-database';
import { RunQueries } from '../../electron/engine/store/run-queries';
import { SpanWriter } from '../../electron/engine/store/span-writer';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { START_NS, type SentTrace, sendSdkTrace } from '../helpers/sdk-traces';
import { makeGenAiSpans } from '../helpers/genai-spans';
import { LOUPE_BIN } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';

// Hand-written in the Jaeger UI download / query API shape (jaegertracing/jaeger model/json/model.go
// and the query service's {"data": [...]} envelope): see test/fixtures/exchange/README.md.
const JAEGER_FIXTURE = new URL('../fixtures/exchange/jaeger-trace.json', import.meta.url);
const JAEGER_TRACE = '00000000000000004bf92f3577b34da6';

const tmp = makeTempDir('loupe-exchange-');
afterAll(() => tmp.remove());
let dirs = 0;
const newDir = (): string => join(tmp.dir, `data-${++dirs}`);

function loupe(...args: string[]) {
  const r = spawnSync(process.execPath, [LOUPE_BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function importJson(file: string, dataDir: string): { code: number | null; summary: ImportSummary } {
  const r = loupe('import', file, '--data-dir', dataDir, '--json');
  return { code: r.code, summary: JSON.parse(r.stdout) as ImportSummary };
}

const jsonLine = (spans: number, seed: number): string =>
  Buffer.from(JsonTraceSerializer.serializeRequest(makeGenAiSpans(spans, seed))!).toString();

describe('export → import → export through the CLI (spans sent by the real OTel JS SDK)', () => {
  let t: TestEngine;
  let sent: SentTrace;
  beforeAll(async () => {
    t = await startTestEngine();
    sent = await sendSdkTrace(new OTLPTraceExporter({ url: `${t.otlpHttpUrl}/v1/traces` }), 'svc-exchange');
    // A log event of the run's model call, as GenAI instrumentations send them.
    const logs = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'svc-exchange' }),
      processors: [new SimpleLogRecordProcessor(new OTLPLogExporter({ url: `${t.otlpHttpUrl}/v1/logs` }))],
    });
    logs.getLogger('genai-events', '0.1.0').emit({
      eventName: 'gen_ai.choice',
      body: { index: 0, message: { content: 'It ships tomorrow.' }, tokens: 7, ratio: 0.5 },
      attributes: { 'gen_ai.system': 'openai', big: 2 ** 53 + 2 },
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      timestamp: [1_731_622_400, 500],
      context: trace.setSpanContext(ROOT_CONTEXT, { traceId: sent.traceId, spanId: sent.childSpanId, traceFlags: 1 }),
    });
    await logs.forceFlush();
    await logs.shutdown();
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(['otlp-json', 'otlp-jsonl'])('%s: the second export is byte-identical to the first', (format) => {
    const first = join(tmp.dir, `first.${format}`);
    const second = join(tmp.dir, `second.${format}`);
    // Exported from the data dir of the running engine (WAL lets the CLI read beside it).
    expect(loupe('export', sent.traceId, '-o', first, '--format', format, '--data-dir', t.dataDir).code).toBe(0);
    const empty = newDir();
    const imported = importJson(first, empty);
    expect(imported.code).toBe(0);
    expect(imported.summary).toMatchObject({ spans: 2, logs: 1, runs: 1, rejected: 0, problems: [] });
    expect(loupe('export', sent.traceId, '-o', second, '--format', format, '--data-dir', empty).code).toBe(0);
    expect(readFileSync(second)).toEqual(readFileSync(first));

    // And the run reads the same in both data dirs, marked as imported from that file.
    const original = runDetail(t.dataDir, sent.traceId);
    const copy = runDetail(empty, sent.traceId);
    expect(copy.spans).toEqual(original.spans);
    expect(copy.logs).toEqual(original.logs);
    expect(copy.resources).toEqual(original.resources);
    expect(copy.scopes).toEqual(original.scopes);
    expect(copy.run).toMatchObject({ origin: 'import', source: `first.${format}`, startNs: START_NS });
  });

  it('the export holds every OTLP field as OTLP JSON: typed attributes, ns times, events, links, logs', () => {
    const r = loupe('export', sent.traceId, '-o', '-', '--data-dir', t.dataDir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      resourceSpans: Array<{
        resource: { attributes: unknown[] };
        scopeSpans: Array<{ scope: unknown; schemaUrl: string; spans: Array<Record<string, unknown>> }>;
      }>;
      resourceLogs: Array<{ scopeLogs: Array<{ scope: unknown; logRecords: Array<Record<string, unknown>> }> }>;
    };
    const rs = doc.resourceSpans[0]!;
    expect(rs.resource.attributes).toContainEqual({ key: 'host.cores', value: { intValue: '2' } });
    const scope = rs.scopeSpans[0]!;
    expect(scope.scope).toEqual({ name: 'loupe-test-scope', version: '1.2.3' });
    expect(scope.schemaUrl).toBe('https://opentelemetry.io/schemas/1.26.0');
    const root = scope.spans.find((s) => s.spanId === sent.rootSpanId)!;
    expect(root).toMatchObject({
      traceId: sent.traceId,
      kind: 2,
      startTimeUnixNano: START_NS,
      endTimeUnixNano: '1731622402000000005',
      status: { code: 1 },
      events: [{ timeUnixNano: '1731622400123457789', name: 'user.message' }],
    });
    expect(root.attributes).toEqual(
      expect.arrayContaining([
        { key: 'test.int', value: { intValue: '42' } },
        { key: 'test.double', value: { doubleValue: 3.14159 } },
        { key: 'test.bool_false', value: { boolValue: false } },
        {
          key: 'test.string_array',
          value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }, { stringValue: '' }] } },
        },
      ]),
    );
    const child = scope.spans.find((s) => s.spanId === sent.childSpanId)!;
    expect(child).toMatchObject({
      parentSpanId: sent.rootSpanId,
      status: { code: 2, message: 'rate limited' },
      // 0x100 (HAS_IS_REMOTE): the SDK says whether the link's context is remote (here it is not).
      links: [{ traceId: sent.linkedTraceId, spanId: sent.linkedSpanId, flags: 257 }],
    });
    const log = doc.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(log).toMatchObject({
      timeUnixNano: '1731622400000000500',
      spanId: sent.childSpanId,
      eventName: 'gen_ai.choice',
      severityNumber: 9,
      attributes: expect.arrayContaining([{ key: 'big', value: { intValue: '9007199254740994' } }]),
    });
  });

  it('imports into the data dir of a running engine, which then serves the imported run', async () => {
    const file = join(tmp.dir, 'jaeger-download.json');
    copyFileSync(JAEGER_FIXTURE, file);
    expect(importJson(file, t.dataDir)).toMatchObject({ code: 0, summary: { spans: 4, runs: 1 } });
    const { status, body } = await t.api('getRun', { traceId: JAEGER_TRACE });
    expect(status).toBe(200);
    expect((body as RunDetail).run).toMatchObject({ origin: 'import', source: 'jaeger-download.json', spanCount: 4 });
  });
});

function runDetail(dataDir: string, traceId: string): RunDetail {
  const db = openDatabase(dataDir);
  try {
    return new RunQueries(db).getRun(traceId)!;
  } finally {
    db.close();
  }
}

describe('importFiles into a real data dir', () => {
  let dataDir: string;
  let db: Database.Database;
  let writer: SpanWriter;
  beforeEach(() => {
    dataDir = newDir();
    db = openDatabase(dataDir);
    writer = new SpanWriter(db);
  });
  afterEach(() => db.close());

  const file = (name: string, content: string | Buffer): string => {
    const path = join(tmp.dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('a JSON Lines file with a bad line: the line is reported by number, the rest imported', async () => {
    const path = file(
      'with-bad-line.jsonl',
      `${jsonLine(8, 1)}\n{"resourceSpans": [{"scopeSpans": [oops\n${jsonLine(8, 2)}\n`,
    );
    const s = await importFiles([path], { writer });
    expect(s).toMatchObject({ spans: 16, runs: 2, failedFiles: 0, problemsOmitted: 0 });
    expect(s.problems).toEqual([{ file: path, line: 2, message: expect.stringMatching(/^invalid JSON/) as string }]);
  });

  it('invalid spans are rejected with their reason and line; the valid ones of the same line are kept', async () => {
    const line = jsonLine(8, 3).replace(/"spanId":"[0-9a-f]{16}"/, '"spanId":"0000000000000000"');
    const s = await importFiles([file('zero-span-id.jsonl', `${line}\n`)], { writer });
    expect(s).toMatchObject({ spans: 7, rejected: 1 });
    expect(s.problems).toEqual([
      expect.objectContaining({ line: 1, message: '1 record rejected: spanId is all zeroes' }),
    ]);
  });

  it('gzip, with progress reported along the way', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => jsonLine(64, 10 + i)).join('\n');
    const path = file('traces.jsonl.gz', gzipSync(lines));
    const progress: number[] = [];
    const s = await importFiles([path], {
      writer,
      batchItems: 100,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p.spans),
    });
    expect(s).toMatchObject({ spans: 1280, problems: [], perFile: [{ format: 'otlp-json-lines', gzip: true }] });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1280);
  });

  it('a truncated gzip file is an error, and what was read before the cut is kept', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => jsonLine(64, 200 + i)).join('\n');
    const gz = gzipSync(lines);
    const s = await importFiles([file('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length * 0.8)))], { writer });
    expect(s.failedFiles).toBe(1);
    expect(s.perFile[0]!.error).toMatch(/^corrupt or truncated gzip data/);
    expect(s.spans).toBeGreaterThan(0);
    expect(s.spans).toBeLessThan(40 * 64);
  });

  it('a Jaeger JSON file is stored as OTLP spans: tree, kinds, status, events, links, resources, scopes', async () => {
    const s = await importFiles([JAEGER_FIXTURE.pathname], { writer });
    expect(s).toMatchObject({ spans: 4, runs: 1, problems: [], perFile: [{ format: 'otlp-json' }] });
    const detail = new RunQueries(db).getRun(JAEGER_TRACE)!;
    expect(detail.run).toMatchObject({
      name: 'POST /agent/run',
      service: 'support-agent',
      origin: 'import',
      source: 'jaeger-trace.json',
      spanCount: 4,
      errorCount: 1,
      hasRoot: true,
      startNs: '1731622400123456000',
      endNs: '1731622402623456000',
    });
    const byName = new Map(detail.spans.map((sp) => [sp.name, sp]));
    const chat = byName.get('chat gpt-4o-mini')!;
    expect(chat).toMatchObject({ parentSpanId: 'a3ce929d0e0e4736', kind: 3, statusCode: 2 });
    expect(chat.events[0]).toMatchObject({ name: 'gen_ai.user.message', timeNs: '1731622400223999000' });
    const orders = byName.get('GET /orders/{id}')!;
    expect(detail.resources[orders.resourceIndex]!.attributes).toEqual({
      'service.name': 'order-service',
      ip: '10.0.3.17',
    });
    expect(detail.scopes[chat.scopeIndex]).toMatchObject({ name: 'agent-sdk', version: '1.4.0' });
    expect(byName.get('execute_tool lookup_order')!.links[0]).toMatchObject({
      spanId: 'e457b5a2e4d86bd1',
      attributes: { 'opentracing.ref_type': 'follows_from' },
    });
  });

  it('importing the same files again stores nothing twice (spans by id, logs by content)', async () => {
    const paths = [JAEGER_FIXTURE.pathname, file('twice.jsonl', `${jsonLine(16, 40)}\n`)];
    // A logs request, as OTLP JSON.
    const logs = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeLogs: [
            {
              scope: { name: 'genai-events' },
              logRecords: [
                {
                  timeUnixNano: '1731622400000000001',
                  traceId: 'ab'.repeat(16),
                  spanId: 'cd'.repeat(8),
                  body: { stringValue: 'a' },
                },
                {
                  timeUnixNano: '1731622400000000002',
                  traceId: 'ab'.repeat(16),
                  spanId: 'cd'.repeat(8),
                  body: { stringValue: 'b' },
                },
              ],
            },
          ],
        },
      ],
    };
    paths.push(file('logs.json', JSON.stringify(logs)));
    const first = await importFiles(paths, { writer });
    expect(first).toMatchObject({ spans: 20, spansSkipped: 0, logs: 2, logsSkipped: 0 });
    const again = await importFiles(paths, { writer });
    expect(again).toMatchObject({ spans: 0, spansSkipped: 20, logs: 0, logsSkipped: 2, runs: first.runs });
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(20);
    expect(db.prepare('SELECT count(*) FROM logs').pluck().get()).toBe(2);
  });

  it('decoding on the engine decode threads stores exactly what decoding inline stores', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => jsonLine(40, 60 + i)).join('\n');
    const path = file('pool.jsonl', `${lines}\n{bad\n`);
    const pool = new DecodePool(2);
    try {
      const viaPool = await importFiles([path], { writer, decoder: pool, batchItems: 128 });
      const otherDir = newDir();
      const otherDb = openDatabase(otherDir);
      const inline = await importFiles([path], { writer: new SpanWriter(otherDb), batchItems: 128 });
      expect(viaPool).toMatchObject({ spans: 480, problems: [expect.objectContaining({ line: 13 })] });
      expect(inline).toMatchObject({
        spans: 480,
        runs: viaPool.runs,
        problems: [expect.objectContaining({ line: 13 })],
      });
      const rows = (d: Database.Database) =>
        d
          .prepare(
            'SELECT trace_id, span_id, name, attributes, step_kind, input_tokens FROM spans ORDER BY trace_id, span_id',
          )
          .all();
      expect(rows(otherDb)).toEqual(rows(db));
      otherDb.close();
    } finally {
      await pool.close();
    }
  });

  it('unreadable files are clear errors and do not stop the other files', async () => {
    const good = file('good.jsonl', `${jsonLine(8, 80)}\n`);
    const s = await importFiles([join(tmp.dir, 'nope.json'), file('notes.txt', 'hello world\n'), good], { writer });
    expect(s).toMatchObject({ files: 3, failedFiles: 2, spans: 8 });
    expect(s.perFile.map((f) => f.error)).toEqual([
      'no such file',
      expect.stringMatching(/^unknown format: text starting with "hello world"\. Loupe imports OTLP JSON/),
      null,
    ]);
  });
});

describe('loupe import / export: usage and exit codes', () => {
  it.each([['import'], ['export']])('%s --help prints usage and exits 0', (cmd) => {
    const r = loupe(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: loupe ${cmd}`));
  });

  it('import: 0 when all is imported, 1 with problems listed or a file unreadable, 2 on wrong usage', () => {
    const dataDir = newDir();
    const good = join(tmp.dir, 'cli-good.jsonl');
    writeFileSync(good, `${jsonLine(8, 90)}\n`);
    const ok = loupe('import', good, '--data-dir', dataDir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Imported 8 spans and 0 log records in 1 runs from 1 of 1 files/);

    const bad = join(tmp.dir, 'cli-bad.jsonl');
    writeFileSync(bad, `${jsonLine(8, 91)}\nnot json\n`);
    const partial = loupe('import', bad, '--data-dir', dataDir);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain(`${bad}:2: invalid JSON`);

    const missing = loupe('import', join(tmp.dir, 'absent.json'), '--data-dir', dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('no such file');

    expect(loupe('import', '--data-dir', dataDir).code).toBe(2);
    expect(loupe('import', good, '--bogus').code).toBe(2);
  });

  it('export: 1 for an unknown run (and no file left behind), 2 for a malformed id or format', () => {
    const dataDir = newDir();
    const good = join(tmp.dir, 'cli-export.jsonl');
    writeFileSync(good, `${jsonLine(8, 95)}\n`);
    expect(loupe('import', good, '--data-dir', dataDir).code).toBe(0);
    const out = join(tmp.dir, 'never.json');
    const unknown = loupe('export', 'ab'.repeat(16), '-o', out, '--data-dir', dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no run with trace id ${'ab'.repeat(16)}`);
    expect(() => readFileSync(out)).toThrow();
    expect(loupe('export', 'xyz', '-o', out, '--data-dir', dataDir).code).toBe(2);
    expect(loupe('export', 'ab'.repeat(16), '--data-dir', dataDir).code).toBe(2);
    expect(loupe('export', 'ab'.repeat(16), '-o', out, '--format', 'csv', '--data-dir', dataDir).code).toBe(2);
  });

  it('export to a .gz name writes gzip, and it imports back', () => {
    const dataDir = newDir();
    const src = join(tmp.dir, 'gz-src.jsonl');
    writeFileSync(src, `${jsonLine(8, 97)}\n`);
    const imported = importJson(src, dataDir);
    const gz = join(tmp.dir, 'run.json.gz');
    expect(loupe('export', imported.summary.traceIds[0]!, '-o', gz, '--data-dir', dataDir).code).toBe(0);
    expect(readFileSync(gz).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(importJson(gz, newDir())).toMatchObject({ code: 0, summary: { spans: 8, perFile: [{ gzip: true }] } });
  });
});
