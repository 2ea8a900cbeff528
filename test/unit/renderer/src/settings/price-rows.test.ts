import { describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../../../../shared/domain/price';
import { buildPriceRows, filterPriceRows } from '../../../../../renderer/src/settings/price-rows';
import { formatRate } from '../../../../../renderer/src/settings/format-rate';

function price(overrides: Partial<ModelPrice> & Pick<ModelPrice, 'id' | 'model'>): ModelPrice {
  return {
    provider: 'openai',
    match: overrides.model,
    inputPerMTok: 1,
    outputPerMTok: 2,
    effectiveFrom: '2025-01-01',
    source: 'builtin',
    ...overrides,
  };
}

const builtin = [
  price({ id: 'b1', model: 'gpt-4o', match: 'gpt-4o(?:-latest)?' }),
  price({ id: 'b2', model: 'gpt-4o-mini' }),
  price({ id: 'b3', model: 'claude-3-5-haiku', provider: 'anthropic' }),
  price({ id: 'b4', model: 'llama3.2', provider: 'ollama', inputPerMTok: 0, outputPerMTok: 0 }),
];

describe('buildPriceRows', () => {
  it('lists user prices first, then the built-in table in its order', () => {
    const user = [
      price({ id: 'u2', model: 'zeta', provider: 'acme', source: 'user' }),
      price({ id: 'u1', model: 'alpha', provider: 'acme', source: 'user' }),
    ];
    expect(buildPriceRows(builtin, user).map((r) => r.price.id)).toEqual(['u1', 'u2', 'b1', 'b2', 'b3', 'b4']);
  });

  it('marks the built-ins a user price with the same match overrides (same provider, or any provider)', () => {
    const user = [
      price({ id: 'u1', model: 'my gpt-4o', match: 'GPT-4o(?:-latest)?', source: 'user' }),
      price({ id: 'u2', model: 'haiku anywhere', provider: '', match: 'claude-3-5-haiku', source: 'user' }),
      price({ id: 'u3', model: 'mini elsewhere', provider: 'azure.ai.openai', match: 'gpt-4o-mini', source: 'user' }),
    ];
    const overridden = buildPriceRows(builtin, user)
      .filter((r) => r.overridden)
      .map((r) => r.price.id);
    expect(overridden).toEqual(['b1', 'b3']);
  });
});

describe('filterPriceRows', () => {
  const rows = buildPriceRows(builtin, [
    price({ id: 'u1', model: 'acme-7b', provider: 'acme', source: 'user', note: 'free local model' }),
  ]);
  const ids = (query: string) => filterPriceRows(rows, query).map((r) => r.price.id);

  it('keeps everything for an empty query', () => {
    expect(filterPriceRows(rows, '  ')).toBe(rows);
  });

  it('needs every word, in any field, any case', () => {
    expect(ids('GPT-4O')).toEqual(['b1', 'b2']);
    expect(ids('gpt mini')).toEqual(['b2']);
    expect(ids('anthropic')).toEqual(['b3']);
    expect(ids('local')).toEqual(['u1']);
    expect(ids('nothing-like-this')).toEqual([]);
  });

  it('finds prices by source', () => {
    expect(ids('yours')).toEqual(['u1']);
    expect(ids('built-in ollama')).toEqual(['b4']);
  });
});

describe('formatRate', () => {
  it('shows cents at least and up to six decimals', () => {
    expect(formatRate(2.5)).toBe('2.50');
    expect(formatRate(15)).toBe('15.00');
    expect(formatRate(0.075)).toBe('0.075');
    expect(formatRate(0.0375)).toBe('0.0375');
    expect(formatRate(1500)).toBe('1,500.00');
    expect(formatRate(0)).toBe('0');
  });
});
