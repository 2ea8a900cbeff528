import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { Retention } from '../../../../../electron/engine/store/retention';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { emptyResource, emptyScope } from '../../../../../electron/engine/otlp/model';
import { toInsertBatch } from '../../../../../electron/engine/ingest/to-insert-batch';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

const tmp = makeTempDir();
afterEach(() => tmp.remove());

const DAY_MS = 86_400_000;
const NOW_MS = 1_731_622_400_000;
const traceIdOf = (r: number) => (r + 1).toString(16).padStart(32, '0');

it('prunes whole runs by receive age and then by size, oldest first, and gives the space back', async () => {
  const db = openDatabase(tmp.dir);
  let receivedAt = 0;
  const writer = new SpanWriter(db, { now: () => receivedAt });
  const big = 'x'.repeat(20_000);
  for (let r = 0; r < 30; r++) {
    receivedAt = NOW_MS - (40 - r) * DAY_MS; // runs 0..9 were received more than 30 days ago
    // The sender's clock says 1970 for every run: age is judged by when Loupe received them.
    await writer.write(
      batchOf(
        Array.from({ length: 5 }, (_, i) =>
          decodedSpan({
            traceId: traceIdOf(r),
            spanId: (i + 1).toString(16).padStart(16, '0'),
            startNs: 1n,
            endNs: 2n,
            attributes: { big },
          }),
        ),
      ),
    );
  }
  const retention = new Retention(db);
  const q = new RunQueries(db);
  const byAge = retention.prune({ maxBytes: 1e12, maxAgeDays: 30 }, NOW_MS);
  expect(byAge.runsDeleted).toBe(10);
  expect(q.listRuns(100)).toHaveLength(20);
  const cap = Math.floor(retention.usedBytes() / 2);
  const bySize = retention.prune({ maxBytes: cap, maxAgeDays: 30 }, NOW_MS);
  expect(retention.usedBytes()).toBeLessThanOrEqual(cap);
  const left = q.listRuns(100);
  expect(left.length).toBe(20 - bySize.runsDeleted);
  expect(left.length).toBeGreaterThan(0);
  // Oldest went first: the newest run is still there, and no run lost only some of its spans.
  expect(left.map((r) => r.traceId)).toContain(traceIdOf(29));
  for (const run of left) expect(q.getRun(run.traceId)!.spans).toHaveLength(5);
  expect(db.prepare('SELECT count(*) FROM spans WHERE trace_id NOT IN (SELECT trace_id FROM runs)').pluck().get()).toBe(
    0,
  );
  db.close();
});

it('log records without a run are pruned by age, and first when over the size cap, before any run', async () => {
  const db = openDatabase(tmp.dir);
  let receivedAt = NOW_MS - 40 * DAY_MS;
  const writer = new SpanWriter(db, { now: () => receivedAt });
  const log = (i: number) => ({
    traceId: '',
    spanId: '',
    timeNs: BigInt(i),
    observedTimeNs: 0n,
    severityNumber: 9,
    severityText: '',
    eventName: 'e',
    body: 'y'.repeat(20_000),
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
  });
  const logBatch = (from: number, n: number) =>
    toInsertBatch({
      spanGroups: [],
      logGroups: [
        { resource: emptyResource(), scope: emptyScope(), items: Array.from({ length: n }, (_, i) => log(from + i)) },
      ],
      origin: 'live',
      source: null,
    });
  await writer.write(logBatch(0, 10)); // old
  receivedAt = NOW_MS;
  await writer.write(logBatch(100, 40)); // recent, and most of the database
  await writer.write(
    batchOf([decodedSpan({ traceId: traceIdOf(1), spanId: '01'.repeat(8), attributes: { big: 'x'.repeat(20_000) } })]),
  );
  const retention = new Retention(db);
  expect(retention.prune({ maxBytes: 1e12, maxAgeDays: 30 }, NOW_MS).logsDeleted).toBe(10);
  const r = retention.prune({ maxBytes: Math.floor(retention.usedBytes() / 2), maxAgeDays: 30 }, NOW_MS);
  expect(r.logsDeleted).toBeGreaterThan(0);
  expect(r.runsDeleted).toBe(0);
  expect(new RunQueries(db).listRuns(10)).toHaveLength(1);
  db.close();
});
