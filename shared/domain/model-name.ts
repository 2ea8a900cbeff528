import { ownEntry } from './own-entry';

/**
 * Model names and provider ids as the price matcher sees them: lower-cased, with the routing
 * prefixes that gateways and SDKs put in front of the provider's own model id taken off.
 */

/** Provider spellings (gen_ai.provider.name / gen_ai.system, LiteLLM and gateway prefixes) → price provider ids. */
const PROVIDER_ALIASES: Record<string, string> = {
  openai: 'openai',
  azure: 'azure.ai.openai',
  azure_ai: 'azure.ai.inference',
  'az.ai.openai': 'azure.ai.openai',
  anthropic: 'anthropic',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  'gcp.gen_ai': 'gcp.gemini',
  'google.generative-ai': 'gcp.gemini',
  google_genai: 'gcp.gemini',
  'google-genai': 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  vertexai: 'gcp.vertex_ai',
  vertex_ai: 'gcp.vertex_ai',
  'google-vertex': 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  mistralai: 'mistral_ai',
  xai: 'x_ai',
  'x-ai': 'x_ai',
  deepseek: 'deepseek',
  bedrock: 'aws.bedrock',
  bedrock_converse: 'aws.bedrock',
  'amazon-bedrock': 'aws.bedrock',
  amazon: 'aws.bedrock',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  groq: 'groq',
  together: 'together',
  together_ai: 'together',
  togetherai: 'together',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  'fireworks-ai': 'fireworks',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  lmstudio: 'lmstudio',
  lm_studio: 'lmstudio',
  'lm-studio': 'lmstudio',
  llamacpp: 'llamacpp',
  'llama.cpp': 'llamacpp',
  llama_cpp: 'llamacpp',
  vllm: 'vllm',
  hosted_vllm: 'vllm',
  localai: 'localai',
};

/** Runtimes on the user's own machine: cloud list prices never apply to them. */
const LOCAL_PROVIDERS = new Set(['ollama', 'lmstudio', 'llamacpp', 'vllm', 'localai']);

export function isLocalProvider(provider: string): boolean {
  return LOCAL_PROVIDERS.has(provider);
}

/**
 * A provider id as prices use it: OTel's dotted ids kept (`aws.bedrock`, `gcp.vertex_ai`), common
 * spellings mapped (`bedrock`, `mistralai`, `together_ai`, Vercel's `openai.chat` → `openai`), null
 * for nothing.
 */
export function normalizeProvider(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const v = raw.trim().toLowerCase();
  if (v === '') return null;
  const alias = ownEntry(PROVIDER_ALIASES, v);
  if (alias !== undefined) return alias;
  if (/^(?:aws|gcp|azure|az)\./.test(v)) return v;
  const head = v.split('.')[0]!;
  return ownEntry(PROVIDER_ALIASES, head) ?? v;
}

/** Bedrock model ids: optional cross-region profile, then the vendor, e.g. `us.anthropic.claude-…-v2:0`. */
const BEDROCK_ID =
  /^(?:(?:us|eu|apac|ap|us-gov|ca|jp|au|global)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\.(.+)$/;

/**
 * Takes routing prefixes off a model name and lower-cases it; `provider` is what the prefixes said
 * (null when they said nothing):
 * - paths keep their last segment: `openai/gpt-4o`, `openrouter/anthropic/claude-3.5-sonnet`,
 *   `models/gemini-2.0-flash`, `accounts/fireworks/models/llama-v3p1-8b-instruct`,
 *   `projects/…/publishers/google/models/gemini-2.0-flash`, Bedrock ARNs;
 *   the first segment that names a provider gives the provider (`openrouter`, not `anthropic`);
 * - Bedrock ids lose their region and vendor: `us.anthropic.claude-3-5-sonnet-20241022-v2:0` →
 *   `claude-3-5-sonnet-20241022-v2:0` (provider `aws.bedrock`). Version suffixes stay: price
 *   patterns decide what they accept.
 */
export function normalizeModelName(raw: string): { provider: string | null; model: string } {
  let name = raw.trim().toLowerCase();
  let provider: string | null = null;
  if (name.startsWith('arn:aws:bedrock:')) provider = 'aws.bedrock';
  const segments = name.split('/');
  if (segments.length > 1) {
    name = segments[segments.length - 1]!;
    const heads = segments.slice(0, -1);
    if (provider === null && heads[0] === 'projects') provider = 'gcp.vertex_ai';
    if (provider === null && heads[0] === 'accounts' && heads[1] === 'fireworks') provider = 'fireworks';
    if (provider === null) {
      for (const head of heads) {
        const p = ownEntry(PROVIDER_ALIASES, head);
        if (p !== undefined) {
          provider = p;
          break;
        }
      }
    }
    if (provider === null && heads.length === 1 && heads[0] === 'models') provider = 'gcp.gemini';
  }
  const bedrock = BEDROCK_ID.exec(name);
  if (bedrock !== null) {
    name = bedrock[1]!;
    provider ??= 'aws.bedrock';
  }
  return { provider, model: name };
}

/** OpenRouter variant suffixes (`:free`, `:thinking`…), which are not Ollama tags. */
const OPENROUTER_VARIANTS = new Set(['free', 'thinking', 'beta', 'extended', 'nitro', 'floor', 'online', 'exacto']);

const FAMILIES: readonly [RegExp, string][] = [
  [
    /^(?:ft:)?(?:gpt-(?!oss)|chatgpt-|o\d(?:-|$)|text-embedding-(?:3|ada)|davinci|babbage|codex-|omni-moderation)/,
    'openai',
  ],
  [/^claude/, 'anthropic'],
  [/^gemini/, 'gcp.gemini'],
  [/^(?:mistral|codestral|ministral|pixtral|magistral|devstral|open-mistral|open-mixtral)/, 'mistral_ai'],
  [/^grok/, 'x_ai'],
  [/^deepseek/, 'deepseek'],
  [/^(?:nova-|titan-)/, 'aws.bedrock'],
  [/^(?:command|c4ai-|embed-(?:english|multilingual|v\d)|rerank-)/, 'cohere'],
  [/^sonar/, 'perplexity'],
];

/**
 * The provider a model name belongs to, from its family (`gpt-`, `o3`, `text-embedding-3` → openai,
 * `claude` → anthropic, `gemini` → gcp.gemini, `mistral`/`codestral`… → mistral_ai, `grok` → x_ai,
 * `deepseek` → deepseek, `nova` → aws.bedrock, `command`/`embed-*` → cohere); an Ollama tag
 * (`llama3.2:3b`, `qwen2.5:latest`) → ollama. Open-weight families served by many hosts (llama,
 * qwen, mixtral, gpt-oss) → null: their price depends on the host.
 */
export function inferProvider(model: string): string | null {
  const name = model.trim().toLowerCase();
  const colon = name.indexOf(':');
  if (colon > 0 && !name.startsWith('ft:') && name.indexOf(':', colon + 1) === -1) {
    const tag = name.slice(colon + 1);
    if (/^[a-z0-9][a-z0-9._-]*$/.test(tag) && !/^\d+$/.test(tag) && !OPENROUTER_VARIANTS.has(tag)) return 'ollama';
  }
  for (const [re, provider] of FAMILIES) if (re.test(name)) return provider;
  return null;
}
