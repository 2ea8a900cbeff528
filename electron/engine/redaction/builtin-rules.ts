/**
 * The built-in redaction rules. Value rules find secrets inside any text (attribute values, log
 * bodies, status messages, prompts serialized as JSON); key rules redact the whole value of an
 * attribute whose name says it holds a secret.
 *
 * Each value rule names the literal substrings (`needles`) one of which every match contains, so
 * the costly regular expression only runs on the rare value that contains a candidate.
 */
import { Buffer } from 'node:buffer';
import type { RedactionRuleInfo } from '../../../shared/domain/redaction';

export interface ValueRule {
  name: string;
  description: string;
  /** Every match contains one of these (case-sensitive unless `needlesIgnoreCase`). */
  needles: readonly string[];
  needlesIgnoreCase?: boolean;
  /** Global; matches are replaced by the marker unless `replace` says otherwise. */
  regex: RegExp;
  /**
   * The replacement for one match given the marker, or null to keep the match as it is (a
   * candidate the regex found that is not a secret after all). Default: the marker.
   */
  replace?: (marker: string, match: string, groups: ReadonlyArray<string | undefined>) => string | null;
}

export interface KeyRule {
  name: string;
  description: string;
  /** Tested against the lowercased attribute key. */
  key: RegExp;
  /** Keys that look like a match but are not secrets (e.g. token counts). */
  except?: RegExp;
  /** Numbers under such keys are kept (counts and limits, not credentials). */
  keepNumbers?: boolean;
}

/** Letters, digits and the URL-safe base64 alphabet: what a token is made of. */
const T = 'A-Za-z0-9_-';

/** Text that looks random enough to be a credential rather than a word in a sentence. */
function looksLikeCredential(s: string): boolean {
  return /\d/.test(s) || /[a-z][A-Z]/.test(s) || /[._~+/=]/.test(s) || s.length >= 24;
}

/** Base64 of printable `user:password` (what follows "Basic " in an Authorization header). */
function isBasicCredential(b64: string): boolean {
  if (b64.length % 4 !== 0) return false;
  const text = Buffer.from(b64, 'base64').toString('latin1');
  return /^[\x20-\x7e]*:[\x20-\x7e]*$/.test(text) && text.length > 1;
}

export const VALUE_RULES: readonly ValueRule[] = [
  {
    name: 'private-key',
    description: 'PEM private key blocks (-----BEGIN … PRIVATE KEY----- to -----END …), also when cut short',
    needles: ['-----BEGIN'],
    regex:
      /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\r\n:,]+|-(?!----)|\\[nrt])*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  {
    name: 'anthropic-key',
    description: 'Anthropic API keys (sk-ant-…)',
    needles: ['sk-ant-'],
    regex: new RegExp(`(?<![${T}])sk-ant-[${T}]{20,}`, 'g'),
  },
  {
    name: 'openai-key',
    description: 'OpenAI API keys (sk-…, sk-proj-…, sk-svcacct-…)',
    needles: ['sk-'],
    // At least one digit: keys are random; slugs such as sk-learn-style-names are not.
    regex: new RegExp(`(?<![${T}])sk-(?!ant-)(?=[${T}]*\\d)[${T}]{20,}`, 'g'),
  },
  {
    name: 'google-api-key',
    description: 'Google API keys (AIza…)',
    needles: ['AIza'],
    regex: new RegExp(`(?<![${T}])AIza[${T}]{35}`, 'g'),
  },
  {
    name: 'aws-access-key-id',
    description: 'AWS access key ids (AKIA…, ASIA…)',
    needles: ['AKIA', 'ASIA'],
    regex: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  },
  {
    name: 'github-token',
    description: 'GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
    needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    regex: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
  },
  {
    name: 'slack-token',
    description: 'Slack tokens (xoxb-, xoxp-, xoxa-, xoxe-, xapp-…) and incoming-webhook URLs',
    needles: ['xox', 'xapp-', 'hooks.slack.com/'],
    // Each branch starts with its literal: the regex engine then skips quickly to candidates.
    regex:
      /xox[abposer]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,}|(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{10,}/g,
    replace: (marker, _match, g) => (g[0] === undefined ? marker : `${g[0]}${marker}`),
  },
  {
    name: 'jwt',
    description: 'JSON Web Tokens (eyJ….….…)',
    needles: ['eyJ'],
    regex: new RegExp(`(?<![${T}])eyJ[${T}]{8,}\\.[${T}]{8,}\\.[${T}]*`, 'g'),
  },
  {
    name: 'bearer-token',
    description: 'the credential after "Bearer " (Authorization headers, curl commands)',
    needles: ['Bearer', 'bearer', 'BEARER'],
    // The token does not end with a dot: "the bearer instruments." is a sentence.
    regex: /(?<![A-Za-z])([Bb]earer|BEARER)(\s+)([A-Za-z0-9._~+/-]*[A-Za-z0-9_~+/-]=*)/g,
    replace: (marker, _match, g) =>
      g[2]!.length >= 8 && looksLikeCredential(g[2]!) ? `${g[0]}${g[1]}${marker}` : null,
  },
  {
    name: 'basic-auth',
    description: 'the credential after "Basic " when it decodes to user:password',
    needles: ['Basic ', 'basic '],
    regex: /(?<![A-Za-z])([Bb]asic)(\s+)([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/g,
    replace: (marker, _match, g) => (isBasicCredential(g[2]!) ? `${g[0]}${g[1]}${marker}` : null),
  },
  {
    name: 'url-password',
    description: 'the password in a URL (scheme://user:password@host), e.g. database connection strings',
    needles: ['://'],
    regex: /:\/\/([^\s:/@'"\\]*):([^\s/@'"\\]+)(?=@)/g,
    // A token in a URL (https://x:ghp_…@github.com) keeps its own, more telling marker.
    replace: (marker, _match, g) => (g[1]!.startsWith('[REDACTED:') ? null : `://${g[0]}:${marker}`),
  },
  {
    name: 'secret-assignment',
    description:
      'the value written after password, secret, api_key, access_token, private_key and the like with = or : (env files, query strings, JSON)',
    needles: ['pass', 'secret', 'key', 'token'],
    needlesIgnoreCase: true,
    regex:
      /(passw(?:or)?d|passphrase|secret|api[_-]?key|(?:access|auth|refresh|id|session)[_-]?token|private[_-]?key)([A-Za-z0-9_.-]{0,40})(\\{0,4}["']?)([ \t]{0,8}[:=][ \t]{0,8})(\\{0,4}["']?)([^\s"'\\,;&<>(){}[\]]{3,})/gi,
    replace: (marker, _match, g) => {
      const [keyword, rest, keyQuote, sep, valueQuote, value] = g as string[];
      // "password: see below" is prose; password=…, "password": "…" and "Password: hunter2" are not.
      const assigned = sep!.includes('=') || keyQuote !== '' || valueQuote !== '' || looksLikeCredential(value!);
      return assigned ? `${keyword}${rest}${keyQuote}${sep}${valueQuote}${marker}` : null;
    },
  },
  {
    name: 'aws-secret-key',
    // Last: it has no literal of its own, so more specific rules name what they find first.
    description: 'AWS secret access keys (40 base64 characters) in text that also holds an access key id',
    needles: ['AKIA', 'ASIA'],
    regex: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    // Mixed case and a digit or symbol: not a hex digest or a word.
    replace: (marker, match) => (/[a-z]/.test(match) && /[A-Z]/.test(match) && /[0-9/+]/.test(match) ? marker : null),
  },
];

/** Token counts and limits: `gen_ai.usage.input_tokens`, `llm.token_count.prompt`, `max_tokens`… */
const NOT_A_TOKEN =
  /tokens|token[_.-]?(?:count|usage|type|limit|budget|estimate|ids?$|logprob|index|offset|str)|tokeniz|max[_.-]?token|num[_.-]?token/;

export const KEY_RULES: readonly KeyRule[] = [
  {
    name: 'authorization',
    description: 'attributes named like an Authorization header (http.request.header.authorization, …)',
    key: /authorization/,
  },
  {
    name: 'cookie',
    description: 'attributes named like a cookie header (cookie, set-cookie, …)',
    key: /cookie/,
  },
  {
    name: 'password',
    description: 'attributes whose name contains password, passwd or passphrase',
    key: /passw(?:or)?d|passphrase/,
  },
  {
    name: 'secret',
    description: 'attributes whose name contains secret or private_key',
    key: /secret|private[_.-]?key/,
  },
  {
    name: 'api-key',
    description: 'attributes whose name contains api_key, apikey, api-key or access_key',
    key: /api[_.-]?key|access[_.-]?key/,
  },
  {
    name: 'token',
    description: 'attributes whose name contains token, except token counts (gen_ai.usage.*_tokens, llm.token_count.*)',
    key: /token/,
    except: NOT_A_TOKEN,
    keepNumbers: true,
  },
];

export const BUILTIN_RULE_INFO: readonly RedactionRuleInfo[] = [
  ...VALUE_RULES.map((r) => ({ name: r.name, description: r.description, kind: 'value' as const })),
  ...KEY_RULES.map((r) => ({ name: r.name, description: r.description, kind: 'key' as const })),
];
