import { afterEach, beforeEach, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { toInsertBatch } from '../../../../../electron/engine/ingest/to-insert-batch';
import { emptyScope } from '../../../../../electron/engine/otlp/model';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { RunQueries } from '../../../../../electron/engine/store/run-queries';
import { SpanWriter } from '../../../../../electron/engine/store/span-writer';
import { decodedSpan } from '../../../../helpers/decoded-span';
import { makeTempDir } from '../../../../helpers/temp-dir';

const T = 'ef'.repeat(16);
let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

it('getRunSerialized encodes exactly what getRun returns', async () => {
  const writer = new SpanWriter(db);
  const resourceA = {
    attributes: { 'service.name': 'a', 'x.big': { $int: '9007199254740993' } },
    droppedAttributesCount: 1,
    schemaUrl: 's',
  };
  const resourceB = { attributes: { 'service.name': 'b' }, droppedAttributesCount: 0, schemaUrl: '' };
  const hostile = 'quote " backslash \\ newline \n tab \t </script> \u2028 \u0000 héllo 你好 🙂';
  await writer.write(
    toInsertBatch({
      spanGroups: [
        {
          resource: resourceA,
          scope: { ...emptyScope(), name: 'scope-a', version: '1' },
          items: [
            decodedSpan({
              traceId: T,
              spanId: '01'.repeat(8),
              name: hostile,
              traceState: 'k=v',
              statusCode: 2,
              statusMessage: hostile,
              startNs: 1731622400123456789n,
              endNs: 1731622400123456999n,
              attributes: { s: hostile, d: { $double: 1 }, arr: [1, 'a', true, null], kv: { $kv: { n: 1 } } },
              events: [{ timeNs: 1731622400123456800n, name: 'e', attributes: { k: 'v' }, droppedAttributesCount: 0 }],
              links: [
                {
                  traceId: 'aa'.repeat(16),
                  spanId: 'bb'.repeat(8),
                  traceState: '',
                  attributes: {},
                  droppedAttributesCount: 0,
                  flags: 1,
                },
              ],
            }),
          ],
        },
        {
          resource: resourceB,
          scope: emptyScope(),
          items: [decodedSpan({ traceId: T, spanId: '02'.repeat(8), parentSpanId: '01'.repeat(8) })],
        },
      ],
      logGroups: [
        {
          resource: resourceB,
          scope: emptyScope(),
          items: [
            {
              traceId: T,
              spanId: '02'.repeat(8),
              timeNs: 5n,
              observedTimeNs: 6n,
              severityNumber: 9,
              severityText: 'INFO',
              eventName: 'gen_ai.user.message',
              body: { $kv: { content: hostile } },
              attributes: {},
              droppedAttributesCount: 0,
              flags: 0,
            },
          ],
        },
      ],
      origin: 'live',
      source: null,
    }),
  );
  const q = new RunQueries(db);
  const plain = q.getRun(T)!;
  expect(plain.resources).toHaveLength(2);
  expect(plain.spans.find((s) => s.spanId === '01'.repeat(8))!.name).toBe(hostile);
  expect(JSON.parse(q.getRunSerialized(T)!.json)).toEqual(plain);
  expect(q.getRunSerialized('00'.repeat(16))).toBeNull();
});
