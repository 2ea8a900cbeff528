import { describe, expect, it } from 'vitest';
import {
  normalizeFinishReason,
  normalizeProvider,
  rememberedAnswers,
  stepProvider,
} from '../../../../../electron/engine/genai/provider';
import { inferProvider, normalizeModelName } from '../../../../../shared/domain/model-name';

/** What stepProvider must answer, worked out without its memo. */
function expected(named: string | null, model: string): string | null {
  const name = normalizeModelName(model);
  return normalizeProvider(named) ?? name.provider ?? inferProvider(name.model);
}

const PAIRS: Array<[string | null, string]> = [
  ['openai', 'gpt-4o'],
  ['OpenAI ', 'gpt-4o'],
  [null, 'gpt-4o-mini-2024-07-18'],
  [null, 'claude-sonnet-4-5'],
  ['', 'gemini-2.5-pro'],
  ['langchain', 'claude-3-5-haiku'],
  ['strands-agents', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
  ['aws.bedrock', 'amazon.nova-pro-v1:0'],
  [null, 'llama3.2:3b'],
  [null, 'llama-3.1-70b'],
  [null, ''],
  ['az.ai.inference', 'gpt-4o'],
  ['constructor', 'gpt-4o'],
  ['__proto__', 'claude-3-5-haiku'],
  ['hasOwnProperty.chat', 'gemini-2.0-flash'],
  [null, 'openai/gpt-4o'],
  [null, 'models/gemini-2.0-flash'],
  [null, 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
];

describe('stepProvider', () => {
  it('answers what the provider a span names, else its model, implies; the same when asked again', () => {
    for (let round = 0; round < 2; round++) {
      for (const [named, model] of PAIRS)
        expect(stepProvider(named, model), `${named} / ${model}`).toBe(expected(named, model));
    }
    expect(stepProvider(null, 'gpt-4o')).toBe('openai');
    expect(stepProvider('langchain', 'claude-3-5-haiku')).toBe('anthropic');
    expect(stepProvider('constructor', 'gpt-4o')).toBe('constructor');
    expect(stepProvider('__proto__', 'gpt-4o')).toBe('__proto__');
  });

  it('reads the provider from a routing prefix or a Bedrock id when the span names none, as prices do', () => {
    expect(stepProvider(null, 'openai/gpt-4o')).toBe('openai');
    expect(stepProvider(null, 'models/gemini-2.0-flash')).toBe('gcp.gemini');
    expect(stepProvider('strands-agents', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe('aws.bedrock');
    expect(
      stepProvider(
        null,
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-v2:0',
      ),
    ).toBe('aws.bedrock');
    // A provider the span names still wins over the prefix.
    expect(stepProvider('openrouter', 'anthropic/claude-3-5-haiku')).toBe('openrouter');
  });

  it('keeps answering right past its memo limit, and for texts too long to remember', () => {
    for (let i = 0; i < 3000; i++) {
      const model = i % 2 === 0 ? `gpt-4o-${i}` : `custom-${i}`;
      expect(stepProvider(i % 3 === 0 ? null : `vendor-${i % 7}`, model)).toBe(
        expected(i % 3 === 0 ? null : `vendor-${i % 7}`, model),
      );
    }
    expect(rememberedAnswers()).toBeLessThanOrEqual(2 * 1024);
    // Long texts are worked out every time, never kept.
    const before = rememberedAnswers();
    const long = `claude-${'x'.repeat(5000)}`;
    expect(stepProvider(null, long)).toBe('anthropic');
    expect(stepProvider(null, long)).toBe('anthropic');
    expect(stepProvider(`vendor-${'y'.repeat(300)}`, 'gpt-4o')).toBe(`vendor-${'y'.repeat(300)}`);
    expect(rememberedAnswers()).toBe(before);
    for (const [named, model] of PAIRS) expect(stepProvider(named, model)).toBe(expected(named, model));
  });
});

describe('normalizeFinishReason', () => {
  it('maps the spellings of each library to one word, the first of a list, and keeps others', () => {
    const cases: Array<[unknown, string | null]> = [
      ['end_turn', 'stop'],
      [['STOP'], 'stop'],
      ['tool_use', 'tool_call'],
      ['tool-calls', 'tool_call'],
      ['max_tokens, stop', 'length'],
      ['  safety ', 'content_filter'],
      ['something_new', 'something_new'],
      // Spellings that are Object.prototype members are text like any other.
      ['constructor', 'constructor'],
      [['__proto__'], '__proto__'],
      ['toString', 'tostring'],
      ['', null],
      ['   ', null],
      [[], null],
      [null, null],
      [3, null],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [raw, reason] of cases) expect(normalizeFinishReason(raw), JSON.stringify(raw)).toBe(reason);
    }
  });

  it('keeps answering right past its memo limit', () => {
    for (let i = 0; i < 3000; i++) expect(normalizeFinishReason(`Reason_${i}`)).toBe(`reason_${i}`);
    expect(rememberedAnswers()).toBeLessThanOrEqual(2 * 1024);
    expect(normalizeFinishReason('end_turn')).toBe('stop');
    const before = rememberedAnswers();
    expect(normalizeFinishReason(`Stop${' '.repeat(300)}`)).toBe('stop');
    expect(rememberedAnswers()).toBe(before);
  });
});
