import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../shared/format/format-duration';

describe('formatDuration', () => {
  it('shows a dash for invalid input', () => {
    for (const ms of [NaN, Infinity, -Infinity, -1, -0.001]) expect(formatDuration(ms), String(ms)).toBe('—');
  });

  it('shows sub-millisecond durations in whole microseconds', () => {
    expect(formatDuration(0)).toBe('0 µs');
    expect(formatDuration(-0)).toBe('0 µs');
    expect(formatDuration(0.0004)).toBe('0 µs');
    expect(formatDuration(0.0005)).toBe('1 µs');
    expect(formatDuration(0.85)).toBe('850 µs');
    expect(formatDuration(0.9994)).toBe('999 µs');
  });

  it('shows one decimal below 100 ms, without a trailing .0', () => {
    expect(formatDuration(1)).toBe('1 ms');
    expect(formatDuration(1.04)).toBe('1 ms');
    expect(formatDuration(1.25)).toBe('1.3 ms');
    expect(formatDuration(12.34)).toBe('12.3 ms');
    expect(formatDuration(50)).toBe('50 ms');
    expect(formatDuration(99.94)).toBe('99.9 ms');
    expect(formatDuration(99.96)).toBe('100 ms');
  });

  it('shows whole milliseconds from 100 ms to 1 s', () => {
    expect(formatDuration(100)).toBe('100 ms');
    expect(formatDuration(123.4)).toBe('123 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
  });

  it('shows seconds with two decimals below 10 s and one below 60 s, trimmed', () => {
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(4560)).toBe('4.56 s');
    expect(formatDuration(9994)).toBe('9.99 s');
    expect(formatDuration(9996)).toBe('10 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
  });

  it('does not trim zeros from whole numbers', () => {
    expect(formatDuration(10)).toBe('10 ms');
    expect(formatDuration(20_000)).toBe('20 s');
    expect(formatDuration(0.1)).toBe('100 µs');
  });

  it('shows minutes and zero-padded seconds below an hour', () => {
    expect(formatDuration(60_000)).toBe('1 m 00 s');
    expect(formatDuration(185_000)).toBe('3 m 05 s');
    expect(formatDuration(185_400)).toBe('3 m 05 s');
    expect(formatDuration(185_500)).toBe('3 m 06 s');
    expect(formatDuration(3_599_000)).toBe('59 m 59 s');
  });

  it('shows hours and zero-padded minutes from an hour on, dropping the seconds', () => {
    expect(formatDuration(3_600_000)).toBe('1 h 00 m');
    expect(formatDuration(3_659_999)).toBe('1 h 00 m');
    expect(formatDuration(3_660_000)).toBe('1 h 01 m');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 m');
    expect(formatDuration(100 * 3_600_000)).toBe('100 h 00 m');
  });

  // Values that round up to the next unit should read like that unit's boundary, never show a
  // count that the next unit exists for ("1000 µs", "60 s", "1 m 60 s").
  describe('rounding carries into the next unit', () => {
    it('seconds that round to 60 carry into the minutes', () => {
      expect(formatDuration(119_600)).toBe('2 m 00 s');
      expect(formatDuration(3_599_600)).toBe('1 h 00 m');
    });

    it('microseconds that round to 1000 read as 1 ms', () => {
      expect(formatDuration(0.9996)).toBe('1 ms');
    });

    it('milliseconds that round to 1000 read as 1 s', () => {
      expect(formatDuration(999.6)).toBe('1 s');
    });

    it('seconds that round to 60.0 read as 1 m 00 s', () => {
      expect(formatDuration(59_960)).toBe('1 m 00 s');
    });
  });
});
