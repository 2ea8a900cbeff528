import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t.stop();
});

/** Built as text: JSON.stringify itself cannot nest this deep. */
function nested(depth: number): string {
  return '{"arrayValue":{"values":['.repeat(depth) + '{"stringValue":"bottom"}' + ']}}'.repeat(depth);
}

function body(depth: number): string {
  return JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: 'c3'.repeat(16),
                spanId: 'd4'.repeat(8),
                name: 'deep',
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
                attributes: [{ key: 'deep', value: '@VALUE@' }],
              },
            ],
          },
        ],
      },
    ],
  }).replace('"@VALUE@"', nested(depth));
}

it('attribute values nested 20,000 levels deep get 400 with a reason, and the engine keeps serving', async () => {
  const res = await fetch(`${t.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body(20_000),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { message: string }).message).toContain('nested deeper than 64 levels');
  const ok = await fetch(`${t.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body(10),
  });
  expect(ok.status).toBe(200);
});
