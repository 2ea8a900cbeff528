import { normalizeModelName } from '../../../shared/domain/model-name';
import { type ModelPrice, compilePriceMatch } from '../../../shared/domain/price';

/** The price editor's fields, as typed (rates are text until saved). */
export interface PriceFormValues {
  /** The user price being edited; null for a new one (the engine derives its id). */
  id: string | null;
  provider: string;
  model: string;
  match: string;
  inputPerMTok: string;
  outputPerMTok: string;
  cacheReadPerMTok: string;
  cacheWritePerMTok: string;
  reasoningPerMTok: string;
  effectiveFrom: string;
  note: string;
}

export type PriceFormField = Exclude<keyof PriceFormValues, 'id'>;
export type PriceFormErrors = Partial<Record<PriceFormField, string>>;

/** A price as `savePrices` takes it: no source (saved prices are the user's), no id for a new one. */
export type PriceEntry = Omit<ModelPrice, 'id' | 'source'> & { id?: string };

export const FREE_NOTE = 'free local model';

const REQUIRED_RATES = ['inputPerMTok', 'outputPerMTok'] as const;
const OPTIONAL_RATES = ['cacheReadPerMTok', 'cacheWritePerMTok', 'reasoningPerMTok'] as const;

/** Today as the engine dates prices: the UTC day, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function emptyPriceForm(today: string): PriceFormValues {
  return {
    id: null,
    provider: '',
    model: '',
    match: '',
    inputPerMTok: '',
    outputPerMTok: '',
    cacheReadPerMTok: '',
    cacheWritePerMTok: '',
    reasoningPerMTok: '',
    effectiveFrom: today,
    note: '',
  };
}

/**
 * The form for an existing price. A user price is edited in place (same id); a built-in one cannot
 * change, so its form creates a user price with the same provider, match and date, which then wins.
 */
export function priceToForm(price: ModelPrice): PriceFormValues {
  return {
    id: price.source === 'user' ? price.id : null,
    provider: price.provider,
    model: price.model,
    match: price.match,
    inputPerMTok: rateText(price.inputPerMTok),
    outputPerMTok: rateText(price.outputPerMTok),
    cacheReadPerMTok: rateText(price.cacheReadPerMTok),
    cacheWritePerMTok: rateText(price.cacheWritePerMTok),
    reasoningPerMTok: rateText(price.reasoningPerMTok),
    effectiveFrom: price.effectiveFrom,
    note: price.note ?? '',
  };
}

/** A new price for a model seen in a run: its name, its provider, and a pattern that matches exactly it. */
export function draftForModel(model: string, provider: string | null, today: string): PriceFormValues {
  return { ...emptyPriceForm(today), model: model.trim(), provider: provider ?? '', match: modelMatchPattern(model) };
}

/** The form with every rate 0: a model that costs nothing (e.g. one served locally), not an unpriced one. */
export function markAsFree(values: PriceFormValues): PriceFormValues {
  return {
    ...values,
    inputPerMTok: '0',
    outputPerMTok: '0',
    cacheReadPerMTok: '',
    cacheWritePerMTok: '',
    reasoningPerMTok: '',
    note: values.note.trim() === '' ? FREE_NOTE : values.note,
  };
}

/** Regex special characters, escaped so a model name matches itself literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * A match pattern for exactly this model. The matcher tests patterns against the name with routing
 * prefixes taken off and lower-cased (`openai/GPT-4o` → `gpt-4o`), so the pattern is built from that.
 */
export function modelMatchPattern(model: string): string {
  return escapeRegExp(matchableModelName(model));
}

/** The model name as the matcher sees it: routing prefixes and Bedrock region/vendor taken off, lower-cased. */
export function matchableModelName(model: string): string {
  return normalizeModelName(model).model;
}

/** Whether `match` (anchored, case-insensitive) accepts the model; null when the pattern is invalid or empty. */
export function patternMatchesModel(match: string, model: string): boolean | null {
  if (match.trim() === '' || model.trim() === '') return null;
  try {
    return compilePriceMatch(match.trim()).test(matchableModelName(model));
  } catch {
    return null;
  }
}

/** Validates the form and converts it to the entry `savePrices` takes. Errors are per field. */
export function formToPrice(
  values: PriceFormValues,
): { entry: PriceEntry; errors: null } | { entry: null; errors: PriceFormErrors } {
  const errors: PriceFormErrors = {};
  const model = values.model.trim();
  const match = values.match.trim();
  if (model === '') errors.model = 'Enter the model name';
  if (match === '') errors.match = 'Enter a pattern';
  else {
    try {
      compilePriceMatch(match);
    } catch (e) {
      errors.match = `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const rates: Partial<Record<(typeof REQUIRED_RATES)[number] | (typeof OPTIONAL_RATES)[number], number>> = {};
  for (const field of REQUIRED_RATES) {
    const rate = parseRate(values[field]);
    if (rate === null || rate === 'blank') errors[field] = 'Enter a price ≥ 0';
    else rates[field] = rate;
  }
  for (const field of OPTIONAL_RATES) {
    const rate = parseRate(values[field]);
    if (rate === null) errors[field] = 'Enter a price ≥ 0, or leave empty';
    else if (rate !== 'blank') rates[field] = rate;
  }
  const effectiveFrom = values.effectiveFrom.trim();
  if (!isIsoDate(effectiveFrom)) errors.effectiveFrom = 'Enter a date (YYYY-MM-DD)';
  if (Object.keys(errors).length > 0) return { entry: null, errors };

  const entry: PriceEntry = {
    provider: values.provider.trim().toLowerCase(),
    model,
    match,
    inputPerMTok: rates.inputPerMTok!,
    outputPerMTok: rates.outputPerMTok!,
    effectiveFrom,
  };
  if (values.id !== null) entry.id = values.id;
  if (rates.cacheReadPerMTok !== undefined) entry.cacheReadPerMTok = rates.cacheReadPerMTok;
  if (rates.cacheWritePerMTok !== undefined) entry.cacheWritePerMTok = rates.cacheWritePerMTok;
  if (rates.reasoningPerMTok !== undefined) entry.reasoningPerMTok = rates.reasoningPerMTok;
  const note = values.note.trim();
  if (note !== '') entry.note = note;
  return { entry, errors: null };
}

/** A rate as typed: "0.15", "$2.50", "1,000" → number; "" → 'blank'; anything else (or < 0) → null. */
export function parseRate(text: string): number | 'blank' | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '').trim();
  if (cleaned === '') return 'blank';
  if (!/^\d*\.?\d+(?:e[-+]?\d+)?$/i.test(cleaned) && !/^\d+\.$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function rateText(rate: number | undefined): string {
  return rate === undefined ? '' : String(rate);
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
