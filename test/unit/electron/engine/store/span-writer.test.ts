import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { QueueFullError, SpanWriter, StorageError } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

const T = 'ab'.repeat(16);
let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

describe('SpanWriter', () => {
  it('maintains a run incrementally when spans arrive out of order across requests', async () => {
    const writer = new SpanWriter(db);
    const q = new RunQueries(db);
    await writer.write(
      batchOf([
        decodedSpan({
          traceId: T,
          spanId: '02'.repeat(8),
          parentSpanId: '01'.repeat(8),
          name: 'child late',
          startNs: 5n,
          endNs: 9n,
        }),
      ]),
    );
    expect(q.listRuns(10)[0]).toMatchObject({
      name: 'child late',
      hasRoot: false,
      spanCount: 1,
      startNs: '5',
      endNs: '9',
    });
    await writer.write(
      batchOf([
        decodedSpan({
          traceId: T,
          spanId: '03'.repeat(8),
          parentSpanId: '01'.repeat(8),
          name: 'child early',
          startNs: 3n,
          endNs: 4n,
          statusCode: 2,
        }),
      ]),
    );
    expect(q.listRuns(10)[0]).toMatchObject({
      name: 'child early',
      spanCount: 2,
      errorCount: 1,
      status: 'error',
      startNs: '3',
    });
    await writer.write(
      batchOf([decodedSpan({ traceId: T, spanId: '01'.repeat(8), name: 'root', startNs: 4n, endNs: 20n })], 'root-svc'),
    );
    // The root names the run even though it started after a child; later spans do not rename it.
    await writer.write(
      batchOf([
        decodedSpan({
          traceId: T,
          spanId: '04'.repeat(8),
          parentSpanId: '01'.repeat(8),
          name: 'first',
          startNs: 1n,
          endNs: 2n,
        }),
      ]),
    );
    expect(q.listRuns(10)).toHaveLength(1);
    expect(q.listRuns(10)[0]).toMatchObject({
      name: 'root',
      service: 'root-svc',
      hasRoot: true,
      spanCount: 4,
      startNs: '1',
      endNs: '20',
    });
  });

  it('stores a retried span once and does not count it again', async () => {
    const writer = new SpanWriter(db);
    const span = decodedSpan({ traceId: T, spanId: '01'.repeat(8) });
    const first = await writer.write(batchOf([span, { ...span }]));
    const retry = await writer.write(batchOf([span]));
    expect(first.insertedSpans).toBe(1);
    expect(retry.insertedSpans).toBe(0);
    expect(new RunQueries(db).listRuns(10)[0]!.spanCount).toBe(1);
  });

  it('keeps nanosecond times beyond 2^53 exactly', async () => {
    const writer = new SpanWriter(db);
    await writer.write(
      batchOf([
        decodedSpan({ traceId: T, spanId: '01'.repeat(8), startNs: 1731622400123456789n, endNs: 1731622400123456791n }),
      ]),
    );
    const run = new RunQueries(db).getRun(T)!;
    expect(run.spans[0]).toMatchObject({
      startNs: '1731622400123456789',
      endNs: '1731622400123456791',
      durationMs: 0.000002,
    });
  });

  it('batches concurrent requests into one commit and reports changed runs after it', async () => {
    const committed: string[][] = [];
    const writer = new SpanWriter(db, { onCommit: (ids) => committed.push(ids) });
    const T2 = 'cd'.repeat(16);
    await Promise.all([
      writer.write(batchOf([decodedSpan({ traceId: T, spanId: '01'.repeat(8) })])),
      writer.write(batchOf([decodedSpan({ traceId: T2, spanId: '01'.repeat(8) })])),
    ]);
    expect(committed).toHaveLength(1);
    expect(new Set(committed[0])).toEqual(new Set([T, T2]));
  });

  it('while held, queues requests without writing them, and writes them together once released', async () => {
    const committed: string[][] = [];
    const writer = new SpanWriter(db, { onCommit: (ids) => committed.push(ids) });
    const T2 = 'cd'.repeat(16);
    const release = writer.hold();
    let settled = 0;
    const writes = [T, T2].map((t) =>
      writer.write(batchOf([decodedSpan({ traceId: t, spanId: '01'.repeat(8) })])).then((r) => {
        settled++;
        return r;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(0);
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(0);
    expect(writer.isQuiet(0)).toBe(false);
    release();
    release(); // a second call changes nothing
    const results = await Promise.all(writes);
    expect(results.map((r) => r.insertedSpans)).toEqual([1, 1]);
    expect(committed).toHaveLength(1);
    expect(writer.isQuiet(0)).toBe(true);
  });

  it('stays held until every hold is released', async () => {
    const writer = new SpanWriter(db);
    const releaseA = writer.hold();
    const releaseB = writer.hold();
    const write = writer.write(batchOf([decodedSpan({ traceId: T, spanId: '01'.repeat(8) })]));
    releaseA();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(0);
    releaseB();
    await expect(write).resolves.toMatchObject({ insertedSpans: 1 });
  });

  it('refuses new work with QueueFullError when the queue is full, and accepts it again after the commit', async () => {
    const writer = new SpanWriter(db, { maxQueuedItems: 3 });
    const spans = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        decodedSpan({ traceId: T, spanId: (from + i + 1).toString(16).padStart(16, '0') }),
      );
    const first = writer.write(batchOf(spans(0, 3)));
    await expect(writer.write(batchOf(spans(3, 1)))).rejects.toBeInstanceOf(QueueFullError);
    await first;
    await expect(writer.write(batchOf(spans(3, 1)))).resolves.toMatchObject({ insertedSpans: 1 });
  });

  it('a request the database refuses fails alone with StorageError; requests batched with it are stored', async () => {
    const writer = new SpanWriter(db);
    db.exec(
      `CREATE TRIGGER fail_on_boom BEFORE INSERT ON spans WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'disk is full'); END`,
    );
    const ok = writer.write(batchOf([decodedSpan({ traceId: T, spanId: '01'.repeat(8) })]));
    const bad = writer.write(
      batchOf([
        decodedSpan({ traceId: T, spanId: '02'.repeat(8), name: 'boom' }),
        decodedSpan({ traceId: T, spanId: '03'.repeat(8) }),
      ]),
    );
    await expect(bad).rejects.toBeInstanceOf(StorageError);
    await expect(ok).resolves.toMatchObject({ insertedSpans: 1 });
    // Nothing of the refused request was stored, not even its valid span.
    expect(db.prepare('SELECT span_id FROM spans').pluck().all()).toEqual(['01'.repeat(8)]);
    expect(new RunQueries(db).listRuns(10)[0]!.spanCount).toBe(1);
    db.exec('DROP TRIGGER fail_on_boom');
    await expect(writer.write(batchOf([decodedSpan({ traceId: T, spanId: '02'.repeat(8) })]))).resolves.toMatchObject({
      insertedSpans: 1,
    });
    await writer.drain();
  });
});

describe('RunQueries.listRuns paging', () => {
  it('pages through runs that share a start time without skipping or repeating any', async () => {
    const writer = new SpanWriter(db);
    const ids = Array.from({ length: 7 }, (_, i) => (i + 1).toString(16).padStart(32, '0'));
    await writer.write(
      batchOf(ids.map((traceId) => decodedSpan({ traceId, spanId: '01'.repeat(8), startNs: 5n, endNs: 6n }))),
    );
    const q = new RunQueries(db);
    const seen: string[] = [];
    let page = q.listRuns(3);
    while (page.length > 0) {
      seen.push(...page.map((r) => r.traceId));
      const last = page[page.length - 1]!;
      page = q.listRuns(3, { startNs: last.startNs, traceId: last.traceId });
    }
    expect(seen).toEqual([...ids].reverse());
  });
});
