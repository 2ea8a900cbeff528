import { describe, expect, it } from 'vitest';
import { parsePriceImport } from '../../../../shared/domain/price-import';

const valid = {
  model: 'my-model',
  match: 'my-model(?:-\\d+)?',
  inputPerMTok: 1.5,
  outputPerMTok: 6,
  effectiveFrom: '2025-01-01',
};

describe('parsePriceImport', () => {
  it('accepts an array or an export object, and makes every entry a user price', () => {
    const fromArray = parsePriceImport([valid]);
    expect(fromArray.errors).toEqual([]);
    expect(fromArray.prices).toEqual([
      {
        id: 'user:*/my-model@2025-01-01',
        provider: '',
        model: 'my-model',
        match: 'my-model(?:-\\d+)?',
        inputPerMTok: 1.5,
        outputPerMTok: 6,
        effectiveFrom: '2025-01-01',
        source: 'user',
      },
    ]);
    expect(parsePriceImport({ version: 1, prices: [valid] })).toEqual(fromArray);
  });

  it('keeps optional prices, notes and user ids; ignores unknown keys; forces source user', () => {
    const { prices, errors } = parsePriceImport([
      {
        ...valid,
        id: 'user:abc',
        provider: ' Ollama ',
        inputPerMTok: 0,
        outputPerMTok: 0,
        cacheReadPerMTok: 0,
        cacheWritePerMTok: 0,
        reasoningPerMTok: 0,
        note: 'free',
        source: 'builtin',
        colour: 'blue',
      },
      { ...valid, id: 'builtin:openai/gpt-4o@2024-05-13', model: 'other', effectiveFrom: '2024-05-13' },
    ]);
    expect(errors).toEqual([]);
    expect(prices[0]).toEqual({
      id: 'user:abc',
      provider: 'ollama',
      model: 'my-model',
      match: valid.match,
      inputPerMTok: 0,
      outputPerMTok: 0,
      cacheReadPerMTok: 0,
      cacheWritePerMTok: 0,
      reasoningPerMTok: 0,
      effectiveFrom: '2025-01-01',
      source: 'user',
      note: 'free',
    });
    expect(prices[1]!.id).toBe('user:*/other@2024-05-13');
  });

  it('rejects what is not a list of prices', () => {
    for (const json of [null, 'prices', 42, { prices: 'x' }, {}]) {
      expect(parsePriceImport(json)).toEqual({
        prices: [],
        errors: ['expected an array of prices or an object with a "prices" array'],
      });
    }
  });

  it('names each bad entry and every problem with it, and keeps the good ones', () => {
    const { prices, errors } = parsePriceImport([
      valid,
      'gpt-4o',
      { ...valid, model: 'neg', inputPerMTok: -1 },
      { ...valid, model: 'text', outputPerMTok: '2.5' },
      { ...valid, model: 'regex', match: 'gpt-4o(' },
      { match: 'x', inputPerMTok: 1 },
      { ...valid, model: 'date', effectiveFrom: '2024-02-30' },
      { ...valid, model: 'slashes', effectiveFrom: '2024/01/01' },
      { ...valid, model: 'cache', cacheReadPerMTok: Number.POSITIVE_INFINITY },
      { ...valid, model: 'empty', match: '   ' },
      { ...valid, model: 'provider', provider: 7 },
    ]);
    expect(prices.map((p) => p.model)).toEqual(['my-model']);
    expect(errors[0]).toBe('prices[1]: must be an object (got "gpt-4o")');
    expect(errors[1]).toBe('prices[2] (neg): inputPerMTok must be a number ≥ 0 (got -1)');
    expect(errors[2]).toBe('prices[3] (text): outputPerMTok must be a number ≥ 0 (got "2.5")');
    expect(errors[3]).toMatch(/^prices\[4\] \(regex\): match is not a valid regular expression: /);
    expect(errors.slice(4, 7)).toEqual([
      'prices[5]: model is missing',
      'prices[5]: outputPerMTok is missing',
      'prices[5]: effectiveFrom is missing',
    ]);
    expect(errors.slice(7)).toEqual([
      'prices[6] (date): effectiveFrom must be a date YYYY-MM-DD (got "2024-02-30")',
      'prices[7] (slashes): effectiveFrom must be a date YYYY-MM-DD (got "2024/01/01")',
      'prices[8] (cache): cacheReadPerMTok must be a number ≥ 0 (got Infinity)',
      'prices[9] (empty): match must not be empty',
      'prices[10] (provider): provider must be a string (got 7)',
    ]);
  });

  it('rejects duplicates of an earlier entry', () => {
    const { prices, errors } = parsePriceImport([
      { ...valid, id: 'user:1' },
      { ...valid, id: 'user:1', match: 'other' },
      { ...valid, id: 'user:2', match: 'MY-MODEL(?:-\\d+)?' },
      { ...valid, id: 'user:3', effectiveFrom: '2025-06-01' },
    ]);
    expect(prices.map((p) => p.id)).toEqual(['user:1', 'user:3']);
    expect(errors).toEqual([
      'prices[1] (my-model): duplicate id user:1',
      'prices[2] (my-model): duplicates an earlier entry (same provider, match and effectiveFrom)',
    ]);
  });
});
