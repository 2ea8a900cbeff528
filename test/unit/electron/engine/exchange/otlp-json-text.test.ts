import { describe, expect, it } from 'vitest';
import type { Attributes } from '../../../../../shared/domain/attributes';
import { anyValueJson, keyValuesJson, logJson, spanJson } from '../../../../../electron/engine/exchange/otlp-json-text';
import { decodeLogsJson, decodeTracesJson } from '../../../../../electron/engine/otlp/decode-json';

/** Every form of the lossless attribute value (shared/domain/attributes.ts). */
const ALL: Attributes = {
  string: 'héllo — 你好 "quoted" \u2028',
  empty: '',
  true: true,
  false: false,
  int: 42,
  negative: -7,
  zero: 0,
  big: { $int: '9007199254740993' },
  minInt64: { $int: '-9223372036854775808' },
  double: 3.14159,
  integralDouble: { $double: 1 },
  hugeDouble: { $double: 1e300 },
  nan: { $double: 'NaN' },
  inf: { $double: 'Infinity' },
  negInf: { $double: '-Infinity' },
  bytes: { $bytes: 'AAEC/w==' },
  emptyValue: null,
  array: ['a', 1, 2.5, true, null, [{ $int: '18446744073709551615' }]],
  emptyArray: [],
  kv: { $kv: { nested: { $kv: { deep: 'x', n: { $double: 2 } } }, list: [1, 2] } },
};
Object.defineProperty(ALL, '__proto__', {
  value: 'kept as a key',
  enumerable: true,
  writable: true,
  configurable: true,
});

function span(attributesJson: string) {
  return {
    traceId: 'ab'.repeat(16),
    spanId: 'cd'.repeat(8),
    parentSpanId: 'ef'.repeat(8),
    traceState: 'k=v',
    flags: 257,
    name: 'n',
    kind: 3,
    startNs: '1731622400123456789',
    endNs: '18446744073709551615',
    statusCode: 2,
    statusMessage: 'boom',
    attributesJson,
    droppedAttributesCount: 1,
    eventsJson: JSON.stringify([
      { timeNs: '1731622400123456790', name: 'e', attributes: { a: 1 }, droppedAttributesCount: 2 },
    ]),
    droppedEventsCount: 3,
    linksJson: JSON.stringify([
      {
        traceId: '01'.repeat(16),
        spanId: '02'.repeat(8),
        traceState: 's',
        attributes: {},
        droppedAttributesCount: 4,
        flags: 1,
      },
    ]),
    droppedLinksCount: 5,
  };
}

describe('stored values → OTLP JSON', () => {
  it('AnyValue forms: ints as decimal strings, doubles, non-finite as strings, bytes, kvlist, empty', () => {
    expect(anyValueJson(42)).toBe('{"intValue":"42"}');
    expect(anyValueJson({ $int: '9007199254740993' })).toBe('{"intValue":"9007199254740993"}');
    expect(anyValueJson(0.5)).toBe('{"doubleValue":0.5}');
    expect(anyValueJson({ $double: 1 })).toBe('{"doubleValue":1}');
    expect(anyValueJson({ $double: 'NaN' })).toBe('{"doubleValue":"NaN"}');
    expect(anyValueJson({ $bytes: 'AAE=' })).toBe('{"bytesValue":"AAE="}');
    expect(anyValueJson(null)).toBe('{}');
    expect(anyValueJson({ $kv: { a: true } })).toBe(
      '{"kvlistValue":{"values":[{"key":"a","value":{"boolValue":true}}]}}',
    );
    expect(anyValueJson([])).toBe('{"arrayValue":{"values":[]}}');
  });

  it('every attribute form reads back identically (via the engine OTLP JSON decoder)', () => {
    const text = spanJson(span(JSON.stringify(ALL)));
    const decoded = decodeTracesJson(`{"resourceSpans":[{"scopeSpans":[{"spans":[${text}]}]}]}`);
    const s = decoded.groups[0]!.items[0]!;
    expect(JSON.stringify(s.attributes)).toBe(JSON.stringify(ALL));
    expect(Object.keys(s.attributes)).toContain('__proto__');
    expect(s).toMatchObject({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      parentSpanId: 'ef'.repeat(8),
      traceState: 'k=v',
      flags: 257,
      kind: 3,
      startNs: 1731622400123456789n,
      endNs: 18446744073709551615n,
      statusCode: 2,
      statusMessage: 'boom',
      droppedAttributesCount: 1,
      droppedEventsCount: 3,
      droppedLinksCount: 5,
      events: [{ timeNs: 1731622400123456790n, name: 'e', attributes: { a: 1 }, droppedAttributesCount: 2 }],
      links: [
        { traceId: '01'.repeat(16), spanId: '02'.repeat(8), traceState: 's', droppedAttributesCount: 4, flags: 1 },
      ],
    });
    expect(decoded.warnings).toEqual([]);
  });

  it('log records read back identically', () => {
    const text = logJson({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      timeNs: '1731622400123456789',
      observedTimeNs: '1731622400123456790',
      severityNumber: 9,
      severityText: 'INFO',
      eventName: 'gen_ai.user.message',
      bodyJson: JSON.stringify({ $kv: { content: 'hi' } }),
      attributesJson: JSON.stringify({ 'gen_ai.system': 'openai' }),
      droppedAttributesCount: 0,
      flags: 1,
    });
    const l = decodeLogsJson(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[${text}]}]}]}`).groups[0]!.items[0]!;
    expect(l).toEqual({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      timeNs: 1731622400123456789n,
      observedTimeNs: 1731622400123456790n,
      severityNumber: 9,
      severityText: 'INFO',
      eventName: 'gen_ai.user.message',
      body: { $kv: { content: 'hi' } },
      attributes: { 'gen_ai.system': 'openai' },
      droppedAttributesCount: 0,
      flags: 1,
    });
  });

  it('key/value lists keep their order', () => {
    expect(keyValuesJson({ b: 1, a: 2 })).toBe(
      '[{"key":"b","value":{"intValue":"1"}},{"key":"a","value":{"intValue":"2"}}]',
    );
  });
});
