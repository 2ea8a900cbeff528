import { describe, expect, it } from 'vitest';
import { inferProvider, normalizeModelName, normalizeProvider } from '../../../../shared/domain/model-name';

describe('normalizeModelName', () => {
  it('takes off path prefixes and names the provider they give', () => {
    expect(normalizeModelName('openai/gpt-4o')).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(normalizeModelName('openrouter/anthropic/claude-3.5-sonnet')).toEqual({
      provider: 'openrouter',
      model: 'claude-3.5-sonnet',
    });
    expect(normalizeModelName('models/gemini-2.0-flash')).toEqual({
      provider: 'gcp.gemini',
      model: 'gemini-2.0-flash',
    });
    expect(normalizeModelName('azure/my-gpt4o-deployment')).toEqual({
      provider: 'azure.ai.openai',
      model: 'my-gpt4o-deployment',
    });
    expect(normalizeModelName('accounts/fireworks/models/llama-v3p1-8b-instruct')).toEqual({
      provider: 'fireworks',
      model: 'llama-v3p1-8b-instruct',
    });
    expect(normalizeModelName('projects/p/locations/l/publishers/google/models/gemini-2.5-pro')).toEqual({
      provider: 'gcp.vertex_ai',
      model: 'gemini-2.5-pro',
    });
    expect(normalizeModelName('meta-llama/Llama-3.3-70B-Instruct-Turbo')).toEqual({
      provider: null,
      model: 'llama-3.3-70b-instruct-turbo',
    });
  });

  it('takes off Bedrock regions and vendors but keeps version suffixes', () => {
    expect(normalizeModelName('bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0')).toEqual({
      provider: 'aws.bedrock',
      model: 'claude-3-5-sonnet-20241022-v2:0',
    });
    expect(normalizeModelName('anthropic.claude-3-haiku-20240307-v1:0')).toEqual({
      provider: 'aws.bedrock',
      model: 'claude-3-haiku-20240307-v1:0',
    });
    expect(normalizeModelName('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0')).toEqual({
      provider: 'aws.bedrock',
      model: 'nova-pro-v1:0',
    });
    expect(normalizeModelName('claude-3-5-sonnet-v2@20241022')).toEqual({
      provider: null,
      model: 'claude-3-5-sonnet-v2@20241022',
    });
  });

  it('lower-cases and trims, and leaves plain names alone', () => {
    expect(normalizeModelName('  GPT-4o-Mini ')).toEqual({ provider: null, model: 'gpt-4o-mini' });
    expect(normalizeModelName('gpt-4.1')).toEqual({ provider: null, model: 'gpt-4.1' });
  });
});

describe('inferProvider', () => {
  it('knows the vendor families', () => {
    const cases: [string, string | null][] = [
      ['gpt-4o', 'openai'],
      ['o1', 'openai'],
      ['o3-mini', 'openai'],
      ['o4-mini-2025-04-16', 'openai'],
      ['text-embedding-3-small', 'openai'],
      ['chatgpt-4o-latest', 'openai'],
      ['claude-3-5-sonnet-20241022', 'anthropic'],
      ['gemini-2.0-flash', 'gcp.gemini'],
      ['mistral-large-latest', 'mistral_ai'],
      ['codestral-2501', 'mistral_ai'],
      ['grok-4', 'x_ai'],
      ['deepseek-reasoner', 'deepseek'],
      ['nova-pro-v1:0', 'aws.bedrock'],
      ['command-r-plus', 'cohere'],
      ['embed-english-v3.0', 'cohere'],
    ];
    for (const [model, provider] of cases) expect(inferProvider(model), model).toBe(provider);
  });

  it('reads name:tag as an Ollama model, but not Bedrock versions or OpenRouter variants', () => {
    expect(inferProvider('llama3.2:3b')).toBe('ollama');
    expect(inferProvider('qwen2.5:latest')).toBe('ollama');
    expect(inferProvider('gpt-oss:20b')).toBe('ollama');
    expect(inferProvider('claude-3.7-sonnet:thinking')).toBe('anthropic');
    expect(inferProvider('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBe('openai');
  });

  it('leaves open-weight families, served by many hosts, unknown', () => {
    for (const model of ['llama-3.3-70b-versatile', 'qwen3-32b', 'mixtral-8x7b-32768', 'gpt-oss-120b', 'o1x', 'x'])
      expect(inferProvider(model), model).toBeNull();
  });
});

describe('normalizeProvider', () => {
  it('maps the spellings of instrumentations and gateways to one id', () => {
    const cases: [string | null, string | null][] = [
      ['OpenAI', 'openai'],
      ['openai.chat', 'openai'],
      ['anthropic.messages', 'anthropic'],
      ['bedrock', 'aws.bedrock'],
      ['aws.bedrock', 'aws.bedrock'],
      ['gcp.gen_ai', 'gcp.gemini'],
      ['google.generative-ai', 'gcp.gemini'],
      ['vertex_ai', 'gcp.vertex_ai'],
      ['mistralai', 'mistral_ai'],
      ['xai', 'x_ai'],
      ['together_ai', 'together'],
      ['fireworks_ai', 'fireworks'],
      ['Ollama', 'ollama'],
      ['az.ai.openai', 'azure.ai.openai'],
      ['', null],
      [null, null],
      // Spellings named like Object.prototype members are nobody's alias.
      ['constructor', 'constructor'],
      ['__proto__', '__proto__'],
      ['hasOwnProperty.chat', 'hasownproperty.chat'],
    ];
    for (const [raw, id] of cases) expect(normalizeProvider(raw), String(raw)).toBe(id);
    expect(normalizeModelName('constructor/gpt-4o')).toEqual({ provider: null, model: 'gpt-4o' });
  });
});
