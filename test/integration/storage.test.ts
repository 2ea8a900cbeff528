/**
 * Settings › Storage against a real engine: deleting a run removes it from the runs list, search
 * and sessions; deleting everything shrinks the database file and ingest carries on; the retention
 * caps set in Settings outlive a restart (and an explicit engine option still wins over them).
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Engine, type EngineOptions, startEngine } from '../../electron/engine/engine';
import { DATABASE_FILE } from '../../electron/engine/store/open-database';
import type { RunSummary } from '../../shared/domain/run';
import type { SessionSummary } from '../../shared/domain/run-filter';
import type { DeleteAllResult, StorageInfo } from '../../shared/domain/storage';
import { jsonSpan, jsonStringAttr, jsonTraceRequest, newSpanId, newTraceId } from '../helpers/otlp-wire';
import { rawRequest } from '../helpers/raw-http';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const closed = new WeakSet<Engine>();

async function start(dataDir: string, opts: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await startEngine({ dataDir, otlpHttpPort: 0, otlpGrpcPort: 0, uiPort: 0, decodeThreads: 0, ...opts });
  cleanups.push(() => stop(engine));
  return engine;
}

async function stop(engine: Engine): Promise<void> {
  if (closed.has(engine)) return;
  closed.add(engine);
  await engine.close();
}

function tempDir(): string {
  const tmp = makeTempDir();
  cleanups.push(() => tmp.remove());
  return tmp.dir;
}

/** Calls an API method as the UI does (token and same-origin `Origin`, which sensitive methods need). */
async function api<T>(engine: Engine, method: string, input: unknown = {}): Promise<{ status: number; body: T }> {
  const base = engine.info.uiUrl.split('/#')[0]!;
  const res = await rawRequest(base, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: JSON.parse(res.body.toString('utf8')) as T };
}

async function ok<T>(engine: Engine, method: string, input: unknown = {}): Promise<T> {
  const { status, body } = await api<T>(engine, method, input);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Sends one run of `spans` spans (padded with `padBytes` of text each) in session `session`. */
async function sendRun(engine: Engine, opts: { word: string; session: string; spans?: number; padBytes?: number }) {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const spans = [
    jsonSpan({
      traceId,
      spanId: rootId,
      name: `agent ${opts.word}`,
      attributes: [jsonStringAttr('session.id', opts.session)],
    }),
  ];
  for (let i = 1; i < (opts.spans ?? 1); i++) {
    spans.push(
      jsonSpan({
        traceId,
        spanId: newSpanId(),
        parentSpanId: rootId,
        name: `step ${String(i)}`,
        attributes: [jsonStringAttr('payload', randomBytes(opts.padBytes ?? 16).toString('base64'))],
      }),
    );
  }
  const res = await fetch(`${engine.info.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(jsonTraceRequest(spans, 'storage-test')),
  });
  expect(res.status).toBe(200);
  return traceId;
}

async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listRuns = (engine: Engine, filter: object = {}) => ok<RunSummary[]>(engine, 'listRuns', { filter });

describe('storage and deletion', () => {
  it('deleting a run removes it from the runs list, search and sessions', async () => {
    const engine = await start(tempDir());
    const keep = await sendRun(engine, { word: 'keepme', session: 'sess-keep' });
    const gone = await sendRun(engine, { word: 'zebrafish', session: 'sess-gone' });
    const search = () => listRuns(engine, { text: 'zebrafish' });
    expect((await eventually(search, (r) => r.length === 1)).map((r) => r.traceId)).toEqual([gone]);

    const deleted = await ok<{ deleted: string[] }>(engine, 'deleteRuns', { traceIds: [gone, newTraceId()] });
    expect(deleted.deleted).toEqual([gone]);

    expect((await listRuns(engine)).map((r) => r.traceId)).toEqual([keep]);
    expect(await search()).toEqual([]);
    const sessions = await ok<SessionSummary[]>(engine, 'listSessions', {});
    expect(sessions.map((s) => s.sessionId)).toEqual(['sess-keep']);
    expect((await api(engine, 'getRun', { traceId: gone })).status).toBe(404);
    const storage = await ok<StorageInfo>(engine, 'getStorage');
    expect(storage.runs).toBe(1);
    expect(storage.spans).toBe(1);

    // Ingest and search carry on after the newest rows were deleted (their ids are handed out again).
    const again = await sendRun(engine, { word: 'narwhal', session: 'sess-new' });
    const found = await eventually(
      () => listRuns(engine, { text: 'narwhal' }),
      (r) => r.length === 1,
    );
    expect(found.map((r) => r.traceId)).toEqual([again]);
  });

  it('deleting a run is sensitive: refused without a same-origin Origin', async () => {
    const engine = await start(tempDir());
    const traceId = await sendRun(engine, { word: 'x', session: 's' });
    const base = engine.info.uiUrl.split('/#')[0]!;
    const res = await rawRequest(base, {
      method: 'POST',
      path: '/api/deleteRuns',
      headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ traceIds: [traceId] }),
    });
    expect(res.status).toBe(403);
    expect((await listRuns(engine)).length).toBe(1);
  });

  it('delete all data shrinks the file, keeps settings, and ingest carries on', async () => {
    const dataDir = tempDir();
    const engine = await start(dataDir);
    await ok(engine, 'setRedaction', { enabled: true, userPatterns: [{ name: 'ticket', pattern: 'TICKET-\\d+' }] });
    for (let i = 0; i < 20; i++)
      await sendRun(engine, { word: `bulk${String(i)}`, session: 's', spans: 40, padBytes: 2000 });
    await eventually(
      () => listRuns(engine, { text: 'bulk19' }),
      (r) => r.length === 1,
    );
    const before = await ok<StorageInfo>(engine, 'getStorage');
    expect(before.runs).toBe(20);
    const file = join(dataDir, DATABASE_FILE);
    const diskBefore = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    expect(diskBefore).toBeGreaterThan(1_000_000);

    const result = await ok<DeleteAllResult>(engine, 'deleteAllData');
    expect(result.runsDeleted).toBe(20);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore / 4);
    const diskAfter = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    expect(diskAfter).toBeLessThan(diskBefore / 4);

    const after = await ok<StorageInfo>(engine, 'getStorage');
    expect(after).toMatchObject({ runs: 0, spans: 0 });
    expect(await listRuns(engine)).toEqual([]);
    expect(await ok<SessionSummary[]>(engine, 'listSessions', {})).toEqual([]);
    // Settings stay.
    const redaction = await ok<{ userPatterns: unknown[] }>(engine, 'getRedaction');
    expect(redaction.userPatterns).toHaveLength(1);

    // The engine keeps ingesting (cached resource ids must not point at deleted rows) and indexing.
    const fresh = await sendRun(engine, { word: 'afterwipe', session: 's2', spans: 3 });
    expect((await listRuns(engine)).map((r) => r.traceId)).toEqual([fresh]);
    const found = await eventually(
      () => listRuns(engine, { text: 'afterwipe' }),
      (r) => r.length === 1,
    );
    expect(found.map((r) => r.traceId)).toEqual([fresh]);
  });

  it('retention caps persist across a restart; an explicit option still wins', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    expect((await ok<StorageInfo>(first, 'getStorage')).retention).toEqual({ maxBytes: 2 * 1024 ** 3, maxAgeDays: 30 });
    const caps = { maxBytes: 5 * 1024 ** 3, maxAgeDays: 7 };
    expect(await ok(first, 'setRetention', caps)).toEqual({ retention: caps });
    expect((await api(first, 'setRetention', { maxBytes: 1000, maxAgeDays: 7 })).status).toBe(400);
    expect((await api(first, 'setRetention', { maxBytes: caps.maxBytes, maxAgeDays: -1 })).status).toBe(400);
    expect((await ok<{ retention: unknown }>(first, 'engineInfo')).retention).toEqual(caps);
    await stop(first);

    const second = await start(dataDir);
    expect((await ok<StorageInfo>(second, 'getStorage')).retention).toEqual(caps);
    await stop(second);

    const explicit = { maxBytes: 3 * 1024 ** 3, maxAgeDays: 1 };
    const third = await start(dataDir, { retention: explicit });
    expect((await ok<StorageInfo>(third, 'getStorage')).retention).toEqual(explicit);
  });

  it('setting an age cap prunes right away', async () => {
    const dataDir = tempDir();
    const engine = await start(dataDir);
    const old = await sendRun(engine, { word: 'old', session: 's' });
    const recent = await sendRun(engine, { word: 'recent', session: 's' });
    // Make one run ten days old, through a second connection as another process would see the file.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare('UPDATE runs SET last_received_at_ms = ? WHERE trace_id = ?').run(Date.now() - 10 * 86_400_000, old);
    db.close();
    // 0 days keeps runs forever.
    await ok(engine, 'setRetention', { maxBytes: 1024 ** 3, maxAgeDays: 0 });
    expect((await listRuns(engine)).length).toBe(2);
    await ok(engine, 'setRetention', { maxBytes: 1024 ** 3, maxAgeDays: 7 });
    expect((await listRuns(engine)).map((r) => r.traceId)).toEqual([recent]);
  });
});
