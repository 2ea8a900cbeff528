import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../../shared/format/format-count';

describe('formatCount', () => {
  it('shows a dash for missing or non-finite values', () => {
    for (const n of [null, undefined, NaN, Infinity, -Infinity]) expect(formatCount(n), String(n)).toBe('—');
  });

  it('groups thousands with commas', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(1_234_567_890)).toBe('1,234,567,890');
  });

  it('rounds to a whole number', () => {
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatCount(1234.5)).toBe('1,235');
    expect(formatCount(0.4)).toBe('0');
    expect(formatCount(999.5)).toBe('1,000');
  });

  it('keeps the sign of negative counts', () => {
    expect(formatCount(-1)).toBe('-1');
    expect(formatCount(-12_345)).toBe('-12,345');
  });

  it('never shows a negative zero', () => {
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(-0.4)).toBe('0');
  });
});
