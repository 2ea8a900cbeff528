import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../../../../renderer/src/common/format-percent';

describe('formatPercent', () => {
  it('gives small rates the digits they need', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0005)).toBe('0.05%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.02)).toBe('2%');
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('never shows a non-zero rate as 0% or a partial one as 100%', () => {
    expect(formatPercent(0.00001)).toBe('< 0.01%');
    expect(formatPercent(0.9999)).toBe('> 99%');
  });

  it('shows "—" when there is no rate', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});
