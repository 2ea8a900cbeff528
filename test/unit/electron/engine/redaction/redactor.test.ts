import { describe, expect, it } from 'vitest';
import type { Attributes } from '../../../../../shared/domain/attributes';
import { toInsertBatch } from '../../../../../electron/engine/ingest/to-insert-batch';
import { emptyResource, emptyScope, setAttribute } from '../../../../../electron/engine/otlp/model';
import { Redactor } from '../../../../../electron/engine/redaction/redactor';
import { SPAN } from '../../../../../electron/engine/store/insert-batch';
import { decodedSpan } from '../../../../helpers/decoded-span';

const j = (...parts: string[]): string => parts.join('');
const OPENAI = j('sk-proj-', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
const JWT = j(
  'eyJhbGciOiJIUzI1NiJ9',
  '.',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  '.',
  'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
);

const redactor = new Redactor();

describe('attribute keys that name a secret: the whole value goes', () => {
  it('password, secret, api key, token, authorization and cookie attributes', () => {
    const out = redactor.redactAttributes({
      'db.password': 'hunter2',
      'db.connection.passwd': 'x',
      'oauth.client_secret': 'abc',
      'aws.secret_access_key': 'abc',
      'tls.private_key': 'abc',
      'service.api_key': 'abc',
      'x-api-key': 'abc',
      'vendor.apiKey': 'abc',
      'auth.access_token': 'abc',
      refreshToken: 'abc',
      'http.request.header.authorization': ['Basic abc'],
      'http.request.header.proxy-authorization': ['x'],
      'http.request.header.cookie': ['session=abc'],
      'http.response.header.set-cookie': ['a=1', 'b=2'],
    });
    expect(out).toEqual({
      'db.password': '[REDACTED:password]',
      'db.connection.passwd': '[REDACTED:password]',
      'oauth.client_secret': '[REDACTED:secret]',
      'aws.secret_access_key': '[REDACTED:secret]',
      'tls.private_key': '[REDACTED:secret]',
      'service.api_key': '[REDACTED:api-key]',
      'x-api-key': '[REDACTED:api-key]',
      'vendor.apiKey': '[REDACTED:api-key]',
      'auth.access_token': '[REDACTED:token]',
      refreshToken: '[REDACTED:token]',
      'http.request.header.authorization': ['[REDACTED:authorization]'],
      'http.request.header.proxy-authorization': ['[REDACTED:authorization]'],
      'http.request.header.cookie': ['[REDACTED:cookie]'],
      'http.response.header.set-cookie': ['[REDACTED:cookie]', '[REDACTED:cookie]'],
    });
  });

  it('token counts and limits are not tokens', () => {
    const counts: Attributes = {
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 96,
      'gen_ai.usage.cache_read.input_tokens': 10,
      'gen_ai.request.max_tokens': 1024,
      'llm.token_count.prompt': 812,
      'llm.token_count.completion': 96,
      'llm.token_count.total': 908,
      'llm.token_count.completion_details.reasoning': 12,
      'ai.usage.promptTokens': 812,
      'ai.usage.completionTokens': 96,
      'gen_ai.usage.prompt_tokens': { $int: '9007199254740993' },
      'tokenizer.name': 'cl100k_base',
      token_type: 'Bearer',
    };
    expect(redactor.redactAttributes(counts)).toBe(counts);
  });

  it('numbers under a token-like key are kept; under a password key they go', () => {
    expect(redactor.redactAttributes({ 'session.token_ttl': 3600, 'vault.pin_password': 1234 })).toEqual({
      'session.token_ttl': 3600,
      'vault.pin_password': '[REDACTED:password]',
    });
  });

  it('keys inside key/value lists, at any depth; booleans, nulls and empty strings stay', () => {
    const out = redactor.redactAttributes({
      request: { $kv: { headers: { $kv: { Authorization: 'Bearer x', Accept: 'application/json' } } } },
      credentials: { $kv: { user: 'bob', password: 'pw', remember: true, note: null, hint: '' } },
      secret: { $kv: { a: 'x', b: ['y', 2], c: { $bytes: 'AAEC' } } },
    });
    expect(out).toEqual({
      request: { $kv: { headers: { $kv: { Authorization: '[REDACTED:authorization]', Accept: 'application/json' } } } },
      credentials: { $kv: { user: 'bob', password: '[REDACTED:password]', remember: true, note: null, hint: '' } },
      secret: {
        $kv: { a: '[REDACTED:secret]', b: ['[REDACTED:secret]', '[REDACTED:secret]'], c: '[REDACTED:secret]' },
      },
    });
  });
});

describe('values', () => {
  it('strings anywhere: plain, in arrays, in key/value lists; other types untouched', () => {
    const out = redactor.redactAttributes({
      'gen_ai.prompt': `use ${OPENAI}`,
      'test.array': ['ok', JWT],
      'test.kv': { $kv: { nested: { $kv: { deeper: [`Bearer ${JWT}`] } } } },
      'test.int': 42,
      'test.big': { $int: '9007199254740993' },
      'test.double': { $double: 1 },
      'test.bool': true,
      'test.null': null,
    });
    expect(out).toEqual({
      'gen_ai.prompt': 'use [REDACTED:openai-key]',
      'test.array': ['ok', '[REDACTED:jwt]'],
      'test.kv': { $kv: { nested: { $kv: { deeper: ['Bearer [REDACTED:jwt]'] } } } },
      'test.int': 42,
      'test.big': { $int: '9007199254740993' },
      'test.double': { $double: 1 },
      'test.bool': true,
      'test.null': null,
    });
  });

  it('a private key split over array elements (one line each) goes from its BEGIN line to its END line', () => {
    const lines = [
      '$ cat id_rsa',
      j('-----BEGIN RSA ', 'PRIVATE KEY-----'),
      'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2k8FVfS1PlwhrjyDPR',
      'q9VuwDyVLPnbAWAKc8ovH2bCbEwPYdxPAFm0j5RgyQhbJzpW8P9Cw=',
      j('-----END RSA ', 'PRIVATE KEY-----'),
      '$ exit',
    ];
    expect(redactor.redactValue(lines)).toEqual([
      '$ cat id_rsa',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '$ exit',
    ]);
  });

  it('returns the very same objects when there is nothing to redact, and never changes its input', () => {
    const clean: Attributes = { a: 'hello', b: ['x', { $kv: { c: 'y' } }], d: 1 };
    expect(redactor.redactAttributes(clean)).toBe(clean);
    const dirty: Attributes = { keep: ['same'], leak: `key ${OPENAI}` };
    const out = redactor.redactAttributes(dirty);
    expect(out).not.toBe(dirty);
    expect(out['keep']).toBe(dirty['keep']);
    expect(dirty['leak']).toBe(`key ${OPENAI}`);
  });

  it('an attribute named __proto__ stays an ordinary attribute', () => {
    const attrs: Attributes = {};
    setAttribute(attrs, '__proto__', `k ${OPENAI}`);
    setAttribute(attrs, 'other', OPENAI);
    const out = redactor.redactAttributes(attrs);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":"k [REDACTED:openai-key]","other":"[REDACTED:openai-key]"}');
  });
});

describe('user patterns', () => {
  const withUser = new Redactor({
    enabled: true,
    userPatterns: [
      { name: 'customer-id', pattern: 'CUST-\\d{6,}' },
      { name: 'codename', pattern: '(?i)project\\s+bluebird' },
      { name: 'boundary', pattern: '\\b' },
    ],
  });

  it('replace their matches with their name, alongside the built-ins', () => {
    expect(withUser.redactText(`CUST-0012345 asked about Project Bluebird with ${OPENAI}`)).toBe(
      '[REDACTED:customer-id] asked about [REDACTED:codename] with [REDACTED:openai-key]',
    );
  });

  it('run on short values too', () => {
    expect(withUser.redactAttributes({ id: 'CUST-123456' })).toEqual({ id: '[REDACTED:customer-id]' });
  });

  it('never rewrite a marker', () => {
    const keyWord = new Redactor({ enabled: true, userPatterns: [{ name: 'word', pattern: '(?i)key|REDACTED' }] });
    expect(keyWord.redactText(`Key: ${OPENAI}, key`)).toBe('[REDACTED:word]: [REDACTED:openai-key], [REDACTED:word]');
  });

  it('an empty match changes nothing', () => {
    expect(withUser.redactText('plain words')).toBe('plain words');
  });
});

describe('switched off', () => {
  it('changes nothing at all', () => {
    const off = Redactor.disabled();
    const attrs: Attributes = { 'db.password': 'pw', prompt: OPENAI };
    expect(off.redactAttributes(attrs)).toBe(attrs);
    expect(off.redactText(OPENAI)).toBe(OPENAI);
  });

  it('the Settings preview still shows what would be redacted', () => {
    const off = new Redactor({ enabled: false, userPatterns: [{ name: 'cust', pattern: 'CUST-\\d+' }] });
    expect(off.test(`CUST-1 ${OPENAI} ${OPENAI}`)).toEqual({
      redacted: '[REDACTED:cust] [REDACTED:openai-key] [REDACTED:openai-key]',
      matches: [
        { name: 'openai-key', count: 2 },
        { name: 'cust', count: 1 },
      ],
    });
  });
});

it('the preview with an attribute name applies the key rules', () => {
  expect(redactor.test('hunter2', 'db.password')).toEqual({
    redacted: '[REDACTED:password]',
    matches: [{ name: 'password', count: 1 }],
  });
  expect(redactor.test('hunter2', 'db.name')).toEqual({ redacted: 'hunter2', matches: [] });
});

describe('toInsertBatch redacts before anything is derived or serialized', () => {
  it('span attributes, status, events, links, resource and scope; the GenAI step reads redacted values', () => {
    const span = decodedSpan({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      name: 'chat gpt-4o',
      statusCode: 2,
      statusMessage: `401: invalid key ${OPENAI}`,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.conversation.id': JWT,
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: OPENAI }] }]),
      },
      events: [{ timeNs: 1n, name: 'gen_ai.user.message', attributes: { content: OPENAI }, droppedAttributesCount: 0 }],
      links: [
        {
          traceId: 'ef'.repeat(16),
          spanId: '01'.repeat(8),
          traceState: '',
          attributes: { 'link.note': JWT },
          droppedAttributesCount: 0,
          flags: 0,
        },
      ],
    });
    const rows = toInsertBatch({
      spanGroups: [
        {
          resource: { ...emptyResource(), attributes: { 'service.name': 'svc', 'deploy.api_key': 'abc' } },
          scope: { ...emptyScope(), attributes: { 'scope.note': OPENAI } },
          items: [span],
        },
      ],
      logGroups: [
        {
          resource: emptyResource(),
          scope: emptyScope(),
          items: [
            {
              timeNs: 1n,
              observedTimeNs: 1n,
              severityNumber: 9,
              severityText: 'INFO',
              body: { $kv: { content: `token ${OPENAI}`, headers: { $kv: { cookie: 'sid=1' } } } },
              attributes: { 'gen_ai.system': 'openai', note: JWT },
              droppedAttributesCount: 0,
              flags: 0,
              traceId: 'ab'.repeat(16),
              spanId: 'cd'.repeat(8),
              eventName: 'gen_ai.user.message',
            },
          ],
        },
      ],
      origin: 'live',
      source: null,
    });
    const all = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(all).not.toContain(OPENAI);
    expect(all).not.toContain(JWT);
    expect(all).not.toContain('sid=1');
    const row = rows.spanGroups[0]!.rows[0]!;
    expect(row[SPAN.name]).toBe('chat gpt-4o');
    expect(row[SPAN.statusMessage]).toBe('401: invalid key [REDACTED:openai-key]');
    expect(row[SPAN.sessionId]).toBe('[REDACTED:jwt]');
    expect(row[SPAN.inputTokens]).toBe(10);
    expect(JSON.parse(rows.spanGroups[0]!.resource.attributesJson)).toEqual({
      'service.name': 'svc',
      'deploy.api_key': '[REDACTED:api-key]',
    });
    expect(JSON.parse(rows.logGroups[0]!.rows[0]!.bodyJson)).toEqual({
      $kv: { content: 'token [REDACTED:openai-key]', headers: { $kv: { cookie: '[REDACTED:cookie]' } } },
    });
  });

  it('without a redactor the built-in rules apply (fail closed); a disabled one lets values through', () => {
    const batch = {
      spanGroups: [
        {
          resource: emptyResource(),
          scope: emptyScope(),
          items: [decodedSpan({ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), attributes: { k: OPENAI } })],
        },
      ],
      logGroups: [],
      origin: 'live' as const,
      source: null,
    };
    expect(toInsertBatch(batch).spanGroups[0]!.rows[0]![SPAN.attributesJson]).toBe('{"k":"[REDACTED:openai-key]"}');
    expect(toInsertBatch(batch, Redactor.disabled()).spanGroups[0]!.rows[0]![SPAN.attributesJson]).toBe(
      JSON.stringify({ k: OPENAI }),
    );
  });
});
