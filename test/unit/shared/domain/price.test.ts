import { describe, expect, it } from 'vitest';
import { type ModelPrice, compilePriceMatch, isFreePrice } from '../../../../shared/domain/price';

describe('compilePriceMatch', () => {
  it('anchors the whole pattern, alternatives included, and ignores case', () => {
    const re = compilePriceMatch('gpt-4o|o1');
    expect(re.test('GPT-4o')).toBe(true);
    expect(re.test('o1')).toBe(true);
    expect(re.test('gpt-4o-mini')).toBe(false);
    expect(re.test('xo1')).toBe(false);
  });

  it('throws on a bad pattern', () => {
    expect(() => compilePriceMatch('gpt-4o(')).toThrow();
  });
});

describe('isFreePrice', () => {
  const base: ModelPrice = {
    id: 'user:x',
    provider: '',
    model: 'x',
    match: 'x',
    inputPerMTok: 0,
    outputPerMTok: 0,
    effectiveFrom: '2024-01-01',
    source: 'user',
  };
  it('is true only when every rate is 0', () => {
    expect(isFreePrice(base)).toBe(true);
    expect(isFreePrice({ ...base, outputPerMTok: 0.1 })).toBe(false);
    expect(isFreePrice({ ...base, cacheWritePerMTok: 1 })).toBe(false);
    expect(isFreePrice({ ...base, reasoningPerMTok: 1 })).toBe(false);
  });
});
