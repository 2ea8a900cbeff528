import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { jsonSpan, jsonTraceRequest, newSpanId, newTraceId } from '../helpers/otlp-wire';
import { type RawResponse, firstChunk, rawRequest } from '../helpers/raw-http';
import { makeTempDir } from '../helpers/temp-dir';

/** The engine under test serves a tiny fake UI from `<tmp>/ui`; `<tmp>/secret.txt` sits next to it. */
const UI_MARKER = '<!doctype html><title>loupe-test-ui</title>';
const SECRET = 'top-secret-file-next-to-the-ui';

let t: TestEngine;
/** A second engine whose UI folder has no build, so GET / answers 503. */
let unbuilt: TestEngine;
let uiTmp: { dir: string; remove: () => void };
let emptyUiTmp: { dir: string; remove: () => void };

beforeAll(async () => {
  uiTmp = makeTempDir('loupe-sec-ui-');
  mkdirSync(join(uiTmp.dir, 'ui'));
  writeFileSync(join(uiTmp.dir, 'ui', 'index.html'), UI_MARKER);
  writeFileSync(join(uiTmp.dir, 'secret.txt'), SECRET);
  emptyUiTmp = makeTempDir('loupe-sec-noui-');
  t = await startTestEngine({ uiDir: join(uiTmp.dir, 'ui') });
  unbuilt = await startTestEngine({ uiDir: emptyUiTmp.dir });
});

afterAll(async () => {
  await t?.stop();
  await unbuilt?.stop();
  uiTmp?.remove();
  emptyUiTmp?.remove();
});

const portOf = (url: string): number => Number(new URL(url).port);
const auth = (): Record<string, string> => ({ Authorization: `Bearer ${t.token}` });

function apiCall(
  method: string,
  headers: Record<string, string>,
  opts: { verb?: string; body?: string; base?: string } = {},
): Promise<RawResponse> {
  return rawRequest(opts.base ?? t.uiBase, {
    method: opts.verb ?? 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: opts.body ?? '{}',
  });
}

function otlpJsonBody(traceId: string): string {
  return JSON.stringify(jsonTraceRequest([jsonSpan({ traceId, spanId: newSpanId(), name: 'security.probe' })]));
}

async function runExists(traceId: string): Promise<boolean> {
  const { status } = await t.api('getRun', { traceId });
  expect([200, 404]).toContain(status);
  return status === 200;
}

function corsHeaders(res: RawResponse): string[] {
  return Object.keys(res.headers).filter((h) => h.toLowerCase().startsWith('access-control-'));
}

// ---------------------------------------------------------------- 1: Host allowlist (DNS rebinding)

describe('Host header allowlist', () => {
  const foreignHosts = (port: number): string[] => [
    `evil.example:${port}`,
    'evil.example',
    `localhost.evil.example:${port}`,
    `127.0.0.1.nip.io:${port}`,
    `0.0.0.0:${port}`,
    `192.168.1.10:${port}`,
  ];
  const loopbackHosts = (port: number): string[] => [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];

  it('OTLP/HTTP: a foreign Host → 403 and nothing stored; loopback names accepted', async () => {
    const port = portOf(t.otlpHttpUrl);
    for (const host of foreignHosts(port)) {
      const traceId = newTraceId();
      const res = await rawRequest(t.otlpHttpUrl, {
        method: 'POST',
        path: '/v1/traces',
        headers: { Host: host, 'Content-Type': 'application/json' },
        body: otlpJsonBody(traceId),
      });
      expect(res.status, host).toBe(403);
      expect(await runExists(traceId), host).toBe(false);
    }
    for (const host of loopbackHosts(port)) {
      const traceId = newTraceId();
      const res = await rawRequest(t.otlpHttpUrl, {
        method: 'POST',
        path: '/v1/traces',
        headers: { Host: host, 'Content-Type': 'application/json' },
        body: otlpJsonBody(traceId),
      });
      expect(res.status, host).toBe(200);
      expect(await runExists(traceId), host).toBe(true);
    }
  });

  it('UI/API: a foreign Host → 403 (even with the right token); loopback names accepted', async () => {
    const port = portOf(t.uiBase);
    for (const host of foreignHosts(port)) {
      const api = await apiCall('listRuns', { ...auth(), Host: host });
      expect(api.status, `API ${host}`).toBe(403);
      const page = await rawRequest(t.uiBase, { path: '/', headers: { Host: host } });
      expect(page.status, `page ${host}`).toBe(403);
      expect(page.body.toString()).not.toContain('loupe-test-ui');
    }
    for (const host of loopbackHosts(port)) {
      const api = await apiCall('listRuns', { ...auth(), Host: host });
      expect(api.status, `API ${host}`).toBe(200);
      expect(Array.isArray(JSON.parse(api.body.toString()))).toBe(true);
      const page = await rawRequest(t.uiBase, { path: '/', headers: { Host: host } });
      expect(page.status, `page ${host}`).toBe(200);
    }
  });

  it('a request without any Host header is refused on both HTTP ports', async () => {
    for (const base of [t.otlpHttpUrl, t.uiBase]) {
      const res = await rawRequest(base, {
        method: 'POST',
        path: base === t.uiBase ? '/api/listRuns' : '/v1/traces',
        headers: { 'Content-Type': 'application/json', ...auth() },
        body: '{}',
        setHost: false,
      });
      expect([400, 403], base).toContain(res.status);
    }
  });
});

// ---------------------------------------------------------------- 2: token and Origin

describe('API token and Origin checks', () => {
  it('no token → 401; wrong token → 401; right token → 200', async () => {
    const none = await apiCall('listRuns', {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(none.body.toString())).toMatchObject({ error: { code: 'unauthorized' } });

    const wrongTokens = [
      'Bearer nope',
      `Bearer ${t.token.slice(0, -1)}${t.token.endsWith('0') ? '1' : '0'}`, // one character off
      `Bearer ${'f'.repeat(64)}`,
      `Bearer ${t.token}x`,
      `Bearer ${t.token.slice(0, 32)}`,
      `Basic ${Buffer.from(`user:${t.token}`).toString('base64')}`,
      t.token,
      'Bearer ',
    ];
    for (const header of wrongTokens) {
      const res = await apiCall('listRuns', { Authorization: header });
      expect(res.status, header).toBe(401);
    }
    const ok = await apiCall('listRuns', auth());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
  });

  it('the token does not work as a query parameter or cookie', async () => {
    const viaQuery = await rawRequest(t.uiBase, {
      method: 'POST',
      path: `/api/listRuns?token=${t.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(viaQuery.status).toBe(401);
    const viaCookie = await apiCall('listRuns', { Cookie: `token=${t.token}` });
    expect(viaCookie.status).toBe(401);
  });

  it('a foreign Origin with the right token → 403; the same origin → 200', async () => {
    const port = portOf(t.uiBase);
    for (const origin of [
      'https://evil.example',
      'null',
      `http://evil.example:${port}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port}`, // not the same origin as Host 127.0.0.1:port
    ]) {
      const res = await apiCall('listRuns', { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body.toString())).toMatchObject({ error: { code: 'forbidden' } });
    }
    const same = await apiCall('listRuns', { ...auth(), Origin: `http://127.0.0.1:${port}` });
    expect(same.status).toBe(200);
    const sameLocalhost = await apiCall('listRuns', {
      ...auth(),
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
    });
    expect(sameLocalhost.status).toBe(200);
  });

  it('GET /api/events: no token → 401; token → 200 text/event-stream starting with event: hello', async () => {
    const none = await firstChunk(t.uiBase, '/api/events');
    expect(none.status).toBe(401);
    const foreign = await firstChunk(t.uiBase, '/api/events', { ...auth(), Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const ok = await firstChunk(t.uiBase, '/api/events', auth());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(ok.chunk.startsWith('event: hello\n')).toBe(true);
    const data = /^event: hello\ndata: (.*)\n\n/.exec(ok.chunk);
    expect(data).not.toBeNull();
    expect(JSON.parse(data![1]!)).toHaveProperty('version');
  });
});

// ---------------------------------------------------------------- 3: no CORS, method allowlist

describe('no CORS, methods allowlisted', () => {
  it('no response on any HTTP port carries Access-Control-* headers, preflights included', async () => {
    const port = portOf(t.uiBase);
    const evil = { Origin: 'https://evil.example' };
    const preflight = {
      ...evil,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    };
    const responses: Array<[string, RawResponse]> = [
      [
        'otlp 200',
        await rawRequest(t.otlpHttpUrl, {
          method: 'POST',
          path: '/v1/traces',
          headers: { ...evil, 'Content-Type': 'application/json' },
          body: '{}',
        }),
      ],
      [
        'otlp 415',
        await rawRequest(t.otlpHttpUrl, {
          method: 'POST',
          path: '/v1/traces',
          headers: { ...evil, 'Content-Type': 'text/plain' },
          body: '{}',
        }),
      ],
      ['otlp 404', await rawRequest(t.otlpHttpUrl, { path: '/nope', headers: evil })],
      [
        'otlp preflight',
        await rawRequest(t.otlpHttpUrl, { method: 'OPTIONS', path: '/v1/traces', headers: preflight }),
      ],
      ['api 200', await apiCall('listRuns', auth())],
      ['api 200 same-origin', await apiCall('listRuns', { ...auth(), Origin: `http://127.0.0.1:${port}` })],
      ['api 401', await apiCall('listRuns', {})],
      ['api 403', await apiCall('listRuns', { ...auth(), ...evil })],
      ['api 404', await apiCall('noSuchMethod', auth())],
      ['api preflight', await rawRequest(t.uiBase, { method: 'OPTIONS', path: '/api/listRuns', headers: preflight })],
      [
        'api preflight events',
        await rawRequest(t.uiBase, { method: 'OPTIONS', path: '/api/events', headers: preflight }),
      ],
      ['ui preflight', await rawRequest(t.uiBase, { method: 'OPTIONS', path: '/', headers: preflight })],
      ['ui page', await rawRequest(t.uiBase, { path: '/', headers: evil })],
    ];
    for (const [label, res] of responses) {
      expect(corsHeaders(res), label).toEqual([]);
    }
    for (const [label, res] of responses.filter(([l]) => l.includes('preflight'))) {
      expect(res.status >= 200 && res.status < 300, `${label} answered ${res.status}`).toBe(false);
    }
  });

  it('PUT, DELETE and PATCH on /api/listRuns → 405 (with the right token and same origin)', async () => {
    const port = portOf(t.uiBase);
    for (const verb of ['PUT', 'DELETE', 'PATCH', 'GET']) {
      const res = await apiCall('listRuns', { ...auth(), Origin: `http://127.0.0.1:${port}` }, { verb });
      expect(res.status, verb).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
    for (const verb of ['PUT', 'DELETE', 'PATCH', 'POST']) {
      const res = await rawRequest(t.uiBase, { method: verb, path: '/', body: '' });
      expect(res.status, `${verb} /`).toBe(405);
    }
  });

  it('API methods only take application/json bodies (no simple cross-site POST)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await rawRequest(t.uiBase, {
        method: 'POST',
        path: '/api/listRuns',
        headers: { ...auth(), 'Content-Type': type },
        body: '{}',
      });
      expect(res.status, type).toBe(400);
    }
  });
});

// ---------------------------------------------------------------- 4: loopback-only listeners

function connectError(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('listeners bind 127.0.0.1 only', () => {
  const enginePorts = (): Array<[string, number]> => [
    ['OTLP/HTTP', portOf(t.otlpHttpUrl)],
    ['OTLP/gRPC', portOf(t.otlpGrpcUrl)],
    ['UI/API', portOf(t.uiBase)],
  ];

  it('every port is reachable on 127.0.0.1', async () => {
    for (const [label, port] of enginePorts()) {
      expect(await connectError('127.0.0.1', port), label).toBeNull();
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);

  it.skipIf(external.length === 0)(
    `no port is reachable on this machine's non-loopback IPv4 addresses (${external.join(', ') || 'none found: skipped'})`,
    async () => {
      for (const address of external) {
        for (const [label, port] of enginePorts()) {
          expect(await connectError(address, port), `${label} on ${address}:${port}`).toBe('ECONNREFUSED');
        }
      }
    },
  );

  it('no port is reachable on IPv6 loopback ::1 (no dual-stack wildcard bind)', async () => {
    for (const [label, port] of enginePorts()) {
      expect(await connectError('::1', port), `${label} on [::1]:${port}`).not.toBeNull();
    }
  });
});

// ---------------------------------------------------------------- 5: UI page headers, static files

function expectSecurityHeaders(res: RawResponse, label: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const directives = csp.split(';').map((d) => d.trim());
  expect(directives, `${label} CSP`).toContain("script-src 'self'");
  expect(directives, `${label} CSP`).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options'], label).toBe('nosniff');
}

describe('UI page security headers', () => {
  it('GET / of a built UI → 200 with CSP (script-src self, frame-ancestors none) and nosniff', async () => {
    const res = await rawRequest(t.uiBase, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(UI_MARKER);
    expectSecurityHeaders(res, 'built UI');
  });

  it('GET / of an unbuilt UI → 503 text with the same headers', async () => {
    const res = await rawRequest(unbuilt.uiBase, { path: '/' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expectSecurityHeaders(res, 'unbuilt UI');
  });

  it('GET / on the default UI folder → 200 or 503, always with the headers', async () => {
    const dflt = await startTestEngine();
    try {
      const res = await rawRequest(dflt.uiBase, { path: '/' });
      expect([200, 503]).toContain(res.status);
      expectSecurityHeaders(res, 'default UI');
    } finally {
      await dflt.stop();
    }
  });

  it('API answers carry nosniff too', async () => {
    expectSecurityHeaders(await apiCall('listRuns', auth()), 'api 200');
    expectSecurityHeaders(await apiCall('listRuns', {}), 'api 401');
  });

  it('static paths cannot escape the UI folder', async () => {
    for (const path of [
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/ui/../../secret.txt',
    ]) {
      const res = await rawRequest(t.uiBase, { path });
      expect(res.body.toString(), path).not.toContain(SECRET);
      expect([200, 400, 403, 404], path).toContain(res.status);
    }
  });
});

// ---------------------------------------------------------------- 6: token file

describe('token file', () => {
  it('<dataDir>/auth-token holds the token with mode 0600', () => {
    const file = join(t.dataDir, 'auth-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(t.token);
    expect(t.token).toMatch(/^[0-9a-f]{64}$/);
  });
});
