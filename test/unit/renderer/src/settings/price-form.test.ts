import { describe, expect, it } from 'vitest';
import { type ModelPrice, compilePriceMatch } from '../../../../../shared/domain/price';
import { parsePriceImport } from '../../../../../shared/domain/price-import';
import {
  FREE_NOTE,
  draftForModel,
  emptyPriceForm,
  escapeRegExp,
  formToPrice,
  markAsFree,
  modelMatchPattern,
  parseRate,
  patternMatchesModel,
  priceToForm,
  todayUtc,
} from '../../../../../renderer/src/settings/price-form';

const userPrice: ModelPrice = {
  id: 'user:acme/acme-7b@2025-01-01',
  provider: 'acme',
  model: 'acme-7b',
  match: 'acme-7b',
  inputPerMTok: 0.2,
  outputPerMTok: 0.8,
  cacheReadPerMTok: 0.05,
  reasoningPerMTok: 1.5,
  effectiveFrom: '2025-01-01',
  source: 'user',
  note: 'internal gateway',
};

const builtinPrice: ModelPrice = {
  id: 'builtin:openai/gpt-4o-mini@2024-07-18',
  provider: 'openai',
  model: 'gpt-4o-mini',
  match: 'gpt-4o-mini(?:-latest|-\\d{4}-\\d{2}-\\d{2})?',
  inputPerMTok: 0.15,
  outputPerMTok: 0.6,
  cacheReadPerMTok: 0.075,
  effectiveFrom: '2024-07-18',
  source: 'builtin',
};

function savedAs(entry: unknown): ModelPrice {
  // What the engine stores: the same validation savePrices runs.
  const parsed = parsePriceImport([entry]);
  expect(parsed.errors).toEqual([]);
  return parsed.prices[0]!;
}

describe('priceToForm / formToPrice', () => {
  it('round-trips a user price, keeping its id so saving replaces it', () => {
    const result = formToPrice(priceToForm(userPrice));
    expect(result.errors).toBeNull();
    expect(result.entry).toEqual({ ...userPrice, source: undefined });
    expect(savedAs(result.entry)).toEqual(userPrice);
  });

  it('turns a built-in price into a new user price with the same provider, match and rates', () => {
    const form = priceToForm(builtinPrice);
    expect(form.id).toBeNull();
    const { entry } = formToPrice(form);
    expect(entry).not.toBeNull();
    expect(entry).not.toHaveProperty('id');
    const saved = savedAs(entry);
    expect(saved).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      match: builtinPrice.match,
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      cacheReadPerMTok: 0.075,
      effectiveFrom: '2024-07-18',
      source: 'user',
    });
    expect(saved.id.startsWith('user:')).toBe(true);
    expect(saved).not.toHaveProperty('cacheWritePerMTok');
  });

  it('leaves blank optional rates out (they fall back to the input or output price)', () => {
    const values = { ...emptyPriceForm('2025-03-01'), model: 'm', match: 'm', inputPerMTok: '1', outputPerMTok: '2' };
    const { entry } = formToPrice(values);
    expect(entry).toEqual({
      provider: '',
      model: 'm',
      match: 'm',
      inputPerMTok: 1,
      outputPerMTok: 2,
      effectiveFrom: '2025-03-01',
    });
  });

  it('normalizes what the engine would: trimmed text, lower-case provider', () => {
    const values = {
      ...emptyPriceForm('2025-03-01'),
      provider: ' Acme ',
      model: ' big-model ',
      match: ' big-model ',
      inputPerMTok: ' $2.50 ',
      outputPerMTok: '1,000',
      note: '  ',
    };
    expect(formToPrice(values).entry).toMatchObject({
      provider: 'acme',
      model: 'big-model',
      match: 'big-model',
      inputPerMTok: 2.5,
      outputPerMTok: 1000,
    });
    expect(formToPrice(values).entry).not.toHaveProperty('note');
  });

  it('reports every invalid field at once', () => {
    const values = {
      ...emptyPriceForm('not a date'),
      match: 'gpt-(4o',
      inputPerMTok: '-1',
      outputPerMTok: '',
      cacheReadPerMTok: 'abc',
    };
    const { errors } = formToPrice(values);
    expect(errors).not.toBeNull();
    expect(Object.keys(errors!).sort()).toEqual(
      ['cacheReadPerMTok', 'effectiveFrom', 'inputPerMTok', 'match', 'model', 'outputPerMTok'].sort(),
    );
    expect(errors!.match).toMatch(/^Not a valid regular expression/);
  });
});

describe('modelMatchPattern', () => {
  it('escapes regex characters so the pattern matches the model name literally', () => {
    expect(escapeRegExp('a.b*c+d?e^f$g(h)i[j]k{l}m|n\\o')).toBe(
      'a\\.b\\*c\\+d\\?e\\^f\\$g\\(h\\)i\\[j\\]k\\{l\\}m\\|n\\\\o',
    );
    for (const model of ['llama3.2:3b', 'gpt-4o (preview)', 'qwen2.5-coder:7b-instruct-q4_K_M', 'my+model[v2]']) {
      const re = compilePriceMatch(modelMatchPattern(model));
      expect(re.test(model.toLowerCase()), model).toBe(true);
    }
  });

  it('matches only that model, not its siblings', () => {
    const re = compilePriceMatch(modelMatchPattern('llama3.2:3b'));
    expect(re.test('llama3x2:3b')).toBe(false);
    expect(re.test('llama3.2:3b-instruct')).toBe(false);
    expect(compilePriceMatch(modelMatchPattern('gpt-4o')).test('gpt-4o-mini')).toBe(false);
  });

  it('builds the pattern from the name the matcher tests: no routing prefix, lower case', () => {
    expect(modelMatchPattern('openai/GPT-4o')).toBe('gpt-4o');
    expect(modelMatchPattern('accounts/fireworks/models/llama-v3p1-8b-instruct')).toBe('llama-v3p1-8b-instruct');
    expect(patternMatchesModel(modelMatchPattern('Acme/Reasoner-7B'), 'acme/reasoner-7b')).toBe(true);
  });

  it('says whether a typed pattern accepts the model, and nothing for an invalid or empty one', () => {
    expect(patternMatchesModel('gpt-4o(?:-mini)?', 'GPT-4o-mini')).toBe(true);
    expect(patternMatchesModel('gpt-4o', 'gpt-4o-mini')).toBe(false);
    expect(patternMatchesModel('gpt-(4o', 'gpt-4o')).toBeNull();
    expect(patternMatchesModel('', 'gpt-4o')).toBeNull();
  });
});

describe('draftForModel and markAsFree', () => {
  it('prefills a new price from an unpriced step: model, provider and an exact match', () => {
    const draft = draftForModel('acme-reasoner-7b', 'acme', '2026-01-02');
    expect(draft).toMatchObject({
      id: null,
      model: 'acme-reasoner-7b',
      provider: 'acme',
      match: 'acme-reasoner-7b',
      effectiveFrom: '2026-01-02',
      inputPerMTok: '',
    });
    expect(draftForModel('llama3.2:3b', null, '2026-01-02').provider).toBe('');
  });

  it('marks a model free: every rate 0 (a known cost), with a note', () => {
    const free = markAsFree({ ...draftForModel('llama3.2:3b', 'ollama', '2026-01-02'), cacheReadPerMTok: '1' });
    const saved = savedAs(formToPrice(free).entry);
    expect(saved).toMatchObject({ inputPerMTok: 0, outputPerMTok: 0, note: FREE_NOTE, match: 'llama3\\.2:3b' });
    expect(saved).not.toHaveProperty('cacheReadPerMTok');
    expect(markAsFree({ ...free, note: 'on my laptop' }).note).toBe('on my laptop');
  });
});

describe('parseRate', () => {
  it('reads plain, dollar-signed and grouped numbers; blank is its own answer', () => {
    expect(parseRate('0.15')).toBe(0.15);
    expect(parseRate('$2.50')).toBe(2.5);
    expect(parseRate('1,250')).toBe(1250);
    expect(parseRate('.5')).toBe(0.5);
    expect(parseRate('3.')).toBe(3);
    expect(parseRate('1e-3')).toBe(0.001);
    expect(parseRate('  ')).toBe('blank');
  });

  it('rejects negatives and text', () => {
    for (const text of ['-1', 'abc', '1.2.3', 'Infinity', 'NaN', '0x10']) expect(parseRate(text), text).toBeNull();
  });
});

describe('todayUtc', () => {
  it('dates by the UTC day', () => {
    expect(todayUtc(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});
