/**
 * Secrets never reach the disk. Fake secrets of every built-in kind travel through the real
 * OpenTelemetry JS SDK (spans over http/protobuf and gRPC; logs over http/json, http/protobuf and
 * gRPC) into a real engine; after it closes, no file in the data dir holds any of them, byte for
 * byte, while the API shows the markers. Then redaction is switched off and a value gets through
 * (so the byte scan demonstrably finds what is there), and a user pattern is added and works.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { convertLegacyHttpOptions, createOtlpHttpExportDelegate } from '@opentelemetry/otlp-exporter-base/node-http';
import { convertLegacyOtlpGrpcOptions, createOtlpGrpcExportDelegate } from '@opentelemetry/otlp-grpc-exporter-base';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  LoggerProvider,
  type LogRecordExporter,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../electron/engine/engine';
import type { RedactionTestResult, RedactionView } from '../../shared/domain/redaction';
import type { RunDetail } from '../../shared/domain/run';
import { rawRequest } from '../helpers/raw-http';
import { makeTempDir } from '../helpers/temp-dir';

// ------------------------------------------------------------------ the log exporters the SDK lacks
// @opentelemetry/exporter-logs-otlp-proto and -grpc are these same two lines over the shared bases.

class ProtoLogExporter extends OTLPExporterBase<ReadableLogRecord[]> implements LogRecordExporter {
  constructor(url: string) {
    super(
      createOtlpHttpExportDelegate(
        convertLegacyHttpOptions({ url }, 'LOGS', 'v1/logs', { 'Content-Type': 'application/x-protobuf' }),
        ProtobufLogsSerializer,
      ),
    );
  }
}

class GrpcLogExporter extends OTLPExporterBase<ReadableLogRecord[]> implements LogRecordExporter {
  constructor(url: string) {
    super(
      createOtlpGrpcExportDelegate(
        convertLegacyOtlpGrpcOptions({ url }, 'LOGS'),
        ProtobufLogsSerializer,
        'LogsExportService',
        '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
      ),
    );
  }
}

// ------------------------------------------------------------------ fake secrets, fresh every run

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function pick(n: number, alphabet: string): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
/** Random letters and digits, with a digit and both cases as real keys have (some rules require it). */
function rand(n: number): string {
  return `${pick(n - 3, ALNUM)}7qZ`;
}
const digits = (n: number): string => pick(n, '0123456789');

interface Secrets {
  /** rule name → the secret text that must not be stored */
  byRule: Record<string, string>;
}

function makeSecrets(): Secrets {
  const pemBody = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${rand(64)}`;
  return {
    byRule: {
      'openai-key': `sk-proj-${rand(48)}`,
      'anthropic-key': `sk-ant-api03-${rand(40)}`,
      'google-api-key': `AIza${rand(35)}`,
      'aws-access-key-id': `AKIA${pick(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      'aws-secret-key': `${rand(20)}/${rand(19)}`,
      'github-token': `ghp_${rand(36)}`,
      'github-pat': `github_pat_${rand(22)}_${rand(59)}`,
      'slack-token': `xoxb-${digits(12)}-${rand(24)}`,
      'bearer-token': rand(40),
      jwt: `eyJhbGciOiJIUzI1NiJ9.eyJ${rand(30)}.${rand(43)}`,
      'private-key': pemBody,
      'basic-auth': Buffer.from(`admin:${rand(14)}`).toString('base64'),
      'url-password': rand(18),
      'secret-assignment': rand(20),
      // whole values of attributes named like secrets
      'password-attr': rand(16),
      'api-key-attr': rand(24),
      'token-attr': rand(24),
      'secret-attr': rand(24),
      'authorization-attr': rand(24),
      'cookie-attr': rand(24),
    },
  };
}

/** Every secret with the text around it as it would appear in a prompt, a command or a log. */
function inText(s: Secrets): string {
  const b = s.byRule;
  return [
    `My OpenAI key is ${b['openai-key']} and Anthropic ${b['anthropic-key']}.`,
    `maps key ${b['google-api-key']};`,
    `aws configure: ${b['aws-access-key-id']} ${b['aws-secret-key']}`,
    `git clone https://x:${b['github-token']}@github.com/acme/agent.git; gh auth ${b['github-pat']}`,
    `slack ${b['slack-token']}`,
    `curl -H "Authorization: Bearer ${b['bearer-token']}" -H "X-Session: ${b['jwt']}"`,
    `-----BEGIN RSA PRIVATE KEY-----\n${b['private-key']}\n-----END RSA PRIVATE KEY-----`,
    `Authorization: Basic ${b['basic-auth']}`,
    `DATABASE_URL=postgres://app:${b['url-password']}@db.internal:5432/app`,
    `DB_PASSWORD=${b['secret-assignment']}`,
  ].join('\n');
}

/** Span attributes: secrets in text (as JSON messages too) and under secret-looking names. */
function secretAttributes(s: Secrets): Record<string, string | string[] | number> {
  const b = s.byRule;
  const text = inText(s);
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.input_tokens': 812,
    'gen_ai.usage.output_tokens': 96,
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: text }] }]),
    'gen_ai.tool.call.arguments': JSON.stringify({ command: text }),
    'test.plain': text,
    'test.array': text.split('\n'),
    'db.password': b['password-attr']!,
    'app.api_key': b['api-key-attr']!,
    'session.token': b['token-attr']!,
    'oauth.client_secret': b['secret-attr']!,
    'http.request.header.authorization': [`Token ${b['authorization-attr']}`],
    'http.request.header.cookie': [`sid=${b['cookie-attr']}`],
  };
}

// ------------------------------------------------------------------ engine and API

let tmp: { dir: string; remove: () => void };
let engine: Engine | null = null;

async function start(): Promise<Engine> {
  engine = await startEngine({ dataDir: tmp.dir, otlpHttpPort: 0, otlpGrpcPort: 0, uiPort: 0 });
  return engine;
}

async function stop(): Promise<void> {
  await engine?.close();
  engine = null;
}

/** Calls an API method as the UI does (token and same-origin `Origin`, which sensitive methods need). */
async function api<T>(method: string, input: unknown = {}): Promise<{ status: number; body: T }> {
  const base = engine!.info.uiUrl.split('/#')[0]!;
  const res = await rawRequest(base, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      Authorization: `Bearer ${engine!.token}`,
      'Content-Type': 'application/json',
      Origin: base,
    },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: JSON.parse(res.body.toString('utf8')) as T };
}

async function getRun(traceId: string): Promise<RunDetail> {
  const { status, body } = await api<RunDetail>('getRun', { traceId });
  expect(status).toBe(200);
  return body;
}

// ------------------------------------------------------------------ sending

interface Sent {
  traceId: string;
  spanId: string;
}

/** One model-call span with secrets everywhere a span can hold them, and an event and a link. */
async function sendSpan(exporter: SpanExporter, service: string, s: Secrets): Promise<Sent> {
  const b = s.byRule;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'process.command_args': ['node', 'agent.js', `--api-key=${b['secret-assignment']}`],
      'deployment.api_key': b['api-key-attr']!,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('redaction-test');
  const span = tracer.startSpan('chat gpt-4o-mini', {
    kind: SpanKind.CLIENT,
    attributes: secretAttributes(s),
    links: [
      {
        context: { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: 1 },
        attributes: { 'link.note': `retry with ${b['openai-key']}` },
      },
    ],
  });
  span.addEvent('gen_ai.user.message', { content: inText(s), 'http.request.header.authorization': `Bearer x` });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `401 Unauthorized: invalid key ${b['anthropic-key']}` });
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
}

/** Two log records joined to the span: a text body and a structured one, with secret attributes. */
async function sendLogs(exporter: LogRecordExporter, service: string, s: Secrets, to: Sent): Promise<void> {
  const b = s.byRule;
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    processors: [new SimpleLogRecordProcessor(exporter)],
  });
  const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId: to.traceId, spanId: to.spanId, traceFlags: 1 });
  const logger = provider.getLogger('redaction-test-logs');
  logger.emit({
    eventName: 'app.log',
    body: inText(s),
    attributes: { 'db.password': b['password-attr']!, note: `key ${b['google-api-key']}` },
    severityNumber: SeverityNumber.WARN,
    context: ctx,
  });
  logger.emit({
    eventName: 'gen_ai.user.message',
    body: {
      content: inText(s),
      headers: { authorization: `Bearer ${b['bearer-token']}`, cookie: `sid=${b['cookie-attr']}` },
    },
    attributes: { 'gen_ai.system': 'openai' },
    severityNumber: SeverityNumber.INFO,
    context: ctx,
  });
  await provider.forceFlush();
  await provider.shutdown();
}

// ------------------------------------------------------------------ looking at the bytes

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Which of the needles appear, byte for byte, in any file under `dir` (with the file). */
function foundOnDisk(dir: string, needles: string[]): string[] {
  const files = filesUnder(dir).map((path) => ({ path, bytes: readFileSync(path) }));
  const found: string[] = [];
  for (const needle of needles) {
    for (const f of files) {
      if (f.bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} in ${f.path}`);
    }
  }
  return found;
}

/** The secrets, and their last 16 characters (a partial leak is a leak). */
function needlesOf(s: Secrets): string[] {
  return Object.values(s.byRule).flatMap((v) => [v, v.slice(-16)]);
}

// ------------------------------------------------------------------ the tests

const transports: Array<{
  name: string;
  spans: (e: Engine) => SpanExporter;
  logs: (e: Engine) => LogRecordExporter;
}> = [
  {
    name: 'http/protobuf',
    spans: (e) => new ProtoTraceExporter({ url: `${e.info.otlpHttpUrl}/v1/traces` }),
    logs: (e) => new ProtoLogExporter(`${e.info.otlpHttpUrl}/v1/logs`),
  },
  {
    name: 'grpc',
    spans: (e) => new GrpcTraceExporter({ url: e.info.otlpGrpcUrl }),
    logs: (e) => new GrpcLogExporter(e.info.otlpGrpcUrl),
  },
  {
    name: 'http/json logs',
    spans: (e) => new ProtoTraceExporter({ url: `${e.info.otlpHttpUrl}/v1/traces` }),
    logs: (e) => new JsonLogExporter({ url: `${e.info.otlpHttpUrl}/v1/logs` }),
  },
];

const sent: Array<{ name: string; secrets: Secrets; ids: Sent }> = [];

beforeAll(async () => {
  tmp = makeTempDir('loupe-redaction-');
  await start();
});

afterAll(async () => {
  await stop();
  tmp.remove();
});

describe('redaction at ingest (on by default)', () => {
  it('is on, with every built-in listed', async () => {
    const { status, body } = await api<RedactionView>('getRedaction');
    expect(status).toBe(200);
    expect(body.enabled).toBe(true);
    expect(body.userPatterns).toEqual([]);
    expect(body.builtins.map((r) => r.name)).toEqual(
      expect.arrayContaining(['openai-key', 'anthropic-key', 'jwt', 'private-key', 'password', 'token']),
    );
  });

  for (const t of transports) {
    it(`${t.name}: spans and logs are stored with markers in place of the secrets`, async () => {
      const secrets = makeSecrets();
      const ids = await sendSpan(t.spans(engine!), `svc-${t.name}`, secrets);
      await sendLogs(t.logs(engine!), `svc-${t.name}`, secrets, ids);
      sent.push({ name: t.name, secrets, ids });

      const detail = await getRun(ids.traceId);
      const everything = JSON.stringify(detail);
      for (const needle of needlesOf(secrets)) expect(everything).not.toContain(needle);

      const span = detail.spans[0]!;
      expect(span.name).toBe('chat gpt-4o-mini');
      expect(span.statusMessage).toBe('401 Unauthorized: invalid key [REDACTED:anthropic-key]');
      expect(span.attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 812,
        'db.password': '[REDACTED:password]',
        'app.api_key': '[REDACTED:api-key]',
        'session.token': '[REDACTED:token]',
        'oauth.client_secret': '[REDACTED:secret]',
        'http.request.header.authorization': ['[REDACTED:authorization]'],
        'http.request.header.cookie': ['[REDACTED:cookie]'],
      });
      const plain = span.attributes['test.plain'] as string;
      for (const rule of [
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
        'basic-auth',
        'url-password',
        'secret-assignment',
      ]) {
        expect(plain).toContain(`[REDACTED:${rule}]`);
      }
      // The JSON-encoded prompt is still valid JSON and names what was removed.
      const messages = JSON.parse(span.attributes['gen_ai.input.messages'] as string) as Array<{
        parts: Array<{ content: string }>;
      }>;
      expect(messages[0]!.parts[0]!.content).toContain('My OpenAI key is [REDACTED:openai-key]');
      expect(span.events[0]!.attributes['content']).toContain('[REDACTED:private-key]');
      expect(span.links[0]!.attributes).toEqual({ 'link.note': 'retry with [REDACTED:openai-key]' });
      expect(detail.resources[span.resourceIndex]!.attributes).toMatchObject({
        'deployment.api_key': '[REDACTED:api-key]',
        'process.command_args': ['node', 'agent.js', '--api-key=[REDACTED:secret-assignment]'],
      });

      expect(detail.logs).toHaveLength(2);
      const textLog = detail.logs.find((l) => l.eventName === 'app.log')!;
      expect(textLog.body).toContain('[REDACTED:jwt]');
      expect(textLog.attributes).toEqual({
        'db.password': '[REDACTED:password]',
        note: 'key [REDACTED:google-api-key]',
      });
      const kvLog = detail.logs.find((l) => l.eventName === 'gen_ai.user.message')!;
      expect(kvLog.body).toMatchObject({
        $kv: {
          headers: { $kv: { authorization: '[REDACTED:authorization]', cookie: '[REDACTED:cookie]' } },
        },
      });
    });
  }

  it('no file in the data dir holds any seeded secret once the engine has closed', async () => {
    expect(sent.map((s) => s.name)).toEqual(transports.map((t) => t.name));
    await stop();
    const files = filesUnder(tmp.dir).map((f) => f.slice(tmp.dir.length + 1));
    expect(files).toEqual(expect.arrayContaining(['loupe.db']));
    expect(
      foundOnDisk(
        tmp.dir,
        sent.flatMap((s) => needlesOf(s.secrets)),
      ),
    ).toEqual([]);
    await start();
  });
});

describe('settings', () => {
  it('the preview shows what would be redacted and by which rule', async () => {
    const key = makeSecrets().byRule['openai-key']!;
    const { status, body } = await api<RedactionTestResult>('testRedaction', { text: `a ${key} b ${key}` });
    expect(status).toBe(200);
    expect(body).toEqual({
      redacted: 'a [REDACTED:openai-key] b [REDACTED:openai-key]',
      matches: [{ name: 'openai-key', count: 2 }],
    });
    const asHeader = await api<RedactionTestResult>('testRedaction', { text: 'abc', key: 'X-Api-Key' });
    expect(asHeader.body.redacted).toBe('[REDACTED:api-key]');
    const preview = await api<RedactionTestResult>('testRedaction', {
      text: 'CUST-12345678',
      userPatterns: [{ name: 'customer-id', pattern: 'CUST-\\d{8}' }],
    });
    expect(preview.body.redacted).toBe('[REDACTED:customer-id]');
  });

  it('setRedaction refuses invalid and catastrophic patterns, and cross-origin calls', async () => {
    const invalid = await api<{ error: { code: string; message: string } }>('setRedaction', {
      enabled: true,
      userPatterns: [{ name: 'broken', pattern: '(unclosed' }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/not a valid regular expression/);
    const redos = await api<{ error: { message: string } }>('setRedaction', {
      enabled: true,
      userPatterns: [{ name: 'redos', pattern: '(\\w+\\s?)+$' }],
    });
    expect(redos.status).toBe(400);
    expect(redos.body.error.message).toMatch(/exponential/);

    const base = engine!.info.uiUrl.split('/#')[0]!;
    const noOrigin = await rawRequest(base, {
      method: 'POST',
      path: '/api/setRedaction',
      headers: { Authorization: `Bearer ${engine!.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(noOrigin.status).toBe(403);
    expect((await api<RedactionView>('getRedaction')).body.enabled).toBe(true);
  });

  it('switched off, a secret gets through to the disk — the byte scan finds it', async () => {
    const off = await api<RedactionView>('setRedaction', { enabled: false, userPatterns: [] });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    const leak = makeSecrets();
    const ids = await sendSpan(
      new ProtoTraceExporter({ url: `${engine!.info.otlpHttpUrl}/v1/traces` }),
      'svc-off',
      leak,
    );
    const span = (await getRun(ids.traceId)).spans[0]!;
    expect(span.attributes['db.password']).toBe(leak.byRule['password-attr']);
    expect(span.attributes['test.plain']).toContain(leak.byRule['openai-key']);

    // The setting survives a restart, and the scan sees the value that was let through.
    await stop();
    expect(foundOnDisk(tmp.dir, [leak.byRule['openai-key']!])).not.toEqual([]);
    expect(
      foundOnDisk(
        tmp.dir,
        sent.flatMap((s) => needlesOf(s.secrets)),
      ),
    ).toEqual([]);
    await start();
    expect((await api<RedactionView>('getRedaction')).body.enabled).toBe(false);
  });

  it('a user pattern redacts its matches from the next request on (gRPC and HTTP)', async () => {
    const on = await api<RedactionView>('setRedaction', {
      enabled: true,
      userPatterns: [{ name: 'customer-id', pattern: 'CUST-\\d{8}' }],
    });
    expect(on.status).toBe(200);
    expect(on.body.userPatterns).toEqual([{ name: 'customer-id', pattern: 'CUST-\\d{8}' }]);
    const customer = `CUST-${digits(8)}`;
    for (const exporter of [
      new GrpcTraceExporter({ url: engine!.info.otlpGrpcUrl }),
      new ProtoTraceExporter({ url: `${engine!.info.otlpHttpUrl}/v1/traces` }),
    ]) {
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const span = provider.getTracer('t').startSpan('lookup', {}, context.active());
      span.setAttribute('customer', `order for ${customer}, key ${makeSecrets().byRule['openai-key']}`);
      span.end();
      await provider.forceFlush();
      await provider.shutdown();
      const stored = (await getRun(span.spanContext().traceId)).spans[0]!;
      expect(stored.attributes['customer']).toBe('order for [REDACTED:customer-id], key [REDACTED:openai-key]');
    }
    await stop();
    expect(foundOnDisk(tmp.dir, [customer])).toEqual([]);
    await start();
  });
});
