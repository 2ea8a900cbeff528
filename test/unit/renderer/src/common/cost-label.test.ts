import { describe, expect, it } from 'vitest';
import {
  formatUsdExact,
  runCostLabel,
  runTokensLabel,
  stepCostLabel,
  stepTokensLabel,
} from '../../../../../renderer/src/common/cost-label';

const run = {
  costUsd: 0.0042,
  costComplete: true,
  unpricedCalls: 0,
  usageUnknownCalls: 0,
  inputTokens: 12_000,
  outputTokens: 345,
  cacheReadTokens: 0,
  reasoningTokens: 0,
  llmCalls: 3,
};

describe('runCostLabel', () => {
  it('shows a complete cost as is', () => {
    expect(runCostLabel(run)).toEqual({ text: '$0.0042', title: undefined, state: 'known' });
  });

  it('shows a lower bound, and why, when some model calls have no price', () => {
    expect(runCostLabel({ ...run, costComplete: false, unpricedCalls: 2 })).toEqual({
      text: '≥ $0.0042',
      title: '2 model calls without a price',
      state: 'partial',
    });
    expect(runCostLabel({ ...run, costComplete: false, unpricedCalls: 1 }).title).toBe('1 model call without a price');
    expect(runCostLabel({ ...run, costComplete: false, unpricedCalls: 1, usageUnknownCalls: 2 }).title).toBe(
      '1 model call without a price; 2 model calls without token usage',
    );
  });

  it('shows a dash when nothing is known, never $0', () => {
    expect(runCostLabel({ ...run, costUsd: null, costComplete: false, unpricedCalls: 3 })).toEqual({
      text: '—',
      title: '3 model calls without a price',
      state: 'unknown',
    });
    expect(runCostLabel({ ...run, costUsd: null })).toEqual({
      text: '—',
      title: undefined,
      state: 'none',
    });
  });

  it('keeps a real zero (free models) as $0', () => {
    expect(runCostLabel({ ...run, costUsd: 0 }).text).toBe('$0');
  });

  it('shows a dash, not $0, for a run without model calls', () => {
    expect(runCostLabel({ ...run, costUsd: 0, llmCalls: 0 })).toEqual({ text: '—', title: undefined, state: 'none' });
  });
});

describe('runTokensLabel', () => {
  it('adds input and output with separators and details them in the tooltip', () => {
    expect(runTokensLabel({ ...run, cacheReadTokens: 8_000, reasoningTokens: 100 })).toEqual({
      text: '12,345',
      title: '12,000 in (8,000 cached) · 345 out (100 reasoning)',
      state: 'known',
    });
  });

  it('is a lower bound when some model calls reported no usage', () => {
    const label = runTokensLabel({ ...run, usageUnknownCalls: 1 });
    expect(label.text).toBe('≥ 12,345');
    expect(label.title).toContain('1 model call without token usage');
  });

  it('is a dash for a run without model calls', () => {
    expect(runTokensLabel({ ...run, inputTokens: 0, outputTokens: 0, llmCalls: 0 }).text).toBe('—');
  });
});

const llmStep = {
  kind: 'llm' as const,
  costUsd: 0.000132,
  costSource: 'computed' as const,
  inputTokens: 1240,
  outputTokens: 38,
  cacheReadTokens: 1024,
  reasoningTokens: null,
};

describe('stepCostLabel', () => {
  it('shows the cost with its exact value and source in the tooltip', () => {
    expect(stepCostLabel(llmStep)).toEqual({
      text: '$0.00013',
      title: '$0.00013, computed from the tokens and the model’s price',
      state: 'known',
    });
    expect(stepCostLabel({ costUsd: 0.00000704, costSource: 'reported' })).toMatchObject({
      text: '<$0.0001',
      title: '$0.00000704, reported by the instrumentation',
    });
  });

  it('says "no price" for a model call whose cost is unknown', () => {
    expect(stepCostLabel({ costUsd: null, costSource: 'unknown' })).toMatchObject({
      text: 'no price',
      state: 'unknown',
    });
  });

  it('is empty for steps that are not model calls', () => {
    expect(stepCostLabel({ costUsd: null, costSource: null })).toEqual({ text: '', title: undefined, state: 'none' });
  });
});

describe('stepTokensLabel', () => {
  it('adds input and output', () => {
    expect(stepTokensLabel(llmStep)).toEqual({
      text: '1,278',
      title: '1,240 in (1,024 cached) · 38 out',
      state: 'known',
    });
  });

  it('marks a model call without usage, and leaves other steps blank', () => {
    expect(stepTokensLabel({ ...llmStep, inputTokens: null, outputTokens: null }).text).toBe('—');
    expect(stepTokensLabel({ ...llmStep, kind: 'tool', inputTokens: null, outputTokens: null }).text).toBe('');
  });

  it('says that a wrapper’s tokens are its model calls’', () => {
    expect(stepTokensLabel({ ...llmStep, kind: 'agent' }).title).toContain('the model calls inside');
  });
});

describe('formatUsdExact', () => {
  it('keeps three significant digits below a hundredth of a cent', () => {
    expect(formatUsdExact(0.0000704)).toBe('$0.0000704');
    expect(formatUsdExact(0.000000123)).toBe('$0.000000123');
    expect(formatUsdExact(0.0042)).toBe('$0.0042');
    expect(formatUsdExact(0)).toBe('$0');
    expect(formatUsdExact(null)).toBe('—');
  });
});
