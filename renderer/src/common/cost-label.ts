import type { RunSummary } from '../../../shared/domain/run';
import type { StepOutline } from '../../../shared/domain/step';
import { isBilledKind } from '../../../shared/domain/step';
import { formatCount } from '../../../shared/format/format-count';
import { formatUsd } from '../../../shared/format/format-usd';

/** A figure as shown in a cell: its text, the tooltip that explains it, and how sure it is. */
export interface FigureLabel {
  text: string;
  title: string | undefined;
  /** known: exact; partial: a lower bound (some model calls unknown); unknown: nothing known; none: not applicable. */
  state: 'known' | 'partial' | 'unknown' | 'none';
}

type RunCostFields = Pick<RunSummary, 'costUsd' | 'costComplete' | 'unpricedCalls' | 'usageUnknownCalls' | 'llmCalls'>;

/** "3 model calls without a price", "1 model call without a price". */
export function countModelCalls(n: number, what: string): string {
  return `${formatCount(n)} model ${n === 1 ? 'call' : 'calls'} ${what}`;
}

/** Why a run's cost is incomplete, e.g. "2 model calls without a price". */
export function missingCostReason(run: Pick<RunSummary, 'unpricedCalls' | 'usageUnknownCalls'>): string {
  const reasons: string[] = [];
  if (run.unpricedCalls > 0) reasons.push(countModelCalls(run.unpricedCalls, 'without a price'));
  if (run.usageUnknownCalls > 0) reasons.push(countModelCalls(run.usageUnknownCalls, 'without token usage'));
  return reasons.length > 0 ? reasons.join('; ') : 'Some model calls have no known cost';
}

/** A run's cost: "$0.0042", "≥ $0.0042" when some model calls could not be priced, "—" when none could. */
export function runCostLabel(run: RunCostFields): FigureLabel {
  // A run without model calls has no cost to speak of (the engine may total it as 0).
  const nothingToCost = run.llmCalls === 0 && run.unpricedCalls === 0 && run.costUsd === 0;
  if (run.costUsd === null || nothingToCost) {
    return run.costComplete
      ? { text: '—', title: undefined, state: 'none' }
      : { text: '—', title: missingCostReason(run), state: 'unknown' };
  }
  if (!run.costComplete) {
    return { text: formatUsd(run.costUsd, { complete: false }), title: missingCostReason(run), state: 'partial' };
  }
  return { text: formatUsd(run.costUsd), title: undefined, state: 'known' };
}

type RunTokenFields = Pick<
  RunSummary,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'reasoningTokens' | 'llmCalls' | 'usageUnknownCalls'
>;

/** A run's tokens, input + output: "12,345" (a lower bound, "≥ 12,345", when some calls reported no usage). */
export function runTokensLabel(run: RunTokenFields): FigureLabel {
  const total = run.inputTokens + run.outputTokens;
  if (total === 0 && run.usageUnknownCalls === 0 && run.llmCalls === 0)
    return { text: '—', title: undefined, state: 'none' };
  const parts = [`${formatCount(run.inputTokens)} in`];
  if (run.cacheReadTokens > 0) parts[0] += ` (${formatCount(run.cacheReadTokens)} cached)`;
  parts.push(`${formatCount(run.outputTokens)} out`);
  if (run.reasoningTokens > 0) parts[1] += ` (${formatCount(run.reasoningTokens)} reasoning)`;
  let title = parts.join(' · ');
  if (run.usageUnknownCalls > 0) {
    title += `; ${countModelCalls(run.usageUnknownCalls, 'without token usage')}`;
    return { text: `≥ ${formatCount(total)}`, title, state: 'partial' };
  }
  return { text: formatCount(total), title, state: 'known' };
}

/**
 * Dollars without the "<$0.0001" floor of formatUsd: tiny step costs keep three significant digits
 * ("$0.0000704"), for details and tooltips.
 */
export function formatUsdExact(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd) || Math.abs(usd) >= 0.0001 || usd === 0) return formatUsd(usd);
  const decimals = Math.min(12, 2 - Math.floor(Math.log10(Math.abs(usd))));
  return `${usd < 0 ? '-' : ''}$${Math.abs(usd).toFixed(decimals)}`;
}

const COST_SOURCE_TITLES = {
  reported: 'reported by the instrumentation',
  computed: 'computed from the tokens and the model’s price',
} as const;

/** A step's own cost: "$0.00013", "no price" (a model call whose cost is unknown), "" for steps that are not model calls. */
export function stepCostLabel(step: Pick<StepOutline, 'costUsd' | 'costSource'>): FigureLabel {
  if (step.costSource === 'unknown') {
    return {
      text: 'no price',
      title: 'Cost unknown: no price for this model, or the call reported no token usage',
      state: 'unknown',
    };
  }
  if (step.costUsd === null) return { text: '', title: undefined, state: 'none' };
  const exact = formatUsdExact(step.costUsd);
  return {
    text: formatUsd(step.costUsd),
    title: step.costSource === null ? exact : `${exact}, ${COST_SOURCE_TITLES[step.costSource]}`,
    state: 'known',
  };
}

/** A step's tokens, input + output; "—" for a model call that reported none, "" for other steps without usage. */
export function stepTokensLabel(
  step: Pick<StepOutline, 'kind' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'reasoningTokens'>,
): FigureLabel {
  const { inputTokens: input, outputTokens: output } = step;
  if (input === null && output === null) {
    return isBilledKind(step.kind)
      ? { text: '—', title: 'The call reported no token usage', state: 'unknown' }
      : { text: '', title: undefined, state: 'none' };
  }
  const parts: string[] = [];
  parts.push(`${formatCount(input)} in${step.cacheReadTokens ? ` (${formatCount(step.cacheReadTokens)} cached)` : ''}`);
  parts.push(
    `${formatCount(output)} out${step.reasoningTokens ? ` (${formatCount(step.reasoningTokens)} reasoning)` : ''}`,
  );
  const partial = input === null || output === null;
  return {
    text: formatCount((input ?? 0) + (output ?? 0)),
    title: parts.join(' · ') + (isBilledKind(step.kind) ? '' : ' (the model calls inside, as this step reported them)'),
    state: partial ? 'partial' : 'known',
  };
}
