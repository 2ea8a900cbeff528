import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../../../../electron/engine/store/migrate';
import { migrations } from '../../../../../electron/engine/store/migrations';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { runListSql } from '../../../../../electron/engine/store/run-list-query';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { RUN_COLUMNS } from '../../../../../electron/engine/store/run-summary-row';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
let clock: number;
let writer: SpanWriter;
let q: RunQueries;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
  clock = 10_000;
  writer = new SpanWriter(db, { now: () => clock });
  q = new RunQueries(db);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

const T0 = 1_763_000_000_000_000_000n;

/** Runs `test` with setTimeout faked (the backlog's timer), real timers again afterwards. */
async function withFakeTimeouts(test: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  try {
    await test();
  } finally {
    vi.useRealTimers();
  }
}

/** Run 1, which moves the backlog, then run 2 100 ms later, which waits in it (its timer set). */
async function oneRunInTheBacklog(): Promise<void> {
  clock += 1000;
  await writer.write(run(1, 0.5, 300));
  clock += 100;
  await writer.write(run(2, 0.9, 100));
}

/** Run `n`: one span of `durationMs` that reports `costUsd`, in service `service`. */
function run(n: number, costUsd: number, durationMs: number, service = 'shop', spanId = 'a'.repeat(16)) {
  const start = T0 + BigInt(n) * 1_000_000_000n;
  return batchOf(
    [
      decodedSpan({
        traceId: n.toString(16).padStart(32, '0'),
        spanId,
        name: `run ${n}`,
        startNs: start,
        endNs: start + BigInt(durationMs) * 1_000_000n,
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.cost': costUsd },
      }),
    ],
    service,
  );
}

const ids = (runs: { traceId: string }[]) => runs.map((r) => parseInt(r.traceId, 16));
const sortIndexed = () =>
  db.prepare<[], [string, number]>('SELECT trace_id, sort_indexed FROM runs ORDER BY id').raw().all();

describe('the sort backlog (runs join the cost and duration indexes about once a second)', () => {
  it('lists runs in cost and duration order whether or not they have joined the indexes yet', async () => {
    clock += 1000;
    await writer.write(run(1, 0.5, 300));
    clock += 100;
    await writer.write(run(2, 0.9, 100));
    await writer.write(run(3, 0.1, 900, 'batch'));
    // The first transaction, a second after the writer started, indexed its run; the next two wait.
    expect(sortIndexed().map(([, s]) => s)).toEqual([1, 0, 0]);

    expect(ids(q.listRuns(50, undefined, undefined, { by: 'cost', dir: 'desc' }))).toEqual([2, 1, 3]);
    expect(ids(q.listRuns(50, undefined, undefined, { by: 'cost', dir: 'asc' }))).toEqual([3, 1, 2]);
    expect(ids(q.listRuns(50, undefined, undefined, { by: 'duration', dir: 'desc' }))).toEqual([3, 1, 2]);
    expect(ids(q.listRuns(1, undefined, undefined, { by: 'cost', dir: 'desc' }, 1))).toEqual([1]);
    expect(ids(q.listRuns(1, undefined, undefined, { by: 'cost', dir: 'desc' }, 2))).toEqual([3]);
    expect(ids(q.listRuns(50, undefined, { service: 'shop' }, { by: 'duration', dir: 'asc' }))).toEqual([2, 1]);

    clock += 1000;
    await writer.write(run(4, 0.3, 500));
    expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1, 1, 1]);
    expect(ids(q.listRuns(50, undefined, undefined, { by: 'cost', dir: 'desc' }))).toEqual([2, 1, 4, 3]);

    // A late span of an indexed run moves it in the index.
    await writer.write(run(3, 2, 10, 'batch', 'b'.repeat(16)));
    expect(ids(q.listRuns(2, undefined, undefined, { by: 'cost', dir: 'desc' }))).toEqual([3, 2]);
  });

  it('moves the backlog a second after writes stop', async () => {
    await withFakeTimeouts(async () => {
      await oneRunInTheBacklog();
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 0]);
      clock += 1000;
      vi.advanceTimersByTime(1000);
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1]);
    });
  });

  it('still moves runs that joined after a write moved the backlog while its timer was pending', async () => {
    await withFakeTimeouts(async () => {
      await oneRunInTheBacklog();
      clock += 900;
      await writer.write(run(3, 0.2, 200)); // a second since the last move: moves runs 2 and 3
      clock += 100;
      await writer.write(run(4, 0.4, 400)); // waits for the timer already set
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1, 1, 0]);
      clock += 100;
      vi.advanceTimersByTime(1000); // the timer fires 200 ms after the last move: too soon, it waits
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1, 1, 0]);
      clock += 800;
      vi.advanceTimersByTime(800);
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1, 1, 1]);
    });
  });

  it('does not move the backlog while the writer is held, and moves it once released', async () => {
    await withFakeTimeouts(async () => {
      await oneRunInTheBacklog();
      const release = writer.hold();
      clock += 1000;
      vi.advanceTimersByTime(1000);
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 0]);
      vi.advanceTimersByTime(500);
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 0]);
      release();
      vi.advanceTimersByTime(100);
      expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1]);
    });
  });

  it('a new writer moves what an earlier one left in the backlog', async () => {
    await oneRunInTheBacklog();
    expect(sortIndexed().map(([, s]) => s)).toEqual([1, 0]);
    new SpanWriter(db, { now: () => clock });
    expect(sortIndexed().map(([, s]) => s)).toEqual([1, 1]);
  });

  it('reads the partial indexes: the sorted one for indexed runs, the backlog for the rest', () => {
    for (const by of ['cost', 'duration'] as const) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${runListSql(RUN_COLUMNS, [], { by, dir: 'desc' })}`)
        .all({ limit: 200, offset: 0 }) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toContain(`USING INDEX runs_by_${by}`);
      expect(details).toContain('runs_sort_backlog');
    }
  });

  it('migration 7 puts the runs already stored into the sorted indexes', () => {
    const old = new Database(':memory:');
    migrate(old, migrations.slice(0, 6));
    const insert = old.prepare(
      `INSERT INTO runs (trace_id, name, start_ns, end_ns, cost_usd, first_received_at_ms, last_received_at_ms)
       VALUES (?, 'r', ?, ?, ?, 0, 0)`,
    );
    insert.run('t1', 1, 5, 0.2);
    insert.run('t2', 2, 3, 0.7);
    migrate(old, migrations);
    expect(old.prepare('SELECT trace_id, sort_indexed FROM runs ORDER BY id').raw().all()).toEqual([
      ['t1', 1],
      ['t2', 1],
    ]);
    const byCost = old
      .prepare(runListSql('trace_id, start_ns', [], { by: 'cost', dir: 'desc' }))
      .pluck()
      .all({ limit: 10, offset: 0 });
    expect(byCost).toEqual(['t2', 't1']);
    old.close();
  });
});
