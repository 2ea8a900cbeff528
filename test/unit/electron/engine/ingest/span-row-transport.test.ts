import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { decodePayload, type DecodedPayload } from '../../../../../electron/engine/ingest/decode-payload';
import {
  type PostedPayload,
  packSpanRows,
  packedTransferList,
  postablePayload,
  receivedPayload,
  unpackSpanRows,
} from '../../../../../electron/engine/ingest/span-row-transport';
import { defaultRedactor } from '../../../../../electron/engine/redaction/redactor';
import { SPAN, type SpanRow } from '../../../../../electron/engine/store/insert-batch';
import { makeGenAiSpans, serializeSpans } from '../../../../helpers/genai-spans';

/** Posts `message` through a real MessageChannel, transferring `transfer`, and returns what arrives. */
function throughChannel<T>(message: T, transfer: ArrayBuffer[]): T {
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(message, transfer);
    return receiveMessageOnPort(port2)!.message as T;
  } finally {
    port1.close();
  }
}

function expectSameCells(actual: SpanRow[], expected: SpanRow[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, r) => {
    expect(row).toHaveLength(expected[r]!.length);
    // Object.is: -0 stays -0 and NaN stays NaN, which toEqual would let pass either way.
    row.forEach((cell, c) => expect(Object.is(cell, expected[r]![c]), `row ${r} cell ${c}`).toBe(true));
  });
}

/** A row of the right width whose cells are `cells`, then nulls. */
function rowOf(cells: unknown[], width: number): SpanRow {
  return [...cells, ...Array<null>(width - cells.length).fill(null)] as unknown as SpanRow;
}

describe('span row transport', () => {
  const decoded = decodePayload('traces', serializeSpans(makeGenAiSpans(64, 7)), 'protobuf', defaultRedactor());
  const width = decoded.rows.spanGroups[0]!.rows[0]!.length;

  it('brings a decoded payload across a MessageChannel unchanged, its row buffers transferred', () => {
    const before = structuredClone(decoded);
    const { message, transfer } = postablePayload(decoded);
    const arrived = receivedPayload(throughChannel(message, transfer));

    expect(arrived).toStrictEqual(before);
    expect(arrived.rows.spanGroups.flatMap((g) => g.rows)).toHaveLength(64);
    // Transferred, not copied: the sender's buffers are detached.
    expect(transfer.length).toBe(3);
    for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
    // The sender's payload is left as it was.
    expect(decoded).toStrictEqual(before);
  });

  it('sends each repeated short string once', () => {
    const rows = decoded.rows.spanGroups.flatMap((g) => g.rows);
    const packed = packSpanRows(rows);
    const traceIds = new Set(rows.map((r) => r[0]));
    expect(traceIds.size).toBeLessThan(rows.length);
    expect(packed.strings.filter((s) => traceIds.has(s))).toHaveLength(traceIds.size);
    expect(rows.filter((r) => r[SPAN.stepKind] === 'llm').length).toBeGreaterThan(1);
    expect(packed.strings.filter((s) => s === 'llm')).toHaveLength(1);
  });

  it('keeps every value exactly: signed zero, NaN, infinities, fractions, 64-bit times, long and odd strings', () => {
    const long = 'x'.repeat(65);
    const rows = [
      rowOf([-0, NaN, Infinity, -Infinity, 0.1, Number.MAX_SAFE_INTEGER, -7, 0n, (1n << 64n) - 1n], width),
      rowOf(['', long, long, '__proto__', 'héllo ✓ 𝄞', '\u0000', 'llm', 'llm', 123456789012345678n], width),
      // Bigints outside 0 … 2^64 − 1 cannot go in the unsigned array: they travel as they are.
      rowOf([-1n, 1n << 64n, 3], width),
    ];
    const packed = packSpanRows(rows);
    const arrived = unpackSpanRows(throughChannel(packed, packedTransferList(packed)));
    expectSameCells(arrived, rows);
    expect(packed.others).toEqual([-1n, 1n << 64n]);
  });

  it('carries rows with more bigints or numbers than a span row holds', () => {
    // Three times per row where span rows have two: the third of each row goes the other way.
    const times = [rowOf([1n, 2n, 3n], width), rowOf([4n, 5n, 6n], width), rowOf([7n, 8n, 9n], width)];
    const packedTimes = packSpanRows(times);
    expectSameCells(unpackSpanRows(throughChannel(packedTimes, packedTransferList(packedTimes))), times);
    // Every cell a number: more than the array made for span rows holds at first.
    const numbers = Array.from({ length: 40 }, (_, r) =>
      rowOf(
        Array.from({ length: width }, (_, c) => r * width + c + 0.5),
        width,
      ),
    );
    const packedNumbers = packSpanRows(numbers);
    expectSameCells(unpackSpanRows(throughChannel(packedNumbers, packedTransferList(packedNumbers))), numbers);
  });

  it('puts rows back in their groups, empty groups included', () => {
    const [group] = decoded.rows.spanGroups;
    const threeGroups: DecodedPayload = {
      ...decoded,
      rows: {
        ...decoded.rows,
        spanGroups: [
          { ...group!, rows: group!.rows.slice(0, 5) },
          { ...group!, rows: [] },
          { ...group!, rows: group!.rows.slice(5, 12) },
        ],
      },
    };
    const { message, transfer } = postablePayload(threeGroups);
    const arrived = receivedPayload(throughChannel(message, transfer));
    expect(arrived.rows.spanGroups.map((g) => g.rows.length)).toEqual([5, 0, 7]);
    expectSameCells(
      arrived.rows.spanGroups.flatMap((g) => g.rows),
      group!.rows.slice(0, 12),
    );
  });

  it('carries a payload without spans (a logs export)', () => {
    const empty: DecodedPayload = { ...decoded, rows: { ...decoded.rows, spanGroups: [] } };
    const { message, transfer } = postablePayload(empty);
    expect(receivedPayload(throughChannel<PostedPayload>(message, transfer))).toStrictEqual(empty);
  });

  it('refuses rows of different widths rather than shifting their cells', () => {
    expect(() => packSpanRows([rowOf([1], width), rowOf([1], width - 1)])).toThrow(/different widths/);
  });
});
