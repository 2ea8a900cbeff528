import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { makeGenAiSpans, serializeSpans } from '../helpers/genai-spans';

let t: TestEngine;
beforeAll(async () => {
  // A tiny budget (about two batches) so a burst of concurrent exports must be throttled.
  t = await startTestEngine({ maxInflightBytes: 150_000, maxQueuedItems: 256 });
});
afterAll(async () => {
  await t.stop();
});

it('a burst beyond capacity gets 503 with Retry-After, and every acknowledged span is stored', async () => {
  const batches = Array.from({ length: 40 }, (_, i) => {
    const spans = makeGenAiSpans(128, 7_000 + i);
    return {
      body: serializeSpans(spans),
      ids: spans.map((s) => `${s.spanContext().traceId}/${s.spanContext().spanId}`),
    };
  });
  const results = await Promise.all(
    batches.map(async (b) => {
      const res = await fetch(`${t.otlpHttpUrl}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf' },
        body: b.body,
      });
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.get('retry-after'), ids: b.ids };
    }),
  );
  const throttled = results.filter((r) => r.status === 503);
  const acked = results.filter((r) => r.status === 200);
  expect(throttled.length).toBeGreaterThan(0);
  expect(acked.length).toBeGreaterThan(0);
  expect(acked.length + throttled.length).toBe(results.length);
  for (const r of throttled) expect(r.retryAfter).toBe('1');

  const ackedTraces = new Set(acked.flatMap((r) => r.ids.map((id) => id.split('/')[0]!)));
  let stored = 0;
  for (const traceId of ackedTraces) {
    const { status, body } = await t.api('getRun', { traceId });
    expect(status).toBe(200);
    stored += (body as { spans: unknown[] }).spans.length;
  }
  expect(stored).toBe(acked.reduce((n, r) => n + r.ids.length, 0));
});
