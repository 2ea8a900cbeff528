import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { Retention } from '../../../../../electron/engine/store/retention';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

const tmp = makeTempDir();
afterEach(() => tmp.remove());

const DAY_NS = 86_400_000_000_000n;
const NOW_MS = 1_731_622_400_000;
const nowNs = BigInt(NOW_MS) * 1_000_000n;

it('prunes whole runs by age and then by size, oldest first, and gives the space back', async () => {
  const db = openDatabase(tmp.dir);
  const writer = new SpanWriter(db);
  const big = 'x'.repeat(20_000);
  for (let r = 0; r < 30; r++) {
    const traceId = (r + 1).toString(16).padStart(32, '0');
    const startNs = nowNs - BigInt(40 - r) * DAY_NS; // runs 0..9 are older than 30 days
    await writer.write(
      batchOf(Array.from({ length: 5 }, (_, i) => decodedSpan({ traceId, spanId: (i + 1).toString(16).padStart(16, '0'), startNs, endNs: startNs + 1n, attributes: { big } }))),
    );
  }
  const retention = new Retention(db);
  const q = new RunQueries(db);
  const byAge = retention.prune({ maxBytes: 1e12, maxAgeDays: 30 }, NOW_MS);
  expect(byAge.runsDeleted).toBe(10);
  expect(q.listRuns(100)).toHaveLength(20);
  const before = retention.usedBytes();
  const cap = Math.floor(before / 2);
  const bySize = retention.prune({ maxBytes: cap, maxAgeDays: 30 }, NOW_MS);
  expect(retention.usedBytes()).toBeLessThanOrEqual(cap);
  const left = q.listRuns(100);
  expect(left.length).toBe(20 - bySize.runsDeleted);
  // Oldest went first: the newest run is still there, and no run lost only some of its spans.
  expect(left[0]!.traceId).toBe((30).toString(16).padStart(32, '0'));
  for (const run of left) expect(q.getRun(run.traceId)!.spans).toHaveLength(5);
  expect(db.prepare('SELECT count(*) FROM spans WHERE trace_id NOT IN (SELECT trace_id FROM runs)').pluck().get()).toBe(0);
  db.close();
});
