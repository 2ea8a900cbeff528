import { type CostSource, type StepSummary, isBilledKind } from '../../../shared/domain/step';
import { computeCost } from './compute-cost';
import type { PriceMatcher } from './price-matcher';

/** The stored step fields a cost depends on. */
export type CostInputs = Pick<
  StepSummary,
  | 'kind'
  | 'provider'
  | 'requestModel'
  | 'responseModel'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadTokens'
  | 'cacheWriteTokens'
  | 'reasoningTokens'
  | 'reportedCostUsd'
>;

export interface StepCost {
  costUsd: number | null;
  source: CostSource | null;
}

/**
 * A reported cost wins; otherwise a model call (llm or embedding step) is priced from its tokens,
 * by the model that answered (response model) before the one requested. Steps that are not model
 * calls have no cost of their own.
 */
export function stepCost(matcher: PriceMatcher, step: CostInputs, startNs: bigint): StepCost {
  if (step.reportedCostUsd !== null) return { costUsd: step.reportedCostUsd, source: 'reported' };
  if (!isBilledKind(step.kind)) return { costUsd: null, source: null };
  const usage = {
    input: step.inputTokens,
    output: step.outputTokens,
    cacheRead: step.cacheReadTokens,
    cacheWrite: step.cacheWriteTokens,
    reasoning: step.reasoningTokens,
  };
  const atMs = Number(startNs / 1_000_000n);
  for (const model of [step.responseModel, step.requestModel]) {
    if (model === null) continue;
    const price = matcher.find({ provider: step.provider, model, atMs });
    if (price === null) continue;
    const costUsd = computeCost(price, usage);
    return costUsd === null ? { costUsd: null, source: 'unknown' } : { costUsd, source: 'computed' };
  }
  return { costUsd: null, source: 'unknown' };
}
