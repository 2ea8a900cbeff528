import { describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../../../../shared/domain/price';
import { exportPricesJson, readPriceImport, recostSummary } from '../../../../../renderer/src/settings/price-file';

const mine: ModelPrice[] = [
  {
    id: 'user:ollama/llama3.2@2025-01-01',
    provider: 'ollama',
    model: 'llama3.2',
    match: 'llama3\\.2(?::.+)?',
    inputPerMTok: 0,
    outputPerMTok: 0,
    effectiveFrom: '2025-01-01',
    source: 'user',
    note: 'free local model',
  },
  {
    id: 'user:*/acme-7b@2025-02-01',
    provider: '',
    model: 'acme-7b',
    match: 'acme-7b',
    inputPerMTok: 0.2,
    outputPerMTok: 0.8,
    cacheReadPerMTok: 0.05,
    effectiveFrom: '2025-02-01',
    source: 'user',
  },
];

describe('exportPricesJson / readPriceImport', () => {
  it('round-trips the user prices, ids included', () => {
    const text = exportPricesJson(mine, new Date('2026-01-01T00:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({ exportedBy: 'Loupe', exportedAt: '2026-01-01T00:00:00.000Z' });
    expect(readPriceImport(text)).toEqual({ prices: mine, errors: [] });
  });

  it('reads a bare array too', () => {
    expect(readPriceImport(JSON.stringify(mine)).prices).toEqual(mine);
  });

  it('returns the validator’s messages word for word', () => {
    const { prices, errors } = readPriceImport(
      JSON.stringify([{ model: 'x', match: 'x', inputPerMTok: -1, outputPerMTok: 1, effectiveFrom: '2025-01-01' }]),
    );
    expect(prices).toEqual([]);
    expect(errors).toEqual(['prices[0] (x): inputPerMTok must be a number ≥ 0 (got -1)']);
  });

  it('says when the file is not JSON or lists nothing', () => {
    expect(readPriceImport('{ nope').errors[0]).toMatch(/^not valid JSON: /);
    expect(readPriceImport('[]').errors).toEqual(['the file lists no prices']);
    expect(readPriceImport('{"prices": 3}').errors).toEqual([
      'expected an array of prices or an object with a "prices" array',
    ]);
  });
});

describe('recostSummary', () => {
  it('counts re-costed model calls and runs', () => {
    expect(recostSummary({ steps: 12, runs: 3 })).toBe('Re-costed 12 model calls in 3 runs.');
    expect(recostSummary({ steps: 1, runs: 1 })).toBe('Re-costed 1 model call in 1 run.');
    expect(recostSummary({ steps: 0, runs: 0 })).toBe('No stored run changed cost.');
  });
});
