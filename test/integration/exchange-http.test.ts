import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportUploadRoute } from '../../electron/engine/api/import-upload-route';
import { importPathsThroughEngine } from '../../electron/main/upload-trace-files';
import {
  EXPORT_PATH,
  EXPORT_RUNS_HEADER,
  IMPORT_FILE_NAME_HEADER,
  IMPORT_PATH,
  encodeFileNameHeader,
} from '../../shared/api/exchange-routes';
import {
  type ImportJobEvent,
  type ImportJobs,
  applyImportJobEvent,
  importOverview,
} from '../../shared/domain/import-job';
import type { ImportSummary } from '../../shared/domain/import-summary';
import type { RunDetail, RunSummary } from '../../shared/domain/run';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { makeGenAiSpans } from '../helpers/genai-spans';
import { rawRequest } from '../helpers/raw-http';
import { makeTempDir } from '../helpers/temp-dir';

const jsonLine = (spans: number, seed: number): string =>
  Buffer.from(JsonTraceSerializer.serializeRequest(makeGenAiSpans(spans, seed))!).toString();

const traceIdOf = (line: string): string => /"traceId":"([0-9a-f]{32})"/.exec(line)![1]!;

let a: TestEngine;
let b: TestEngine;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestEngine(), startTestEngine()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

function upload(
  t: TestEngine,
  name: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${t.uiBase}${IMPORT_PATH}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${t.token}`,
      Origin: t.uiBase,
      'Content-Type': 'application/octet-stream',
      [IMPORT_FILE_NAME_HEADER]: encodeFileNameHeader(name),
      ...headers,
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

function exportRuns(t: TestEngine, request: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.uiBase}${EXPORT_PATH}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${t.token}`,
      Origin: t.uiBase,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(request),
  });
}

describe('POST /api/import (the GUI upload) over real HTTP', () => {
  const good1 = jsonLine(8, 901);
  const good2 = jsonLine(8, 902);

  it('imports a JSON Lines file with a bad line: the summary names the line, the runs are stored as imported', async () => {
    const res = await upload(a, 'prod traces (1).jsonl', `${good1}\n{"resourceSpans": [oops\n${good2}\n`);
    expect(res.status).toBe(200);
    const s = (await res.json()) as ImportSummary;
    expect(s).toMatchObject({ files: 1, failedFiles: 0, runs: 2, spans: 16, spansSkipped: 0, error: null });
    expect(s.problems).toEqual([
      { file: 'prod traces (1).jsonl', line: 2, message: expect.stringMatching(/invalid JSON/) as string },
    ]);
    expect(s.perFile[0]).toMatchObject({ file: 'prod traces (1).jsonl', format: 'otlp-json-lines', spans: 16 });

    const run = (await a.api('getRun', { traceId: traceIdOf(good1) })).body as RunDetail;
    expect(run.run).toMatchObject({ origin: 'import', source: 'prod traces (1).jsonl', spanCount: 8 });
    const imported = (await a.api('listRuns', { filter: { origin: 'import' } })).body as RunSummary[];
    expect(imported.map((r) => r.traceId).sort()).toEqual([traceIdOf(good1), traceIdOf(good2)].sort());
  });

  it('is idempotent, reads gzip, and keeps only the file name of a path', async () => {
    const res = await upload(a, '../../etc/again.jsonl.gz', gzipSync(`${good1}\n`));
    const s = (await res.json()) as ImportSummary;
    expect(s).toMatchObject({ spans: 0, spansSkipped: 8, runs: 1 });
    expect(s.perFile[0]).toMatchObject({ file: 'again.jsonl.gz', gzip: true, error: null });
  });

  it('an unknown format is a clear error in the summary, and the engine keeps serving', async () => {
    const res = await upload(a, 'notes.txt', 'hello, these are not traces\n'.repeat(1000));
    expect(res.status).toBe(200);
    const s = (await res.json()) as ImportSummary;
    expect(s).toMatchObject({ failedFiles: 1, spans: 0 });
    expect(s.perFile[0]!.error).toMatch(/^unknown format: text starting with "hello, these are not tra/);
    expect((await a.api('engineInfo')).status).toBe(200);
  });

  it('refuses a wrong token, a foreign or missing Origin, and other methods', async () => {
    const body = `${jsonLine(8, 903)}\n`;
    expect((await upload(a, 'x.jsonl', body, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await upload(a, 'x.jsonl', body, { Origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await rawRequest(a.uiBase, {
      method: 'POST',
      path: IMPORT_PATH,
      headers: { Authorization: `Bearer ${a.token}` },
      body,
    });
    expect(noOrigin.status).toBe(403);
    const get = await rawRequest(a.uiBase, {
      method: 'GET',
      path: IMPORT_PATH,
      headers: { Authorization: `Bearer ${a.token}`, Origin: a.uiBase },
    });
    expect(get.status).toBe(405);
    const stored = await a.api('getRun', { traceId: traceIdOf(body) });
    expect(stored.status).toBe(404);
  });

  it('refuses a declared size over the limit before reading, and cuts an undeclared one at the limit', async () => {
    const route = createImportUploadRoute({ importOptions: () => ({ writer: null as never }), maxBytes: 1000 });
    const server: Server = createServer((req, res) => void route(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const declared = await rawRequest(base, {
        method: 'POST',
        path: '/',
        headers: { 'Content-Length': 5000 },
        body: Buffer.alloc(5000, 0x20),
      });
      expect(declared.status).toBe(400);
      expect(declared.body.toString()).toMatch(/larger than the 1000-byte upload limit/);
      // Chunked (no Content-Length): counted while read. Blank content never reaches the writer.
      const chunked = await rawRequest(base, {
        method: 'POST',
        path: '/',
        headers: { 'Transfer-Encoding': 'chunked' },
        body: Buffer.alloc(DETECT_TEST_BYTES, 0x20),
      });
      const s = JSON.parse(chunked.body.toString()) as ImportSummary;
      expect(s.perFile[0]!.error).toBe('the upload is larger than 1000 bytes');
    } finally {
      server.close();
    }
  });
});

/** More than the limit above, less than what format detection peeks at: the limit is what stops it. */
const DETECT_TEST_BYTES = 300_000;

describe('POST /api/export (the GUI download)', () => {
  it('answers the run as an attachment; uploaded to an empty engine and exported again, it is identical', async () => {
    const line = jsonLine(8, 910);
    await upload(a, 'round-trip.jsonl', `${line}\n`);
    const traceId = traceIdOf(line);
    for (const format of ['otlp-json', 'otlp-jsonl'] as const) {
      const first = await exportRuns(a, { format, traceIds: [traceId] });
      expect(first.status).toBe(200);
      expect(first.headers.get('content-disposition')).toMatch(
        /^attachment; filename="loupe-run-[0-9a-f]{12}\.jsonl?"$/,
      );
      expect(first.headers.get(EXPORT_RUNS_HEADER)).toBe('1');
      const text = await first.text();
      const s = (await (await upload(b, `exported.${format}`, text)).json()) as ImportSummary;
      expect(s.spans + s.spansSkipped).toBe(8);
      const again = await exportRuns(b, { format, traceIds: [traceId] });
      expect(await again.text()).toBe(text);
    }
  });

  it('exports the runs matching a filter', async () => {
    const res = await exportRuns(a, { format: 'otlp-jsonl', filter: { origin: 'import' } });
    expect(res.status).toBe(200);
    const imported = (await a.api('listRuns', { filter: { origin: 'import' } })).body as RunSummary[];
    expect(res.headers.get(EXPORT_RUNS_HEADER)).toBe(String(imported.length));
    const lines = (await res.text()).trim().split('\n');
    expect(new Set(lines.map(traceIdOf))).toEqual(new Set(imported.map((r) => r.traceId)));
  });

  it('answers 404 for an unknown run or an empty filter, 400 for a bad request, 403 cross-origin', async () => {
    const unknown = await exportRuns(a, { traceIds: ['f'.repeat(32)] });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-disposition')).toBeNull();
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/no run with trace id f+/);
    expect((await exportRuns(a, { filter: { service: 'no-such-service' } })).status).toBe(404);
    expect((await exportRuns(a, { format: 'csv', traceIds: ['f'.repeat(32)] })).status).toBe(400);
    expect((await exportRuns(a, {})).status).toBe(400);
    expect((await exportRuns(a, { filter: {} }, { Origin: 'http://evil.example' })).status).toBe(403);
  });
});

describe('the desktop shell uploader (File → Import…), against the real engine', () => {
  it('streams files from disk one after the other and tells each step', async () => {
    const tmp = makeTempDir('loupe-shell-upload-');
    try {
      const good = join(tmp.dir, 'shell-export.jsonl');
      writeFileSync(good, `${jsonLine(8, 920)}\n`);
      const events: ImportJobEvent[] = [];
      const engine = { origin: a.uiBase, token: a.token };
      await importPathsThroughEngine(engine, [good, join(tmp.dir, 'missing.jsonl')], (e) => events.push(e));
      const o = importOverview(events.reduce(applyImportJobEvent, [] as ImportJobs));
      expect(o).toMatchObject({ running: false, files: 2, finished: 2, spans: 8, runs: 1 });
      expect(o.failures).toEqual([{ file: 'missing.jsonl', message: expect.stringMatching(/^cannot read the file/) }]);
      const run = (await a.api('getRun', { traceId: traceIdOf(jsonLine(8, 920)) })).body as RunDetail;
      expect(run.run).toMatchObject({ origin: 'import', source: 'shell-export.jsonl' });
      // A wrong token is the engine's refusal, told as the file's failure.
      const refused: ImportJobEvent[] = [];
      await importPathsThroughEngine({ ...engine, token: 'wrong' }, [good], (e) => refused.push(e));
      expect(refused.at(-1)).toMatchObject({ type: 'file-failed', message: expect.stringMatching(/access token/) });
    } finally {
      tmp.remove();
    }
  });
});
