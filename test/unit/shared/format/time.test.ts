import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatClock, nanosDiffMs, nanosToEpochMs } from '../../../../shared/format/time';

describe('nanosToEpochMs', () => {
  it('converts exact nanoseconds to whole milliseconds, truncating', () => {
    expect(nanosToEpochMs('0')).toBe(0);
    expect(nanosToEpochMs('999999')).toBe(0);
    expect(nanosToEpochMs('1000000')).toBe(1);
    expect(nanosToEpochMs('1700000000123999999')).toBe(1_700_000_000_123);
  });

  it('is exact for timestamps beyond 2^53 ns', () => {
    // Number('1731622400123456789') would already have lost the low digits.
    expect(nanosToEpochMs('1731622400123456789')).toBe(1_731_622_400_123);
    expect(nanosToEpochMs('1731622400123999999')).toBe(1_731_622_400_123);
    expect(nanosToEpochMs('1731622400124000000')).toBe(1_731_622_400_124);
  });

  it('accepts leading zeros', () => {
    expect(nanosToEpochMs('0001000000')).toBe(1);
  });

  it('throws on a non-numeric string rather than returning garbage', () => {
    expect(() => nanosToEpochMs('12ab')).toThrow(SyntaxError);
  });
});

describe('nanosDiffMs', () => {
  it('returns the difference in (fractional) milliseconds', () => {
    expect(nanosDiffMs('0', '1000000')).toBe(1);
    expect(nanosDiffMs('1000000', '3500000')).toBe(2.5);
    expect(nanosDiffMs('5', '5')).toBe(0);
  });

  it('keeps single-nanosecond differences between timestamps beyond 2^53', () => {
    expect(nanosDiffMs('1700000000000000000', '1700000000000000001')).toBe(0.000001);
    expect(nanosDiffMs('9007199254740992', '9007199254740993')).toBe(0.000001);
    expect(nanosDiffMs('1700000000000000000', '1700000000123456789')).toBeCloseTo(123.456789, 9);
  });

  it('is negative when the end is before the start', () => {
    expect(nanosDiffMs('1700000000002000000', '1700000000000000000')).toBe(-2);
  });

  it('handles spans of days exactly enough', () => {
    expect(nanosDiffMs('1700000000000000000', '1700086400000000000')).toBe(86_400_000);
  });
});

describe('formatClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Local-time construction keeps these independent of the machine's time zone.
  const at = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) =>
    new Date(y, mo, d, h, mi, s, ms).getTime();

  it('shows a zero-padded time with milliseconds for today', () => {
    const now = at(2024, 10, 3, 18, 0, 0, 0);
    expect(formatClock(at(2024, 10, 3, 14, 3, 7, 123), now)).toBe('14:03:07.123');
    expect(formatClock(at(2024, 10, 3, 0, 0, 0, 5), now)).toBe('00:00:00.005');
    expect(formatClock(at(2024, 10, 3, 23, 59, 59, 999), now)).toBe('23:59:59.999');
  });

  it('shows month, day and minutes for any other day, including the future', () => {
    const now = at(2024, 10, 3, 18, 0, 0, 0);
    expect(formatClock(at(2024, 10, 2, 23, 59, 59, 999), now)).toBe('Nov 2 23:59');
    expect(formatClock(at(2024, 0, 9, 7, 5, 0, 0), now)).toBe('Jan 9 07:05');
    expect(formatClock(at(2024, 10, 4, 0, 0, 0, 0), now)).toBe('Nov 4 00:00');
  });

  it('treats the same date in another year as another day', () => {
    expect(formatClock(at(2023, 10, 3, 14, 3, 0, 0), at(2024, 10, 3, 14, 3, 0, 0))).toBe('Nov 3 14:03');
  });

  it('compares against the current time by default', () => {
    vi.useFakeTimers({ now: at(2024, 10, 3, 12, 0, 0, 0) });
    expect(formatClock(at(2024, 10, 3, 9, 8, 7, 6))).toBe('09:08:07.006');
    expect(formatClock(at(2024, 10, 1, 9, 8, 7, 6))).toBe('Nov 1 09:08');
  });
});
