import { describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../../../../shared/domain/price';
import { parsePriceImport } from '../../../../../shared/domain/price-import';
import { BUILTIN_PRICES } from '../../../../../electron/engine/pricing/builtin-prices';
import { PriceMatcher, computeCost, patternSpecificity } from '../../../../../electron/engine/pricing/price-matcher';

const day = (d: string): number => Date.parse(`${d}T12:00:00Z`);

const builtin = new PriceMatcher(BUILTIN_PRICES, []);

/** The id of the price found, or null. */
function idOf(matcher: PriceMatcher, model: string, provider: string | null = null, at?: string): string | null {
  return matcher.find({ provider, model, ...(at !== undefined ? { atMs: day(at) } : {}) })?.id ?? null;
}

function userPrice(p: Partial<ModelPrice> & Pick<ModelPrice, 'id' | 'match'>): ModelPrice {
  return {
    provider: '',
    model: p.match,
    inputPerMTok: 1,
    outputPerMTok: 2,
    effectiveFrom: '2020-01-01',
    source: 'user',
    ...p,
  };
}

describe('the built-in table', () => {
  it('has unique ids, valid patterns and only built-in entries', () => {
    const ids = BUILTIN_PRICES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of BUILTIN_PRICES) {
      expect(p.source, p.id).toBe('builtin');
      expect(() => new RegExp(p.match), p.id).not.toThrow();
      expect(p.effectiveFrom, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('passes the import validator (so an exported table re-imports)', () => {
    const { prices, errors } = parsePriceImport({ prices: BUILTIN_PRICES });
    expect(errors).toEqual([]);
    expect(prices).toHaveLength(BUILTIN_PRICES.length);
  });

  it('finds every entry by its own model name on its own date (no entry is shadowed by another)', () => {
    for (const p of BUILTIN_PRICES) {
      expect(idOf(builtin, p.model, p.provider, p.effectiveFrom), p.id).toBe(p.id);
    }
  });
});

describe('PriceMatcher.find', () => {
  it('never lets gpt-4o match gpt-4o-mini, in either direction', () => {
    expect(idOf(builtin, 'gpt-4o-mini', 'openai', '2025-01-01')).toBe('builtin:openai/gpt-4o-mini@2024-07-18');
    expect(idOf(builtin, 'gpt-4o-mini-2024-07-18', 'openai', '2025-01-01')).toBe(
      'builtin:openai/gpt-4o-mini@2024-07-18',
    );
    expect(idOf(builtin, 'gpt-4o', 'openai', '2025-01-01')).toBe('builtin:openai/gpt-4o@2024-10-02');
    expect(idOf(builtin, 'gpt-4.1-mini', 'openai')).toBe('builtin:openai/gpt-4.1-mini@2025-04-14');
    expect(idOf(builtin, 'gpt-4.1', 'openai')).toBe('builtin:openai/gpt-4.1@2025-04-14');
    expect(idOf(builtin, 'gpt-4x1', 'openai')).toBeNull(); // the dot is literal
    expect(idOf(builtin, 'gemini-2.5-flash-lite', null)).toBe('builtin:gcp.gemini/gemini-2.5-flash-lite@2025-07-22');
    expect(idOf(builtin, 'gemini-2.5-flash', null)).toBe('builtin:gcp.gemini/gemini-2.5-flash@2025-06-17');
    expect(idOf(builtin, 'grok-4-fast-reasoning', null)).toBe('builtin:x_ai/grok-4-fast@2025-09-19');
    expect(idOf(builtin, 'claude-sonnet-4-5', null)).toBe('builtin:anthropic/claude-sonnet-4-5@2025-09-29');
    expect(idOf(builtin, 'claude-sonnet-4', null)).toBe('builtin:anthropic/claude-sonnet-4@2025-05-22');
  });

  it('accepts dated snapshots and -latest aliases', () => {
    expect(idOf(builtin, 'gpt-4o-2024-11-20', 'openai', '2025-01-01')).toBe(
      'builtin:openai/gpt-4o-2024-08-06@2024-08-06',
    );
    expect(idOf(builtin, 'gpt-5-2025-08-07', 'openai')).toBe('builtin:openai/gpt-5@2025-08-07');
    expect(idOf(builtin, 'o3-mini-2025-01-31', 'openai')).toBe('builtin:openai/o3-mini@2025-01-31');
    expect(idOf(builtin, 'claude-3-5-sonnet-20241022', 'anthropic')).toBe(
      'builtin:anthropic/claude-3-5-sonnet@2024-06-20',
    );
    expect(idOf(builtin, 'claude-3-5-sonnet-latest', 'anthropic')).toBe(
      'builtin:anthropic/claude-3-5-sonnet@2024-06-20',
    );
    expect(idOf(builtin, 'claude-3-7-sonnet-20250219', 'anthropic')).toBe(
      'builtin:anthropic/claude-3-7-sonnet@2025-02-24',
    );
    expect(idOf(builtin, 'claude-opus-4-1-20250805', 'anthropic')).toBe('builtin:anthropic/claude-opus-4-1@2025-08-05');
    expect(idOf(builtin, 'claude-haiku-4-5-20251001', 'anthropic')).toBe(
      'builtin:anthropic/claude-haiku-4-5@2025-10-15',
    );
    expect(idOf(builtin, 'gemini-1.5-flash-002', 'gcp.gemini', '2025-01-01')).toBe(
      'builtin:gcp.gemini/gemini-1.5-flash@2024-08-12',
    );
    expect(idOf(builtin, 'gemini-2.5-pro-preview-06-05', 'gcp.gemini')).toBe(
      'builtin:gcp.gemini/gemini-2.5-pro@2025-06-17',
    );
    expect(idOf(builtin, 'mistral-large-2411', 'mistral_ai')).toBe('builtin:mistral_ai/mistral-large@2024-09-17');
    expect(idOf(builtin, 'command-r-plus-08-2024', 'cohere')).toBe('builtin:cohere/command-r-plus@2024-08-30');
  });

  it('prefers the most specific pattern: a snapshot keeps its own price after the alias moved', () => {
    // The gpt-4o alias pointed at 2024-05-13 until 2024-10-02; the 2024-08-06 snapshot was $2.50 from day one.
    expect(idOf(builtin, 'gpt-4o', 'openai', '2024-09-01')).toBe('builtin:openai/gpt-4o@2024-05-13');
    expect(idOf(builtin, 'gpt-4o-2024-08-06', 'openai', '2024-09-01')).toBe(
      'builtin:openai/gpt-4o-2024-08-06@2024-08-06',
    );
    expect(idOf(builtin, 'gpt-4o-2024-05-13', 'openai', '2025-06-01')).toBe(
      'builtin:openai/gpt-4o-2024-05-13@2024-05-13',
    );
    expect(idOf(builtin, 'command-r-plus-04-2024', 'cohere', '2025-06-01')).toBe(
      'builtin:cohere/command-r-plus-04-2024@2024-04-04',
    );
  });

  it('strips provider and gateway prefixes', () => {
    expect(idOf(builtin, 'openai/gpt-4o', null)).toBe('builtin:openai/gpt-4o@2024-10-02');
    expect(idOf(builtin, 'azure/gpt-4.1-mini', null)).toBe('builtin:openai/gpt-4.1-mini@2025-04-14');
    expect(idOf(builtin, 'openrouter/anthropic/claude-3.5-sonnet', null)).toBe(
      'builtin:anthropic/claude-3-5-sonnet@2024-06-20',
    );
    expect(idOf(builtin, 'anthropic/claude-opus-4.1', null)).toBe('builtin:anthropic/claude-opus-4-1@2025-08-05');
    expect(idOf(builtin, 'models/gemini-2.0-flash', null)).toBe('builtin:gcp.gemini/gemini-2.0-flash@2025-02-05');
    expect(idOf(builtin, 'gemini/gemini-2.0-flash-001', null)).toBe('builtin:gcp.gemini/gemini-2.0-flash@2025-02-05');
    expect(idOf(builtin, 'x-ai/grok-4', null)).toBe('builtin:x_ai/grok-4@2025-07-09');
    expect(idOf(builtin, 'accounts/fireworks/models/llama-v3p3-70b-instruct', null)).toBe(
      'builtin:fireworks/llama-v3p3-70b-instruct@2024-12-06',
    );
    expect(idOf(builtin, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'together_ai')).toBe(
      'builtin:together/llama-3.3-70b-instruct-turbo@2024-12-06',
    );
    expect(idOf(builtin, 'GPT-4o-Mini', 'OpenAI')).toBe('builtin:openai/gpt-4o-mini@2024-07-18');
  });

  it('reads Bedrock ids, cross-region profiles and ARNs, and Vertex @ versions', () => {
    const sonnet35 = 'builtin:anthropic/claude-3-5-sonnet@2024-06-20';
    expect(idOf(builtin, 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'aws.bedrock')).toBe(sonnet35);
    expect(idOf(builtin, 'us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws.bedrock')).toBe(sonnet35);
    expect(idOf(builtin, 'bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0', null)).toBe(sonnet35);
    expect(
      idOf(
        builtin,
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0',
        null,
      ),
    ).toBe(sonnet35);
    expect(idOf(builtin, 'claude-3-5-sonnet-v2@20241022', 'gcp.vertex_ai')).toBe(sonnet35);
    expect(idOf(builtin, 'vertex_ai/claude-3-5-sonnet@20240620', null)).toBe(sonnet35);
    expect(idOf(builtin, 'eu.anthropic.claude-sonnet-4-20250514-v1:0', 'aws.bedrock')).toBe(
      'builtin:anthropic/claude-sonnet-4@2025-05-22',
    );
    expect(idOf(builtin, 'claude-sonnet-4@20250514', 'gcp.vertex_ai')).toBe(
      'builtin:anthropic/claude-sonnet-4@2025-05-22',
    );
    expect(idOf(builtin, 'global.anthropic.claude-haiku-4-5-20251001-v1:0', 'aws.bedrock')).toBe(
      'builtin:anthropic/claude-haiku-4-5@2025-10-15',
    );
    expect(idOf(builtin, 'us.amazon.nova-lite-v1:0', 'aws.bedrock')).toBe('builtin:aws.bedrock/nova-lite@2024-12-03');
    expect(idOf(builtin, 'amazon.nova-pro-v1:0', null)).toBe('builtin:aws.bedrock/nova-pro@2024-12-03');
    expect(idOf(builtin, 'cohere.command-r-plus-v1:0', 'aws.bedrock')).toBe('builtin:cohere/command-r-plus@2024-08-30');
    expect(idOf(builtin, 'projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash', null)).toBe(
      'builtin:gcp.gemini/gemini-2.5-flash@2025-06-17',
    );
  });

  it('chooses the price in force on the call day, or the earliest when the call predates them all', () => {
    expect(builtin.find({ provider: 'openai', model: 'o3', atMs: day('2025-05-01') })?.inputPerMTok).toBe(10);
    expect(
      builtin.find({ provider: 'openai', model: 'o3', atMs: Date.parse('2025-06-10T00:00:00Z') })?.inputPerMTok,
    ).toBe(2);
    expect(builtin.find({ provider: 'openai', model: 'o3', atMs: day('2030-01-01') })?.inputPerMTok).toBe(2);
    expect(builtin.find({ provider: 'openai', model: 'o3', atMs: day('2024-01-01') })?.inputPerMTok).toBe(10);
    expect(builtin.find({ provider: 'openai', model: 'o3' })?.inputPerMTok).toBe(2); // now
    const chat = (d: string) =>
      builtin.find({ provider: 'deepseek', model: 'deepseek-chat', atMs: day(d) })?.outputPerMTok;
    expect([chat('2025-03-01'), chat('2025-09-10'), chat('2025-10-01')]).toEqual([1.1, 1.68, 0.42]);
  });

  it('answers null for a model it does not know', () => {
    expect(idOf(builtin, 'my-fine-tune-v7', null)).toBeNull();
    expect(idOf(builtin, 'gpt-4o-turbo-plus', 'openai')).toBeNull();
    expect(idOf(builtin, 'claude-sonnet-4-5-extra', 'anthropic')).toBeNull();
    expect(idOf(builtin, 'llama-3.3-70b-instruct', 'openrouter')).toBeNull();
    expect(idOf(builtin, '', 'openai')).toBeNull();
    expect(idOf(builtin, 'anything', 'openai')).toBeNull(); // the Ollama catch-all is not a cloud price
  });

  it('lets any user price win over any built-in one, however specific (Langfuse #2491)', () => {
    const loose = userPrice({ id: 'user:loose', match: 'gpt-4o.*', inputPerMTok: 7 });
    const m = new PriceMatcher(BUILTIN_PRICES, [loose]);
    expect(idOf(m, 'gpt-4o-mini', 'openai')).toBe('user:loose');
    expect(idOf(m, 'gpt-4o-2024-05-13', 'openai')).toBe('user:loose');
    expect(idOf(m, 'openai/gpt-4o', null)).toBe('user:loose');
    // A user price for another provider still beats the built-in one.
    const onAzure = userPrice({ id: 'user:azure-sonnet', provider: 'azure.ai.openai', match: 'claude-3-5-sonnet.*' });
    expect(idOf(new PriceMatcher(BUILTIN_PRICES, [onAzure]), 'claude-3-5-sonnet-20241022', 'anthropic')).toBe(
      'user:azure-sonnet',
    );
  });

  it('ranks user prices among themselves by provider, then specificity, then date', () => {
    const any = userPrice({ id: 'user:any', match: 'gpt-4o.*' });
    const mini = userPrice({ id: 'user:mini', match: 'gpt-4o-mini.*' });
    const azure = userPrice({ id: 'user:azure', provider: 'azure', match: 'gpt-4o.*' });
    const m = new PriceMatcher([], [any, mini, azure]);
    expect(idOf(m, 'gpt-4o-mini', 'openai')).toBe('user:mini');
    expect(idOf(m, 'gpt-4o-mini', 'az.ai.openai')).toBe('user:azure'); // own provider first
    expect(idOf(m, 'gpt-4o', 'openai')).toBe('user:any');
    const old = userPrice({ id: 'user:old', match: 'x', effectiveFrom: '2024-01-01' });
    const recent = userPrice({ id: 'user:new', match: 'x', effectiveFrom: '2025-01-01' });
    const dated = new PriceMatcher([], [recent, old]);
    expect(idOf(dated, 'x', null, '2024-06-01')).toBe('user:old');
    expect(idOf(dated, 'x', null, '2025-06-01')).toBe('user:new');
  });

  it('prefers a price for the call provider over one for another provider', () => {
    const groq = userPrice({ id: 'builtin:groq/x', provider: 'groq', match: 'llama-x', source: 'builtin' });
    const together = userPrice({ id: 'builtin:together/x', provider: 'together', match: 'llama-x', source: 'builtin' });
    const m = new PriceMatcher([groq, together], []);
    expect(idOf(m, 'llama-x', 'together_ai')).toBe('builtin:together/x');
    expect(idOf(m, 'llama-x', 'groq')).toBe('builtin:groq/x');
    expect(idOf(m, 'llama-x', 'openrouter')).toBe('builtin:groq/x'); // neither: first listed
  });

  it('prices a local model as free, never at a cloud price (Langfuse #2382)', () => {
    const local = builtin.find({ provider: 'ollama', model: 'llama3.2:3b' });
    expect(local?.note).toBe('free local model');
    expect(computeCost(local!, { input: 1000, output: 200, cacheRead: null, cacheWrite: null, reasoning: null })).toBe(
      0,
    );
    // Same name as a Groq model, but served by Ollama.
    expect(idOf(builtin, 'llama-3.3-70b-versatile', 'ollama')).toBe('builtin:ollama/*@2023-07-01');
    expect(idOf(builtin, 'ollama/llama3', null)).toBe('builtin:ollama/*@2023-07-01');
    expect(idOf(builtin, 'qwen2.5:7b', null)).toBe('builtin:ollama/*@2023-07-01'); // an Ollama tag
    // Other local runtimes have no built-in price: "no price" until the user marks them free.
    expect(idOf(builtin, 'my-local-model', 'vllm')).toBeNull();
    expect(idOf(builtin, 'llama-3.3-70b-versatile', 'lmstudio')).toBeNull();
    const free = userPrice({ id: 'user:free', match: 'my-local-.*', inputPerMTok: 0, outputPerMTok: 0, note: 'free' });
    const m = new PriceMatcher(BUILTIN_PRICES, [free]);
    const price = m.find({ provider: 'vllm', model: 'my-local-model' });
    expect(price?.id).toBe('user:free');
    expect(computeCost(price!, { input: null, output: null, cacheRead: null, cacheWrite: null, reasoning: null })).toBe(
      0,
    );
  });

  it('answers repeated lookups from memory, per day', () => {
    const q = { provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', atMs: day('2025-01-01') };
    const first = builtin.find(q);
    expect(builtin.find({ ...q, atMs: q.atMs + 3_600_000 })).toBe(first);
    expect(builtin.find({ provider: 'openai', model: 'o3', atMs: day('2025-05-01') })?.inputPerMTok).toBe(10);
    expect(builtin.find({ provider: 'openai', model: 'o3', atMs: day('2025-07-01') })?.inputPerMTok).toBe(2);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) builtin.find(q);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps a bounded memory of answers and answers the same once it starts over', () => {
    const m = new PriceMatcher(BUILTIN_PRICES, []);
    const q = { provider: 'openai', model: 'gpt-4o-2024-08-06', atMs: day('2025-01-01') };
    const first = m.find(q);
    expect(first?.id).toMatch(/^builtin:openai\/gpt-4o-2024-08-06@/);
    for (let i = 0; i < 10_050; i++) m.find({ provider: 'openai', model: `unknown-model-${i}`, atMs: q.atMs });
    expect(m.rememberedAnswers()).toBeLessThanOrEqual(10_000);
    expect(m.rememberedAnswers()).toBeGreaterThan(0);
    expect(m.find(q)).toBe(first);
    // A missing provider and an empty one are the same question.
    expect(m.find({ ...q, provider: null })).toBe(m.find({ ...q, provider: '' }));
  });

  it('ignores a stored price whose pattern does not compile instead of failing', () => {
    const broken = userPrice({ id: 'user:broken', match: '(' });
    expect(idOf(new PriceMatcher(BUILTIN_PRICES, [broken]), 'gpt-4o', 'openai')).toBe(
      'builtin:openai/gpt-4o@2024-10-02',
    );
  });
});

describe('patternSpecificity', () => {
  it('counts the literal prefix, stopping at the first operator', () => {
    expect(patternSpecificity('gpt-4o').literalPrefix).toBe(6);
    expect(patternSpecificity('gpt-4o-mini(?:-\\d{4})?').literalPrefix).toBe(11);
    expect(patternSpecificity('gpt-4\\.1').literalPrefix).toBe(7);
    expect(patternSpecificity('^gpt').literalPrefix).toBe(3);
    expect(patternSpecificity('gpt-4o?').literalPrefix).toBe(5);
    expect(patternSpecificity('ab+c').literalPrefix).toBe(2);
    expect(patternSpecificity('gpt-4o|o1').literalPrefix).toBe(2);
    expect(patternSpecificity('claude-(?:a|b)').literalPrefix).toBe(7);
    expect(patternSpecificity('.*').literalPrefix).toBe(0);
    expect(patternSpecificity('\\d+').literalPrefix).toBe(0);
  });

  it('counts wildcards', () => {
    expect(patternSpecificity('gpt-4o').wildcards).toBe(0);
    expect(patternSpecificity('gpt-4o.*').wildcards).toBe(2);
    expect(patternSpecificity('a[.-]b\\d{2}(?:x)?').wildcards).toBe(4);
    expect(patternSpecificity('a|b').wildcards).toBe(1);
  });
});
