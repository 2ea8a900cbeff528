/**
 * Model prices: the built-in table and the user's own entries share this shape, and the engine's
 * matcher, the price editor and the JSON import/export all read it.
 */

export type PriceSource = 'builtin' | 'user';

export interface ModelPrice {
  /** Stable id, e.g. 'builtin:openai/gpt-4o@2024-10-02' or 'user:…'. */
  id: string;
  /**
   * Normalized provider id (OTel `gen_ai.provider.name` style): 'openai', 'anthropic', 'gcp.gemini',
   * 'mistral_ai', 'x_ai', 'deepseek', 'aws.bedrock', 'cohere', 'groq', 'together', 'fireworks',
   * 'ollama', … '' applies to any provider.
   */
  provider: string;
  /** Display name, e.g. 'gpt-4o'. */
  model: string;
  /**
   * Case-insensitive regex source, anchored by the matcher (`^(?:…)$`), tested against the model
   * name after provider prefixes are stripped and the name lower-cased (`openai/GPT-4o` → `gpt-4o`).
   */
  match: string;
  /** USD per million input tokens. */
  inputPerMTok: number;
  /** USD per million output tokens. */
  outputPerMTok: number;
  /** USD per million cache-read input tokens, when it differs from the input price. */
  cacheReadPerMTok?: number;
  /** USD per million cache-write input tokens, when it differs from the input price. */
  cacheWritePerMTok?: number;
  /** USD per million reasoning tokens, when it differs from the output price. */
  reasoningPerMTok?: number;
  /** First day (UTC) the price applies, YYYY-MM-DD. */
  effectiveFrom: string;
  source: PriceSource;
  /** e.g. 'free local model'. */
  note?: string;
}

/**
 * Token counts of one model call, `null` when not reported. Inclusive, as OTel counts them: `input`
 * includes `cacheRead` and `cacheWrite`, `output` includes `reasoning`.
 */
export interface TokenUsage {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

/** A token count as reported, or null when it is none: negative and non-finite counts are not usage. */
export function tokenCount(n: number | null): number | null {
  return n !== null && Number.isFinite(n) && n >= 0 ? n : null;
}

/** The provider value that applies a price to every provider. */
export const ANY_PROVIDER = '';

/** Compiles a price's `match` the one way the matcher and the import validator both use. Throws on a bad regex. */
export function compilePriceMatch(match: string): RegExp {
  return new RegExp(`^(?:${match})$`, 'i');
}

/** A price whose every rate is 0: the model is known to be free (e.g. a local model), not unpriced. */
export function isFreePrice(price: ModelPrice): boolean {
  return (
    price.inputPerMTok === 0 &&
    price.outputPerMTok === 0 &&
    (price.cacheReadPerMTok ?? 0) === 0 &&
    (price.cacheWritePerMTok ?? 0) === 0 &&
    (price.reasoningPerMTok ?? 0) === 0
  );
}
