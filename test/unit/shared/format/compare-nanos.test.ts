import { describe, expect, it } from 'vitest';
import { compareNanos } from '../../../../shared/format/compare-nanos';

const sign = (a: string, b: string) => Math.sign(compareNanos(a, b));

describe('compareNanos', () => {
  it('orders like numbers for ordinary values', () => {
    expect(sign('1', '2')).toBe(-1);
    expect(sign('2', '1')).toBe(1);
    expect(sign('5', '5')).toBe(0);
  });

  it('orders by magnitude, not lexicographically, when lengths differ', () => {
    expect(sign('9', '10')).toBe(-1);
    expect(sign('100', '99')).toBe(1);
    expect(sign('999999999999999999', '1000000000000000000')).toBe(-1);
  });

  it('is exact beyond 2^53, where Number() cannot tell values apart', () => {
    const a = '9007199254740993'; // 2^53 + 1
    const b = '9007199254740992'; // 2^53
    expect(Number(a)).toBe(Number(b));
    expect(sign(a, b)).toBe(1);
    expect(sign(b, a)).toBe(-1);
    expect(sign('1700000000000000001', '1700000000000000000')).toBe(1);
    expect(sign('18446744073709551615', '18446744073709551614')).toBe(1); // uint64 max
    expect(sign('18446744073709551615', '18446744073709551615')).toBe(0);
  });

  it('ignores leading zeros', () => {
    expect(sign('0001', '1')).toBe(0);
    expect(sign('000', '0')).toBe(0);
    expect(sign('0', '00000')).toBe(0);
    expect(sign('0010', '9')).toBe(1);
    expect(sign('09', '10')).toBe(-1);
  });

  it('puts zero below everything else', () => {
    expect(sign('0', '1')).toBe(-1);
    expect(sign('1', '000')).toBe(1);
  });

  it('works as a sort comparator and agrees with BigInt ordering', () => {
    const values = [
      '1700000000000000002',
      '10',
      '9',
      '0',
      '1700000000000000001',
      '0009',
      '9007199254740993',
      '9007199254740992',
      '100',
    ];
    const sorted = [...values].sort(compareNanos);
    const byBigInt = [...values].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0));
    expect(sorted.map((v) => BigInt(v))).toEqual(byBigInt.map((v) => BigInt(v)));
  });

  it('is antisymmetric on random pairs', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const a = String(rand()) + String(rand());
      const b = String(rand()) + String(rand());
      const expected = BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
      expect(sign(a, b)).toBe(expected);
      expect(sign(b, a)).toBe(-expected || 0);
    }
  });
});
