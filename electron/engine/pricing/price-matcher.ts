import { type ModelPrice, ANY_PROVIDER, compilePriceMatch } from '../../../shared/domain/price';
import {
  inferProvider,
  isLocalProvider,
  normalizeModelName,
  normalizeProvider,
} from '../../../shared/domain/model-name';

export { computeCost } from './compute-cost';
export { inferProvider, normalizeModelName, normalizeProvider } from '../../../shared/domain/model-name';

export interface PriceQuery {
  /** The call's provider as reported (any spelling; null when unknown). */
  provider: string | null;
  /** The model name as reported (`gen_ai.response.model` first), prefixes and all. */
  model: string;
  /** When the call was made (ms since epoch); now when absent. */
  atMs?: number;
}

interface Entry {
  price: ModelPrice;
  /** The price's provider, normalized like the query's. */
  provider: string;
  re: RegExp;
  user: boolean;
  literalPrefix: number;
  wildcards: number;
  fromMs: number;
}

const DAY_MS = 86_400_000;
const MEMO_LIMIT = 10_000;

/**
 * Finds the price of a model call. The model name is normalized (`normalizeModelName`) and the
 * provider taken from the query, else from the name's prefix, else inferred from the model family.
 * A price is a candidate when its anchored, case-insensitive `match` accepts the normalized name and
 * its provider is compatible: '' and the same provider always are; a different provider is too
 * (Bedrock, Vertex, Azure and OpenRouter resell vendors' models) except that local runtimes
 * (ollama, lmstudio, llamacpp, vllm, localai) and cloud providers never price each other's calls.
 *
 * Among candidates, in order:
 * 1. user prices beat built-in ones, however specific the built-in pattern (Langfuse #2491);
 * 2. a price for the call's own provider beats one for any provider (''), which beats one for
 *    another provider;
 * 3. the more specific pattern wins: the longer literal prefix (characters before the first regex
 *    operator, the minimum over top-level alternatives), then the fewer wildcard tokens
 *    (`.`, classes, `\d`-style escapes, quantifiers, `|`);
 * 4. among the prices still tied, the one with the latest `effectiveFrom` on or before the call's
 *    day; if every one starts later, the earliest; a remaining tie goes to the first listed.
 *
 * Results are memoized per (provider, model, UTC day): after the first call a lookup is a Map hit.
 */
export class PriceMatcher {
  private readonly entries: Entry[];
  /** Answers by the query's provider, then its model, then the UTC day: lookups of strings already hashed. */
  private readonly memo = new Map<string, Map<string, Map<number, ModelPrice | null>>>();
  private memoSize = 0;

  constructor(builtin: readonly ModelPrice[], user: readonly ModelPrice[]) {
    this.entries = [...user.map((p) => compile(p, true)), ...builtin.map((p) => compile(p, false))].filter(
      (e): e is Entry => e !== null,
    );
  }

  find(q: PriceQuery): ModelPrice | null {
    const atMs = q.atMs !== undefined && Number.isFinite(q.atMs) ? q.atMs : Date.now();
    const day = Math.floor(atMs / DAY_MS);
    const provider = q.provider ?? '';
    let byModel = this.memo.get(provider);
    let byDay = byModel?.get(q.model);
    const hit = byDay?.get(day);
    if (hit !== undefined) return hit;
    const found = this.lookup(q, day * DAY_MS);
    if (this.memoSize >= MEMO_LIMIT) {
      this.memo.clear();
      this.memoSize = 0;
      byModel = undefined;
      byDay = undefined;
    }
    if (byModel === undefined) {
      byModel = new Map();
      this.memo.set(provider, byModel);
    }
    if (byDay === undefined) {
      byDay = new Map();
      byModel.set(q.model, byDay);
    }
    byDay.set(day, found);
    this.memoSize++;
    return found;
  }

  /** How many answers are remembered (bounded by MEMO_LIMIT; for tests). */
  rememberedAnswers(): number {
    return this.memoSize;
  }

  private lookup(q: PriceQuery, dayMs: number): ModelPrice | null {
    const name = normalizeModelName(q.model);
    if (name.model === '') return null;
    const provider = normalizeProvider(q.provider) ?? name.provider ?? inferProvider(name.model);
    let best: Entry[] = [];
    let bestRank: number[] = [];
    for (const e of this.entries) {
      const providerRank = providerFit(e.provider, provider);
      if (providerRank === null || !e.re.test(name.model)) continue;
      const rank = [e.user ? 0 : 1, providerRank, -e.literalPrefix, e.wildcards];
      const cmp = compareRanks(rank, bestRank);
      if (best.length === 0 || cmp < 0) {
        best = [e];
        bestRank = rank;
      } else if (cmp === 0) best.push(e);
    }
    if (best.length === 0) return null;
    let chosen: Entry | null = null;
    for (const e of best) {
      if (e.fromMs <= dayMs && (chosen === null || e.fromMs > chosen.fromMs)) chosen = e;
    }
    if (chosen === null) {
      for (const e of best) if (chosen === null || e.fromMs < chosen.fromMs) chosen = e;
    }
    return chosen!.price;
  }
}

/** 0: the price is for this provider; 1: for any provider; 2: for another provider; null: never applies. */
function providerFit(priceProvider: string, provider: string | null): number | null {
  if (priceProvider === provider) return 0;
  if (priceProvider === ANY_PROVIDER) return 1;
  if (isLocalProvider(priceProvider) || (provider !== null && isLocalProvider(provider))) return null;
  return 2;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function compile(price: ModelPrice, user: boolean): Entry | null {
  let re: RegExp;
  try {
    re = compilePriceMatch(price.match);
  } catch {
    return null; // validated on import; a bad pattern that slipped in simply never matches
  }
  const fromMs = Date.parse(`${price.effectiveFrom}T00:00:00Z`);
  return {
    price,
    provider: normalizeProvider(price.provider) ?? ANY_PROVIDER,
    re,
    user,
    ...patternSpecificity(price.match),
    fromMs: Number.isNaN(fromMs) ? 0 : fromMs,
  };
}

const OPERATORS = new Set(['.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|']);

/**
 * How specific a pattern is: `literalPrefix` counts the characters matched literally before the
 * first regex operator (an escaped punctuation character such as `\.` is literal; a literal followed
 * by `?`, `*` or `{` is not counted); with top-level alternatives, the smallest of theirs.
 * `wildcards` counts `.`, character classes, class escapes (`\d`…), quantifiers and `|`.
 */
export function patternSpecificity(source: string): { literalPrefix: number; wildcards: number } {
  const branches = splitTopLevel(source);
  const literalPrefix = Math.min(...branches.map(literalPrefixOf));
  let wildcards = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[a-zA-Z]/.test(next)) wildcards++;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      wildcards++;
    } else if (c === '.' || c === '*' || c === '+' || c === '{' || c === '|') wildcards++;
    else if (c === '?' && source[i - 1] !== '(') wildcards++;
  }
  return { literalPrefix, wildcards };
}

function splitTopLevel(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

function literalPrefixOf(branch: string): number {
  let n = 0;
  let i = branch.startsWith('^') ? 1 : 0;
  while (i < branch.length) {
    const c = branch[i]!;
    let width: number;
    if (c === '\\') {
      const next = branch[i + 1];
      if (next === undefined || /[a-zA-Z0-9]/.test(next)) break;
      width = 2;
    } else if (OPERATORS.has(c)) break;
    else width = 1;
    const after = branch[i + width];
    if (after === '?' || after === '*' || after === '{') break;
    n++;
    if (after === '+') break;
    i += width;
  }
  return n;
}
