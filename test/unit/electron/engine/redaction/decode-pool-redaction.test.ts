import { afterEach, describe, expect, it } from 'vitest';
import { DecodePool } from '../../../../../electron/engine/ingest/decode-pool';
import { SPAN } from '../../../../../electron/engine/store/insert-batch';

const j = (...parts: string[]): string => parts.join('');
const KEY = j('sk-ant-api03-', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');

/** An OTLP/JSON trace request with one span whose prompt holds a key. */
function payload(): Buffer {
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'ab'.repeat(16),
                  spanId: 'cd'.repeat(8),
                  name: 'chat',
                  kind: 3,
                  startTimeUnixNano: '1731622400000000000',
                  endTimeUnixNano: '1731622401000000000',
                  attributes: [
                    { key: 'gen_ai.prompt', value: { stringValue: `key ${KEY}` } },
                    { key: 'db.password', value: { stringValue: 'hunter2' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
  );
}

async function attributesOf(pool: DecodePool): Promise<unknown> {
  const decoded = await pool.decode('traces', payload(), 'json');
  return JSON.parse(decoded.rows.spanGroups[0]!.rows[0]![SPAN.attributesJson]);
}

const pools: DecodePool[] = [];
/** A worker that cannot start makes the pool decode inline: that must not pass for the worker case. */
const poolErrors: unknown[] = [];
const onError = (err: unknown): void => void poolErrors.push(err);
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  expect(poolErrors.splice(0)).toEqual([]);
});

for (const threads of [1, 0]) {
  describe(threads === 0 ? 'decoding inline' : 'decoding on a worker thread', () => {
    it('redacts with the settings it was given, and with new ones from the next payload on', async () => {
      const pool = new DecodePool(threads, onError);
      pools.push(pool);
      expect(await attributesOf(pool)).toEqual({
        'gen_ai.prompt': 'key [REDACTED:anthropic-key]',
        'db.password': '[REDACTED:password]',
      });

      pool.setRedaction({ enabled: false, userPatterns: [] });
      expect(await attributesOf(pool)).toEqual({ 'gen_ai.prompt': `key ${KEY}`, 'db.password': 'hunter2' });

      pool.setRedaction({ enabled: true, userPatterns: [{ name: 'word', pattern: '\\bkey\\b' }] });
      expect(await attributesOf(pool)).toEqual({
        'gen_ai.prompt': '[REDACTED:word] [REDACTED:anthropic-key]',
        'db.password': '[REDACTED:password]',
      });
    });

    it('starts with the stored settings', async () => {
      const pool = new DecodePool(threads, onError, {
        enabled: true,
        userPatterns: [{ name: 'greeting', pattern: '^key' }],
      });
      pools.push(pool);
      expect(await attributesOf(pool)).toEqual({
        'gen_ai.prompt': '[REDACTED:greeting] [REDACTED:anthropic-key]',
        'db.password': '[REDACTED:password]',
      });
    });
  });
}
