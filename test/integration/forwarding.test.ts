/**
 * Forwarding: a first engine relays what it stored (after redaction) to a second engine's OTLP/HTTP
 * receiver with the OpenTelemetry exporter; local ingest never waits for the upstream.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardingStatus } from '../../shared/domain/forwarding';
import type { RunDetail } from '../../shared/domain/run';
import { startEngine } from '../../electron/engine/engine';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { sendSdkTrace } from '../helpers/sdk-traces';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function status(t: TestEngine): Promise<ForwardingStatus> {
  const { status: code, body } = await t.api('getForwarding');
  expect(code).toBe(200);
  return body as ForwardingStatus;
}

async function run(t: TestEngine, traceId: string): Promise<RunDetail | undefined> {
  const { status: code, body } = await t.api('getRun', { traceId });
  return code === 200 ? (body as RunDetail) : undefined;
}

/** A trace whose attributes, event and status message carry an OpenAI key. */
async function sendSecretTrace(url: string, secret: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'forward-secret' }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${url}/v1/traces` }))],
  });
  const span = provider.getTracer('t').startSpan('chat', { attributes: { 'llm.prompt': `my key is ${secret}` } });
  span.addEvent('log', { text: `key=${secret}` });
  span.setStatus({ code: 2, message: `bad key ${secret}` });
  span.end();
  await provider.shutdown();
  return span.spanContext().traceId;
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('forwarding to an upstream OTLP endpoint', () => {
  let upstream: TestEngine;
  let local: TestEngine;
  beforeAll(async () => {
    upstream = await startTestEngine();
    local = await startTestEngine({ forwardTo: { url: upstream.otlpHttpUrl, headers: { 'x-team': 'loupe' } } });
  });
  afterAll(async () => {
    await local?.stop();
    await upstream?.stop();
  });

  it('relays spans faithfully: ids, parent, kind, times, attributes, events, links, status, resource', async () => {
    const sent = await sendSdkTrace(new OTLPTraceExporter({ url: `${local.otlpHttpUrl}/v1/traces` }), 'fwd-svc');
    const here = await waitFor('the local run', () => run(local, sent.traceId));
    const there = await waitFor('the forwarded run', async () => {
      const r = await run(upstream, sent.traceId);
      return r && r.spans.length === 2 ? r : undefined;
    });
    const byId = (d: RunDetail) => [...d.spans].sort((a, b) => a.spanId.localeCompare(b.spanId));
    expect(byId(there)).toEqual(byId(here));
    expect(there.resources).toEqual(here.resources);
    expect(there.scopes.map((s) => [s.name, s.version, s.schemaUrl])).toEqual(
      here.scopes.map((s) => [s.name, s.version, s.schemaUrl]),
    );
    expect(there.run).toMatchObject({ traceId: sent.traceId, service: 'fwd-svc', spanCount: 2, errorCount: 1 });
    const root = there.spans.find((s) => s.spanId === sent.rootSpanId)!;
    expect(root.events.map((e) => e.name)).toEqual(['user.message']);
    const child = there.spans.find((s) => s.spanId === sent.childSpanId)!;
    expect(child).toMatchObject({ parentSpanId: sent.rootSpanId, statusCode: 2, statusMessage: 'rate limited' });
    expect(child.links[0]).toMatchObject({ traceId: sent.linkedTraceId, spanId: sent.linkedSpanId });

    const s = await waitFor('sent counted', async () => {
      const st = await status(local);
      return st.sent >= 2 ? st : undefined;
    });
    expect(s).toMatchObject({ enabled: true, url: upstream.otlpHttpUrl, headerNames: ['x-team'], source: 'cli' });
    expect(s.lastSentAt).toBeGreaterThan(0);
  });

  it('forwards only what was redacted: the secret never reaches the upstream', async () => {
    const secret = `sk-proj-${randomBytes(24).toString('hex')}9Zq`;
    const traceId = await sendSecretTrace(local.otlpHttpUrl, secret);
    const there = await waitFor('the forwarded secret run', () => run(upstream, traceId));
    const text = JSON.stringify(there);
    expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED:openai-key]');
    expect(there.spans[0]!.events[0]!.attributes['text']).toContain('[REDACTED:');
    expect(there.spans[0]!.statusMessage).toContain('[REDACTED:');
  });
});

describe('forwarding with the upstream down', () => {
  let local: TestEngine;
  let upstreamUrl: string;
  beforeAll(async () => {
    upstreamUrl = `http://127.0.0.1:${await deadPort()}`;
    local = await startTestEngine({ forwardTo: { url: upstreamUrl, headers: {}, timeoutMillis: 300 } });
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('still answers local ingest at once, and reports the error with the spans queued', async () => {
    const started = Date.now();
    const sent = await sendSdkTrace(new OTLPTraceExporter({ url: `${local.otlpHttpUrl}/v1/traces` }), 'offline');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await waitFor('the local run', () => run(local, sent.traceId))).toBeDefined();
    const s = await waitFor('the error reported', async () => {
      const st = await status(local);
      return st.lastError !== null ? st : undefined;
    });
    expect(s).toMatchObject({ enabled: true, url: upstreamUrl, sent: 0 });
    expect(s.queued + s.failed).toBe(2);
    expect(s.lastSentAt).toBeNull();
  });
});

describe('the Settings toggle', () => {
  let upstream: TestEngine;
  let local: TestEngine;
  beforeAll(async () => {
    upstream = await startTestEngine();
    local = await startTestEngine();
  });
  afterAll(async () => {
    // The test closes `local` itself to restart on its data dir; closing again is harmless.
    await local?.stop();
    await upstream?.stop();
  });

  it('is off by default, validates, turns on, and is stored', async () => {
    expect(await status(local)).toMatchObject({ enabled: false, queued: 0, sent: 0 });
    expect((await local.uiApi('setForwarding', { enabled: true, url: 'ftp://x' })).status).toBe(400);
    expect((await local.uiApi('setForwarding', { enabled: true, url: '' })).status).toBe(400);
    const on = await local.uiApi('setForwarding', {
      enabled: true,
      url: upstream.otlpHttpUrl,
      headers: { authorization: 'Bearer x' },
    });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, source: 'settings', headerNames: ['authorization'] });
    expect(JSON.stringify(on.body)).not.toContain('Bearer x');
    const sent = await sendSdkTrace(new OTLPTraceExporter({ url: `${local.otlpHttpUrl}/v1/traces` }), 'toggled');
    await waitFor('the forwarded run', () => run(upstream, sent.traceId));

    const off = await local.uiApi('setForwarding', { enabled: false, url: upstream.otlpHttpUrl });
    expect(off.body).toMatchObject({ enabled: false, url: upstream.otlpHttpUrl });
    await local.uiApi('setForwarding', { enabled: true, url: upstream.otlpHttpUrl });

    // Stored: a restart on the same data dir forwards again.
    await local.engine.close();
    const again = await startEngine({ dataDir: local.dataDir, otlpHttpPort: 0, otlpGrpcPort: 0, uiPort: 0 });
    try {
      const res = await fetch(`${again.info.uiUrl.split('/#')[0]!}/api/getForwarding`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${again.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(await res.json()).toMatchObject({ enabled: true, url: upstream.otlpHttpUrl, source: 'settings' });
    } finally {
      await again.close();
    }
  });
});
