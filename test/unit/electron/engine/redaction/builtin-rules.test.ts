import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../../electron/engine/redaction/redactor';
import { BUILTIN_RULE_INFO } from '../../../../../electron/engine/redaction/builtin-rules';

// Fake secrets, assembled at run time so that no secret scanner mistakes this file for a leak.
const j = (...parts: string[]): string => parts.join('');
const ALNUM = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

const redactor = new Redactor();
const redact = (text: string): string => redactor.redactText(text);
const ruleNames = (text: string): string[] => redactor.test(text).matches.map((m) => m.name);

describe('built-in value rules find secrets', () => {
  const cases: Array<[rule: string, secret: string, context?: (s: string) => string]> = [
    ['openai-key', j('sk-', ALNUM, 'T3BlbkFJ', ALNUM.slice(0, 8))],
    ['openai-key', j('sk-proj-', ALNUM, '_', ALNUM, '-', ALNUM)],
    ['openai-key', j('sk-svcacct-', ALNUM, ALNUM)],
    ['anthropic-key', j('sk-ant-api03-', ALNUM, '-', ALNUM, 'AA')],
    ['google-api-key', j('AIza', 'SyD', ALNUM)],
    ['aws-access-key-id', j('AKIA', 'IOSFODNN7EXAMPLE')],
    ['aws-access-key-id', j('ASIA', 'Y34FZKBOKMUTVV7A')],
    ['github-token', j('ghp_', ALNUM, 'abcd')],
    ['github-token', j('gho_', ALNUM, 'abcd')],
    ['github-token', j('ghs_', ALNUM, 'abcd')],
    ['github-token', j('github_pat_', '11ABCDEFG0', ALNUM, '_', ALNUM)],
    ['slack-token', j('xoxb-', '1234567890-', '1234567890123-', ALNUM)],
    ['slack-token', j('xoxp-', '1234567890-', ALNUM)],
    ['slack-token', j('xapp-1-', 'A0123456789-', ALNUM)],
    [
      'jwt',
      j('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
    ],
    [
      'private-key',
      j(
        '-----BEGIN RSA ',
        'PRIVATE KEY-----\nMIIEpAIBAAKCAQEA',
        ALNUM,
        '\n',
        ALNUM,
        '==\n-----END RSA ',
        'PRIVATE KEY-----',
      ),
    ],
    ['private-key', j('-----BEGIN ', 'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC', ALNUM)], // cut short
    [
      'private-key',
      j('-----BEGIN OPENSSH ', 'PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjE=\\n-----END OPENSSH ', 'PRIVATE KEY-----'),
    ],
  ];
  for (const [rule, secret] of cases) {
    it(`${rule}: ${secret.slice(0, 14)}…`, () => {
      const text = `before ${secret} after`;
      const out = redact(text);
      expect(out).toBe(`before [REDACTED:${rule}] after`);
      expect(ruleNames(text)).toContain(rule);
    });
  }

  it('finds keys inside prompts serialized as JSON (the usual shape of gen_ai.input.messages)', () => {
    const key = j('sk-proj-', ALNUM, ALNUM);
    const messages = JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: `my key is ${key}, why 401?` }] },
    ]);
    const out = redact(messages);
    expect(out).not.toContain(key);
    expect(JSON.parse(out)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'my key is [REDACTED:openai-key], why 401?' }] },
    ]);
  });

  it('an AWS secret key next to its access key id', () => {
    const secret = j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY');
    const out = redact(`aws configure: ${j('AKIA', 'IOSFODNN7EXAMPLE')} ${secret} us-east-1`);
    expect(out).toBe('aws configure: [REDACTED:aws-access-key-id] [REDACTED:aws-secret-key] us-east-1');
  });

  it('PEM blocks inside JSON strings (escaped newlines) and keeps the JSON valid', () => {
    const pem = j('-----BEGIN EC ', 'PRIVATE KEY-----\nMHcCAQEEIIrY', ALNUM, '\n-----END EC ', 'PRIVATE KEY-----');
    const out = redact(JSON.stringify({ file: 'key.pem', content: pem }));
    expect(JSON.parse(out)).toEqual({ file: 'key.pem', content: '[REDACTED:private-key]' });
  });

  it('Bearer, Basic and URL credentials keep their scheme', () => {
    expect(redact(j('Authorization: Bearer ', ALNUM))).toBe('Authorization: Bearer [REDACTED:bearer-token]');
    expect(redact(j('curl -H "authorization: bearer ', 'abc.def-123', '"'))).toBe(
      'curl -H "authorization: bearer [REDACTED:bearer-token]"',
    );
    const basic = Buffer.from('admin:hunter2').toString('base64');
    expect(redact(`Authorization: Basic ${basic}`)).toBe('Authorization: Basic [REDACTED:basic-auth]');
    expect(redact(j('DATABASE_URL=postgres://app:', 'Sup3rS3cret', '@db.internal:5432/app'))).toBe(
      'DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/app',
    );
    expect(redact(j('https://hooks.slack.com/services/', 'T00000000/B00000000/', ALNUM))).toBe(
      'https://hooks.slack.com/services/[REDACTED:slack-token]',
    );
  });

  it('a bearer token beside an AWS key id is still named a bearer token', () => {
    const token = j('Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'Qr5tUv7w');
    expect(redact(`AKIA${'IOSFODNN7EXAMPLE'} Authorization: Bearer ${token}`)).toBe(
      '[REDACTED:aws-access-key-id] Authorization: Bearer [REDACTED:bearer-token]',
    );
  });

  it('a JWT after Bearer is named as a JWT', () => {
    const jwt = j('eyJhbGciOiJSUzI1NiJ9', '.', 'eyJzdWIiOiJib2IifQ', '.', ALNUM);
    expect(redact(`Bearer ${jwt}`)).toBe('Bearer [REDACTED:jwt]');
  });

  it('values written after password=, "api_key": and the like (env files, JSON, escaped JSON)', () => {
    expect(redact('DB_PASSWORD=hunter2 DB_USER=app')).toBe('DB_PASSWORD=[REDACTED:secret-assignment] DB_USER=app');
    expect(redact('{"api_key": "abc123xyz", "model": "gpt-4o"}')).toBe(
      '{"api_key": "[REDACTED:secret-assignment]", "model": "gpt-4o"}',
    );
    expect(redact('{\\"client_secret\\":\\"s3cr3tvalue\\"}')).toBe(
      '{\\"client_secret\\":\\"[REDACTED:secret-assignment]\\"}',
    );
    expect(redact('https://api.example.com/v1?access_token=abcdef123&page=2')).toBe(
      'https://api.example.com/v1?access_token=[REDACTED:secret-assignment]&page=2',
    );
    expect(redact('Password: hunter2 was rejected')).toBe('Password: [REDACTED:secret-assignment] was rejected');
  });

  it('several secrets in one value, each with its own marker', () => {
    const out = redact(
      j('keys: ', 'sk-ant-api03-', ALNUM, ' and ', 'ghp_', ALNUM, 'abcd', ' and ', 'AIza', 'SyD', ALNUM),
    );
    expect(out).toBe('keys: [REDACTED:anthropic-key] and [REDACTED:github-token] and [REDACTED:google-api-key]');
  });
});

describe('built-in value rules leave ordinary text alone', () => {
  const keep = [
    // ids and hashes
    '4bf92f3577b34da6a3ce929d0e0e4736',
    'span 00f067aa0ba902b7 of trace 4bf92f3577b34da6a3ce929d0e0e4736',
    '123e4567-e89b-12d3-a456-426614174000',
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixes it',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'chatcmpl-AbC123dEf456GhI789jKl012',
    'call_abc123DEF456ghi789',
    // prose, including the words the rules look for
    'Reset your password: click the link in the email we sent you.',
    'The secret: keep prompts short and cite the order id.',
    'Basic understanding of bearer instruments is assumed.',
    'Ask for the API key in settings, then retry.',
    'Tokens are counted per request; max_tokens=512 caps the answer.',
    'Use the task-management-framework-for-agents package.',
    'risk-assessment-framework-version-two',
    'See https://platform.openai.com/docs/api-reference and http://localhost:4318/v1/traces',
    'You are a support agent for an online store. Answer briefly, cite the order id.',
    // short and structural values
    'gpt-4o-mini-2024-07-18',
    'claude-3-5-sonnet-20241022',
    '{"order_id": 1042, "status": "in transit", "eta_days": 2}',
    'AKIA is the prefix of AWS access key ids',
  ];
  for (const text of keep) {
    it(JSON.stringify(text.slice(0, 50)), () => {
      expect(redact(text)).toBe(text);
    });
  }
});

describe('built-in rules take linear time on hostile values', () => {
  // A value of 400 KB built to make a backtracking rule slow: quadratic would take minutes.
  const N = 400_000;
  const fill = (unit: string): string => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
  const hostile: Record<string, string> = {
    'keywords without a value': fill('password'),
    'keywords and quotes': fill('"api_key": '),
    'private key headers, none closed': fill('-----BEGIN PRIVATE KEY-----AAAA '),
    'one private key that never ends': j('-----BEGIN ', 'PRIVATE KEY-----\n') + 'A'.repeat(N),
    'key prefixes': fill(j('sk-', 'a'.repeat(40), ' ')),
    'JWT-like runs': fill(j('eyJ', 'a'.repeat(30), ' ')),
    'Bearer followed by dots': j('Bearer ', '.'.repeat(N)),
    'URL credentials never closed': j('://', 'a'.repeat(N / 2), ':', 'b'.repeat(N / 2)),
    'an AWS key id before base64': j('AKIA', 'IOSFODNN7EXAMPLE ') + fill('aB3/'),
    'Slack prefixes': fill('xoxb-'),
  };
  for (const [name, text] of Object.entries(hostile)) {
    it(name, () => {
      const t0 = performance.now();
      redactor.redactText(text);
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  }
});

it('every built-in rule has a distinct name and a description', () => {
  const names = BUILTIN_RULE_INFO.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  for (const r of BUILTIN_RULE_INFO) expect(r.description.length).toBeGreaterThan(10);
  expect(names).toEqual(
    expect.arrayContaining([
      'openai-key',
      'anthropic-key',
      'google-api-key',
      'aws-access-key-id',
      'aws-secret-key',
      'github-token',
      'slack-token',
      'bearer-token',
      'jwt',
      'private-key',
      'authorization',
      'cookie',
      'password',
      'secret',
      'api-key',
      'token',
    ]),
  );
});
