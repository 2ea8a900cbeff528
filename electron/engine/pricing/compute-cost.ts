import { type ModelPrice, type TokenUsage, isFreePrice, tokenCount } from '../../../shared/domain/price';

/**
 * The USD cost of one model call at `price`, or null when it cannot be known.
 *
 * Counts are inclusive, as OTel reports them: `input` includes `cacheRead` and `cacheWrite`,
 * `output` includes `reasoning`. So
 *
 *   cost = (input − cacheRead − cacheWrite) × in + cacheRead × (cacheRead price ?? in)
 *        + cacheWrite × (cacheWrite price ?? in)
 *        + (output − reasoning) × out + reasoning × (reasoning price ?? out)
 *
 * (all prices per million tokens). When the parts exceed their total, the total was reported
 * exclusive of them (Vercel ≤v5 with Anthropic, Langfuse, Gemini's thoughts): if
 * cacheRead + cacheWrite > input, `input` is taken as the uncached input alone; if
 * reasoning > output, `output` as the non-reasoning output alone.
 *
 * Unknown is never $0: with neither input nor output reported the result is null. When only one
 * side is reported (embeddings report input only) the missing side counts as 0 tokens. Missing
 * cache and reasoning counts are 0 (no breakdown). Negative or non-finite counts are treated as not
 * reported. A free price (every rate 0) costs 0 whatever the usage.
 */
export function computeCost(price: ModelPrice, usage: TokenUsage): number | null {
  if (isFreePrice(price)) return 0;
  const input = tokenCount(usage.input);
  const output = tokenCount(usage.output);
  if (input === null && output === null) return null;
  const cacheRead = tokenCount(usage.cacheRead) ?? 0;
  const cacheWrite = tokenCount(usage.cacheWrite) ?? 0;
  const reasoning = tokenCount(usage.reasoning) ?? 0;
  const inTotal = input ?? 0;
  const outTotal = output ?? 0;
  const uncachedInput = cacheRead + cacheWrite > inTotal ? inTotal : inTotal - cacheRead - cacheWrite;
  const plainOutput = reasoning > outTotal ? outTotal : outTotal - reasoning;
  const micro =
    uncachedInput * price.inputPerMTok +
    cacheRead * (price.cacheReadPerMTok ?? price.inputPerMTok) +
    cacheWrite * (price.cacheWritePerMTok ?? price.inputPerMTok) +
    plainOutput * price.outputPerMTok +
    reasoning * (price.reasoningPerMTok ?? price.outputPerMTok);
  return micro / 1_000_000;
}
