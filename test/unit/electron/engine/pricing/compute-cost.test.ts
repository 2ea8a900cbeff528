import { describe, expect, it } from 'vitest';
import type { ModelPrice, TokenUsage } from '../../../../../shared/domain/price';
import { computeCost } from '../../../../../electron/engine/pricing/compute-cost';

function price(rates: Partial<ModelPrice>): ModelPrice {
  return {
    id: 'user:test',
    provider: '',
    model: 'test',
    match: 'test',
    inputPerMTok: 0,
    outputPerMTok: 0,
    effectiveFrom: '2024-01-01',
    source: 'user',
    ...rates,
  };
}

function usage(u: Partial<TokenUsage>): TokenUsage {
  return { input: null, output: null, cacheRead: null, cacheWrite: null, reasoning: null, ...u };
}

// Claude Sonnet 4.5 list prices: $3 in, $15 out, $0.30 cache read, $3.75 cache write.
const sonnet = price({ inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 });

describe('computeCost', () => {
  it('bills plain input and output', () => {
    // 1,000 × $3 + 500 × $15 = 3,000 + 7,500 = 10,500 µ$ → $0.0105
    expect(computeCost(sonnet, usage({ input: 1000, output: 500 }))).toBeCloseTo(0.0105, 12);
  });

  it('bills cache reads and writes out of an inclusive input count', () => {
    // input 10,000 = 2,000 uncached + 6,000 read + 2,000 written; output 1,000
    // 2,000 × 3 + 6,000 × 0.30 + 2,000 × 3.75 + 1,000 × 15 = 6,000 + 1,800 + 7,500 + 15,000 = 30,300 µ$
    const cost = computeCost(sonnet, usage({ input: 10_000, cacheRead: 6000, cacheWrite: 2000, output: 1000 }));
    expect(cost).toBeCloseTo(0.0303, 12);
  });

  it('reads input as exclusive of the cache when the cache counts exceed it (Vercel ≤v5, Langfuse)', () => {
    // input 2,000 uncached + 6,000 read + 2,000 written: the same call as above, reported exclusively
    const cost = computeCost(sonnet, usage({ input: 2000, cacheRead: 6000, cacheWrite: 2000, output: 1000 }));
    expect(cost).toBeCloseTo(0.0303, 12);
  });

  it('bills cached tokens at the input price when no cache price is set', () => {
    // gpt-4o-2024-05-13: $5 / $15, no cached price. 600 × 5 + 400 × 5 + 100 × 15 = 6,500 µ$
    const p = price({ inputPerMTok: 5, outputPerMTok: 15 });
    expect(computeCost(p, usage({ input: 1000, cacheRead: 400, output: 100 }))).toBeCloseTo(0.0065, 12);
  });

  it('keeps reasoning inside output at the output price', () => {
    // o3: $2 / $8. 1,000 × 2 + 3,000 × 8 (2,000 of it reasoning) = 2,000 + 24,000 = 26,000 µ$
    const o3 = price({ inputPerMTok: 2, outputPerMTok: 8 });
    expect(computeCost(o3, usage({ input: 1000, output: 3000, reasoning: 2000 }))).toBeCloseTo(0.026, 12);
    // Reported exclusively (reasoning > output): 1,000 + 2,000 output tokens in all, same cost.
    expect(computeCost(o3, usage({ input: 1000, output: 1000, reasoning: 2000 }))).toBeCloseTo(0.026, 12);
  });

  it('bills reasoning at its own price when one is set, and the rest of output at the output price', () => {
    // $1 in, $4 out, $10 reasoning: 1,000 × 1 + (3,000 − 2,000) × 4 + 2,000 × 10 = 1,000 + 4,000 + 20,000 µ$
    const p = price({ inputPerMTok: 1, outputPerMTok: 4, reasoningPerMTok: 10 });
    expect(computeCost(p, usage({ input: 1000, output: 3000, reasoning: 2000 }))).toBeCloseTo(0.025, 12);
  });

  it('bills an embedding call, which reports input only', () => {
    // text-embedding-3-small: $0.02 per million
    expect(computeCost(price({ inputPerMTok: 0.02 }), usage({ input: 1_000_000 }))).toBeCloseTo(0.02, 12);
  });

  it('counts a missing side as 0 when the other side is known', () => {
    expect(computeCost(sonnet, usage({ output: 1000 }))).toBeCloseTo(0.015, 12);
    expect(computeCost(sonnet, usage({ input: 0, output: 0 }))).toBe(0);
  });

  it('never turns unknown usage into $0', () => {
    expect(computeCost(sonnet, usage({}))).toBeNull();
    expect(computeCost(sonnet, usage({ cacheRead: 100, reasoning: 5 }))).toBeNull();
    expect(computeCost(sonnet, usage({ input: -5 }))).toBeNull();
    expect(computeCost(sonnet, usage({ input: Number.NaN, output: Number.POSITIVE_INFINITY }))).toBeNull();
  });

  it('prices a free model at 0 even without usage', () => {
    const free = price({ note: 'free' });
    expect(computeCost(free, usage({}))).toBe(0);
    expect(computeCost(free, usage({ input: 1e9, output: 1e9 }))).toBe(0);
  });
});
