import type { ModelPrice } from '../../../shared/domain/price';

/** One line of the price table. */
export interface PriceRow {
  price: ModelPrice;
  /** A built-in price shadowed by a user price with the same match (user prices always win). */
  overridden: boolean;
}

/** The user's prices first (they win), then the built-in table in its own order, with overrides marked. */
export function buildPriceRows(builtin: readonly ModelPrice[], user: readonly ModelPrice[]): PriceRow[] {
  const overrides = new Set(user.map((p) => overrideKey(p.provider, p.match)));
  const anyProviderOverrides = new Set(user.filter((p) => p.provider === '').map((p) => normalizeMatch(p.match)));
  const userRows = [...user]
    .sort(
      (a, b) =>
        a.provider.localeCompare(b.provider) ||
        a.model.localeCompare(b.model) ||
        b.effectiveFrom.localeCompare(a.effectiveFrom),
    )
    .map((price) => ({ price, overridden: false }));
  const builtinRows = builtin.map((price) => ({
    price,
    overridden:
      overrides.has(overrideKey(price.provider, price.match)) || anyProviderOverrides.has(normalizeMatch(price.match)),
  }));
  return [...userRows, ...builtinRows];
}

/**
 * The rows whose provider, model, match, note or source contain every word of the query
 * (case-insensitive). "yours"/"user" and "built-in"/"builtin" also find prices by source.
 */
export function filterPriceRows(rows: readonly PriceRow[], query: string): readonly PriceRow[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const p = row.price;
    const sourceWords = p.source === 'user' ? 'user yours' : 'builtin built-in';
    const haystack = [p.provider, p.model, p.match, p.note ?? '', sourceWords, p.effectiveFrom]
      .join('\n')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

function normalizeMatch(match: string): string {
  return match.trim().toLowerCase();
}

function overrideKey(provider: string, match: string): string {
  return `${provider.trim().toLowerCase()}\n${normalizeMatch(match)}`;
}
