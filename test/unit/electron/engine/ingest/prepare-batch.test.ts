import { expect, it } from 'vitest';
import { prepareBatch } from '../../../../../electron/engine/ingest/prepare-batch';
import { emptyResource, emptyScope } from '../../../../../electron/engine/otlp/model';
import { decodedSpan } from '../../../../helpers/decoded-span';

it('keeps valid spans, counts the rejected with reasons, and reads an all-zero parent as a root', () => {
  const T = 'ab'.repeat(16);
  const prepared = prepareBatch({
    traces: {
      groups: [
        {
          resource: emptyResource(),
          scope: emptyScope(),
          items: [
            decodedSpan({ traceId: T, spanId: '01'.repeat(8), parentSpanId: '0'.repeat(16) }),
            decodedSpan({ traceId: T, spanId: '02'.repeat(8), startNs: 5n, endNs: 4n }),
            decodedSpan({ traceId: 'zz', spanId: '03'.repeat(8) }),
          ],
        },
      ],
      warnings: ['w'],
    },
  });
  expect(prepared.batch.spanGroups[0]!.items.map((s) => [s.spanId, s.parentSpanId])).toEqual([['01'.repeat(8), '']]);
  expect(prepared.rejected).toBe(2);
  expect(prepared.reasons).toEqual([
    'endTimeUnixNano is before startTimeUnixNano',
    'traceId must be 16 bytes (got 1 bytes)',
  ]);
  expect(prepared.warnings).toEqual(['w']);
});
