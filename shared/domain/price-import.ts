import { type ModelPrice, compilePriceMatch } from './price';

/**
 * Validates a bulk price import (JSON already parsed). Accepts an array of prices or an object with
 * a `prices` array (the export format). Each entry needs `model`, `match`, `inputPerMTok`,
 * `outputPerMTok` and `effectiveFrom`; `provider` defaults to '' (any provider); `id`s that start
 * with `user:` are kept, others are derived from provider, model and date. Every imported price
 * becomes a user price, whatever its `source` says. Unknown keys are ignored.
 *
 * An entry with any error is left out; the others are returned. Each error names the entry by its
 * index and model, e.g. `prices[2] (gpt-4o): inputPerMTok must be a number ≥ 0 (got -1)`.
 */
export function parsePriceImport(json: unknown): { prices: ModelPrice[]; errors: string[] } {
  const list = isRecord(json) ? json['prices'] : json;
  if (!Array.isArray(list)) {
    return { prices: [], errors: ['expected an array of prices or an object with a "prices" array'] };
  }
  const prices: ModelPrice[] = [];
  const errors: string[] = [];
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const label = `prices[${i}]${isRecord(entry) && typeof entry['model'] === 'string' ? ` (${entry['model']})` : ''}`;
    const problems: string[] = [];
    const price = readEntry(entry, problems);
    if (price !== null) {
      const key = `${price.provider}\n${price.match.toLowerCase()}\n${price.effectiveFrom}`;
      if (seenIds.has(price.id)) problems.push(`duplicate id ${price.id}`);
      else if (seenKeys.has(key)) problems.push('duplicates an earlier entry (same provider, match and effectiveFrom)');
      seenIds.add(price.id);
      seenKeys.add(key);
    }
    if (problems.length > 0 || price === null) {
      for (const p of problems) errors.push(`${label}: ${p}`);
      return;
    }
    prices.push(price);
  });
  return { prices, errors };
}

const MAX_TEXT = 500;
const PRICE_FIELDS = ['inputPerMTok', 'outputPerMTok'] as const;
const OPTIONAL_PRICE_FIELDS = ['cacheReadPerMTok', 'cacheWritePerMTok', 'reasoningPerMTok'] as const;

function readEntry(entry: unknown, problems: string[]): ModelPrice | null {
  if (!isRecord(entry)) {
    problems.push(`must be an object (got ${describe(entry)})`);
    return null;
  }
  const model = requiredText(entry, 'model', problems);
  const match = requiredText(entry, 'match', problems);
  if (match !== null) {
    try {
      compilePriceMatch(match);
    } catch (e) {
      problems.push(`match is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let provider = '';
  if (entry['provider'] !== undefined && entry['provider'] !== null) {
    if (typeof entry['provider'] !== 'string')
      problems.push(`provider must be a string (got ${describe(entry['provider'])})`);
    else provider = entry['provider'].trim().toLowerCase();
  }
  const rates: Partial<Record<(typeof PRICE_FIELDS)[number] | (typeof OPTIONAL_PRICE_FIELDS)[number], number>> = {};
  for (const field of PRICE_FIELDS) {
    if (entry[field] === undefined || entry[field] === null) problems.push(`${field} is missing`);
    else {
      const v = rate(entry, field, problems);
      if (v !== null) rates[field] = v;
    }
  }
  for (const field of OPTIONAL_PRICE_FIELDS) {
    if (entry[field] === undefined || entry[field] === null) continue;
    const v = rate(entry, field, problems);
    if (v !== null) rates[field] = v;
  }
  const effectiveFrom = requiredText(entry, 'effectiveFrom', problems);
  if (effectiveFrom !== null && !isIsoDate(effectiveFrom)) {
    problems.push(`effectiveFrom must be a date YYYY-MM-DD (got ${JSON.stringify(effectiveFrom)})`);
  }
  let note: string | undefined;
  if (entry['note'] !== undefined && entry['note'] !== null) {
    if (typeof entry['note'] !== 'string') problems.push(`note must be a string (got ${describe(entry['note'])})`);
    else note = entry['note'];
  }
  if (entry['id'] !== undefined && entry['id'] !== null && typeof entry['id'] !== 'string') {
    problems.push(`id must be a string (got ${describe(entry['id'])})`);
  }
  if (problems.length > 0 || model === null || match === null || effectiveFrom === null) return null;
  const givenId = typeof entry['id'] === 'string' ? entry['id'].trim() : '';
  const id = givenId.startsWith('user:') ? givenId : `user:${provider || '*'}/${model}@${effectiveFrom}`;
  const price: ModelPrice = {
    id,
    provider,
    model,
    match,
    inputPerMTok: rates.inputPerMTok!,
    outputPerMTok: rates.outputPerMTok!,
    effectiveFrom,
    source: 'user',
  };
  if (rates.cacheReadPerMTok !== undefined) price.cacheReadPerMTok = rates.cacheReadPerMTok;
  if (rates.cacheWritePerMTok !== undefined) price.cacheWritePerMTok = rates.cacheWritePerMTok;
  if (rates.reasoningPerMTok !== undefined) price.reasoningPerMTok = rates.reasoningPerMTok;
  if (note !== undefined) price.note = note;
  return price;
}

function requiredText(entry: Record<string, unknown>, field: string, problems: string[]): string | null {
  const v = entry[field];
  if (v === undefined || v === null) {
    problems.push(`${field} is missing`);
    return null;
  }
  if (typeof v !== 'string') {
    problems.push(`${field} must be a string (got ${describe(v)})`);
    return null;
  }
  const text = v.trim();
  if (text === '') {
    problems.push(`${field} must not be empty`);
    return null;
  }
  if (text.length > MAX_TEXT) {
    problems.push(`${field} is longer than ${MAX_TEXT} characters`);
    return null;
  }
  return text;
}

function rate(entry: Record<string, unknown>, field: string, problems: string[]): number | null {
  const v = entry[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    problems.push(`${field} must be a number ≥ 0 (got ${describe(v)})`);
    return null;
  }
  return v;
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}
