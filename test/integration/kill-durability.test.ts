import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/engine/store/open-database';
import { makeGenAiSpans, serializeSpans } from '../helpers/genai-spans';
import { startServeProcess } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

interface Acked {
  traceIds: Set<string>;
  spanIds: string[];
}

/** Sends batches from `senders` concurrent loops until stopped; records every span answered 200. */
function ingestUntilStopped(url: string, senders: number, seedBase: number) {
  const acked: Acked = { traceIds: new Set(), spanIds: [] };
  let stopped = false;
  const loops = Array.from({ length: senders }, async (_, sender) => {
    for (let n = 0; !stopped; n++) {
      const spans = makeGenAiSpans(128, seedBase + sender * 100_000 + n);
      const body = serializeSpans(spans);
      try {
        const res = await fetch(`${url}/v1/traces`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-protobuf' },
          body,
        });
        if (res.status === 200) {
          for (const s of spans) {
            acked.traceIds.add(s.spanContext().traceId);
            acked.spanIds.push(`${s.spanContext().traceId}/${s.spanContext().spanId}`);
          }
        }
      } catch {
        return; // the engine was killed mid-request: that batch was never acknowledged
      }
    }
  });
  return {
    acked,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe('kill -9 during ingest', () => {
  it('keeps every acknowledged span and an intact database, three times over', async () => {
    let totalAcked = 0;
    for (let round = 0; round < 3; round++) {
      const serve = await startServeProcess(tmp.dir);
      const load = ingestUntilStopped(serve.info.otlpHttpUrl, 4, round * 10_000_000);
      await new Promise((r) => setTimeout(r, 1200 + round * 300));
      await serve.kill9();
      await load.stop();

      const db = new Database(join(tmp.dir, DATABASE_FILE));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const has = db
          .prepare<[string, string], number>('SELECT 1 FROM spans WHERE trace_id = ? AND span_id = ?')
          .pluck();
        const missing = load.acked.spanIds.filter((key) => {
          const [traceId, spanId] = key.split('/') as [string, string];
          return has.get(traceId, spanId) === undefined;
        });
        expect(missing).toEqual([]);
        expect(load.acked.spanIds.length).toBeGreaterThan(0);
        totalAcked += load.acked.spanIds.length;
        // Runs agree with their spans after the crash.
        const mismatched = db
          .prepare(
            'SELECT count(*) FROM runs r WHERE span_count != (SELECT count(*) FROM spans s WHERE s.trace_id = r.trace_id)',
          )
          .pluck()
          .get();
        expect(mismatched).toBe(0);
      } finally {
        db.close();
      }
    }
    // A restarted engine opens the same data dir and serves the data.
    const serve = await startServeProcess(tmp.dir);
    const res = await fetch(`${serve.info.uiUrl.split('/#')[0]}/api/listRuns`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.info.token}`, 'Content-Type': 'application/json' },
      body: '{"limit":1}',
    });
    expect(res.status).toBe(200);
    expect(await serve.stop()).toBe(0);
    expect(totalAcked).toBeGreaterThan(1000);
  });
});
