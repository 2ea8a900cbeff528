import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { SearchIndexer, type IngestActivity } from '../../../../../electron/engine/store/search-indexer';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { batchOf, decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
beforeEach(async () => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
  const spans = Array.from({ length: 1500 }, (_, i) =>
    decodedSpan({ traceId: 'c'.repeat(32), spanId: (i + 1).toString(16).padStart(16, '0'), name: `step ${i} parcel` }),
  );
  await new SpanWriter(db).write(batchOf(spans));
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
  tmp.remove();
});

const indexedUpTo = () =>
  Number(db.prepare("SELECT value FROM settings WHERE key = 'search_indexed_span_id'").pluck().get() ?? 0);

/** Ingest: nothing queued right now, but something was written within the last few milliseconds. */
const between = (quietMs: number) => quietMs === 0;

function activity(
  isQuiet: (quietMs: number) => boolean,
  writerBusyShare: number,
  decodeBusyShare: number,
): IngestActivity {
  return { isQuiet, writerBusyShare: () => writerBusyShare, decodeBusyShare: () => decodeBusyShare };
}

/** Starts an indexer with ingest behaving as `ingest` says, runs `ticks` of its timer, stops it. */
function runIndexer(ingest: IngestActivity, ticks: number): void {
  const indexer = new SearchIndexer(db, ingest);
  indexer.start();
  for (let i = 0; i < ticks; i++) vi.advanceTimersToNextTimer();
  indexer.stop();
}

describe('the background search indexer', () => {
  it('never writes while a write is queued', () => {
    runIndexer(
      activity(() => false, 0.1, 0.1),
      50,
    );
    expect(indexedUpTo()).toBe(0);
  });

  it('keeps up with steady ingest: small batches between writes even when ingest is never quiet for long', () => {
    // The shares a steady 45,000 spans/s reads on 2 cores.
    const steady = activity(between, 0.25, 0.45);
    runIndexer(steady, 1);
    expect(indexedUpTo()).toBe(200);
    runIndexer(steady, 7);
    expect(indexedUpTo()).toBe(1500);
    expect(db.prepare("SELECT count(*) FROM span_search WHERE span_search MATCH 'parcel'").pluck().get()).toBe(1500);
  });

  it('waits while ingest saturates the writer, between writes too', () => {
    runIndexer(activity(between, 0.8, 0.5), 50);
    expect(indexedUpTo()).toBe(0);
  });

  it('waits while payloads queue for decoding, even when the writer itself reads below half busy', () => {
    // What saturating senders read on 2 cores: the writer shares the CPU with decoding.
    runIndexer(activity(between, 0.45, 0.95), 50);
    expect(indexedUpTo()).toBe(0);
  });

  it('indexes a backlog in large batches once ingest is quiet', async () => {
    // 6,000 spans in all: more than one quiet batch.
    vi.useRealTimers();
    const more = Array.from({ length: 4500 }, (_, i) =>
      decodedSpan({
        traceId: 'd'.repeat(32),
        spanId: (i + 1).toString(16).padStart(16, '0'),
        name: `step ${i} parcel`,
      }),
    );
    await new SpanWriter(db).write(batchOf(more));
    vi.useFakeTimers();
    runIndexer(
      activity(() => true, 0, 0),
      1,
    );
    expect(indexedUpTo()).toBe(4000);
    runIndexer(
      activity(() => true, 0, 0),
      1,
    );
    expect(indexedUpTo()).toBe(6000);
  });
});
