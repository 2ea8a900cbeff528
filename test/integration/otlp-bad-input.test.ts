import { Buffer } from 'node:buffer';
import { constants as zlibConstants, createGzip, gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, SpanRecord } from '../../shared/domain/run';
import type { RunSteps } from '../../shared/domain/step';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import {
  BASE_NS,
  type JsonObject,
  type PbSpan,
  decodeExportResponse,
  decodeRpcStatus,
  jsonSpan,
  jsonStringAttr,
  jsonTraceRequest,
  newSpanId,
  newTraceId,
  pbTraceRequest,
} from '../helpers/otlp-wire';
import { type RawResponse, rawRequest } from '../helpers/raw-http';

const MiB = 1024 * 1024;
const BODY_LIMIT = 20 * MiB;
const GRPC_LIMIT = 4 * MiB;
const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
/** 2300-01-01T00:00:00Z in ns: ~1.04e19, beyond int64 (9.22e18). */
const YEAR_2300_NS = BigInt(Date.UTC(2300, 0, 1)) * 1_000_000n;

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------- helpers

function post(
  body: Buffer | string,
  headers: Record<string, string | number>,
  path = '/v1/traces',
): Promise<RawResponse> {
  return rawRequest(t.otlpHttpUrl, { method: 'POST', path, headers, body });
}

const postJson = (body: JsonObject | string, contentType = 'application/json'): Promise<RawResponse> =>
  post(typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': contentType });

const postProto = (body: Buffer, extra: Record<string, string> = {}): Promise<RawResponse> =>
  post(body, { 'Content-Type': 'application/x-protobuf', ...extra });

function json(res: RawResponse): JsonObject {
  return JSON.parse(res.body.toString('utf8')) as JsonObject;
}

/** partialSuccess of an OTLP JSON answer: rejectedSpans (int64, sent as a string) and errorMessage. */
function partial(res: RawResponse): { rejected: number; message: string } {
  const p = json(res).partialSuccess as { rejectedSpans?: string | number; errorMessage?: string } | undefined;
  return { rejected: Number(p?.rejectedSpans ?? 0), message: p?.errorMessage ?? '' };
}

async function getRun(traceId: string): Promise<RunDetail | null> {
  const { status, body } = await t.api('getRun', { traceId });
  if (status === 404) return null;
  expect(status, JSON.stringify(body)).toBe(200);
  return body as RunDetail;
}

async function mustGetRun(traceId: string): Promise<RunDetail> {
  const run = await getRun(traceId);
  expect(run, `run ${traceId} should be stored`).not.toBeNull();
  return run!;
}

function spanById(detail: RunDetail, spanId: string): SpanRecord {
  const s = detail.spans.find((x) => x.spanId === spanId);
  expect(s, `span ${spanId} should be stored`).toBeDefined();
  return s!;
}

function expectOk(res: RawResponse): void {
  expect(res.status, res.body.toString('utf8').slice(0, 500)).toBe(200);
}

/** A small trace (root + child) made by the real SDK, as ReadableSpans. */
async function sdkSpans(service: string): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('bad-input-sdk');
  const root = tracer.startSpan('sdk.root', { kind: SpanKind.SERVER });
  const child = tracer.startSpan('sdk.child', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, root));
  child.end();
  root.end();
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

function protoOf(spans: ReadableSpan[]): Buffer {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return Buffer.from(bytes);
}

function jsonOf(spans: ReadableSpan[]): Buffer {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return Buffer.from(bytes);
}

const traceIdOf = (spans: ReadableSpan[]): string => spans[0]!.spanContext().traceId;

/** Builds a payload whose total size is exactly `target` bytes by growing one padding string. */
function exactSize(target: number, build: (padLength: number) => Buffer): Buffer {
  let pad = Math.max(0, target - build(0).length);
  for (let i = 0; i < 6; i++) {
    const b = build(pad);
    if (b.length === target) return b;
    pad += target - b.length;
  }
  throw new Error(`could not build a payload of exactly ${target} bytes`);
}

/** One span with a single string attribute `pad` of `padLength` ASCII characters, in protobuf. */
function paddedProto(traceId: string, spanId: string, padLength: number): Buffer {
  return pbTraceRequest([
    {
      traceId,
      spanId,
      name: 'padded',
      startNs: BASE_NS,
      endNs: BASE_NS + 1000n,
      attributes: [['pad', 'p'.repeat(padLength)]],
    },
  ]);
}

/** Streams `bytes` zeros through gzip (RLE strategy: fast, maximal ratio) into one buffer. */
async function gzipZeros(bytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9, strategy: zlibConstants.Z_RLE, chunkSize: MiB });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    gz.on('end', () => resolve());
    gz.on('error', reject);
  });
  const zeros = Buffer.alloc(MiB);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gz.write(zeros)) await new Promise<void>((resolve) => gz.once('drain', () => resolve()));
  }
  gz.end();
  await ended;
  return Buffer.concat(out);
}

// ---------------------------------------------------------------- 1-3: method, path, Content-Type

describe('OTLP/HTTP: method, path and Content-Type', () => {
  it('the first export right after start → 200 and stored (no warm-up needed)', async () => {
    const spans = await sdkSpans('first-export');
    const res = await postProto(protoOf(spans));
    expectOk(res);
    expect((await mustGetRun(traceIdOf(spans))).run.spanCount).toBe(2);
  });

  it('GET /v1/traces → 405 with Allow: POST', async () => {
    const res = await rawRequest(t.otlpHttpUrl, { method: 'GET', path: '/v1/traces' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('PUT and DELETE on /v1/traces → 405', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await rawRequest(t.otlpHttpUrl, {
        method,
        path: '/v1/traces',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status, method).toBe(405);
    }
  });

  it('an unknown path → 404', async () => {
    expectOk(await postJson('{}')); // the real path works with the same request
    for (const path of ['/v2/traces', '/', '/v1/traces/extra', '/v1/span', '/V1/TRACES']) {
      const bad = await post('{}', { 'Content-Type': 'application/json' }, path);
      expect(bad.status, path).toBe(404);
    }
  });

  it('a missing Content-Type and cross-site "simple" types → 415, nothing stored', async () => {
    const traceId = newTraceId();
    const body = JSON.stringify(jsonTraceRequest([jsonSpan({ traceId, spanId: newSpanId(), name: 'simple.post' })]));
    const none = await post(body, {});
    expect(none.status).toBe(415);
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain; application/json',
    ]) {
      const res = await post(body, { 'Content-Type': type });
      expect(res.status, type).toBe(415);
    }
    expect(await getRun(traceId)).toBeNull();
  });

  it('APPLICATION/JSON and application/json; charset=utf-8 are accepted and stored', async () => {
    for (const type of ['APPLICATION/JSON', 'application/json; charset=utf-8', 'Application/Json ;Charset=UTF-8']) {
      const spans = await sdkSpans(`content-type ${type}`);
      const res = await post(jsonOf(spans), { 'Content-Type': type });
      expectOk(res);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const run = await mustGetRun(traceIdOf(spans));
      expect(run.run.spanCount).toBe(2);
      expect(run.run.name).toBe('sdk.root');
      expect(run.run.service).toBe(`content-type ${type}`);
    }
  });
});

// ---------------------------------------------------------------- 4: undecodable payloads

describe('OTLP/HTTP: undecodable payloads', () => {
  it('truncated protobuf → 400 with a google.rpc.Status protobuf body; the engine keeps serving', async () => {
    const spans = await sdkSpans('truncated');
    const full = protoOf(spans);
    const res = await postProto(full.subarray(0, Math.floor(full.length / 2)));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const status = decodeRpcStatus(res.body);
    expect(status.code).toBe(3); // INVALID_ARGUMENT
    expect(status.message).toMatch(/protobuf/i);
    expect(await getRun(traceIdOf(spans))).toBeNull();

    const ok = await postProto(full);
    expectOk(ok);
    expect(ok.body.length).toBe(0); // empty ExportTraceServiceResponse: partial_success unset
    expect((await mustGetRun(traceIdOf(spans))).run.spanCount).toBe(2);
  });

  it('garbage JSON → 400 with a JSON {code: 3, message}; the engine keeps serving', async () => {
    for (const garbage of ['{"resourceSpans": [', 'not json at all', '[1,2,3]', '"a string"', '{"resourceSpans": 5}']) {
      const res = await postJson(garbage);
      expect(res.status, garbage).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = json(res);
      expect(body.code, garbage).toBe(3);
      expect(typeof body.message).toBe('string');
      expect((body.message as string).length).toBeGreaterThan(0);
    }
    const spans = await sdkSpans('after-garbage');
    expectOk(await post(jsonOf(spans), { 'Content-Type': 'application/json' }));
    expect((await mustGetRun(traceIdOf(spans))).run.spanCount).toBe(2);
  });

  it('a bogus Content-Encoding (br2) → 400', async () => {
    const traceId = newTraceId();
    const res = await post(
      JSON.stringify(jsonTraceRequest([jsonSpan({ traceId, spanId: newSpanId(), name: 'br2' })])),
      {
        'Content-Type': 'application/json',
        'Content-Encoding': 'br2',
      },
    );
    expect(res.status).toBe(400);
    expect(json(res).code).toBe(3);
    expect(json(res).message).toMatch(/br2/);
    expect(await getRun(traceId)).toBeNull();
  });

  it('a body labelled gzip that is not gzip → 400', async () => {
    const res = await post('{"resourceSpans":[]}', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(json(res).code).toBe(3);
  });
});

// ---------------------------------------------------------------- 5: OTLP JSON variants

describe('OTLP/HTTP JSON variants', () => {
  it('uppercase hex ids are accepted and stored lowercase', async () => {
    const traceId = newTraceId();
    const root = newSpanId();
    const child = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId: traceId.toUpperCase(), spanId: root.toUpperCase(), name: 'upper.root' }),
        jsonSpan({
          traceId: traceId.toUpperCase(),
          spanId: child.toUpperCase(),
          parentSpanId: root.toUpperCase(),
          name: 'upper.child',
        }),
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(0);
    const run = await mustGetRun(traceId);
    expect(run.run).toMatchObject({ spanCount: 2, name: 'upper.root', hasRoot: true });
    expect(spanById(run, child).parentSpanId).toBe(root);
  });

  it('base64 ids are accepted', async () => {
    const traceId = newTraceId();
    const root = newSpanId();
    const child = newSpanId();
    const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId: b64(traceId), spanId: b64(root), name: 'b64.root' }),
        jsonSpan({ traceId: b64(traceId), spanId: b64(child), parentSpanId: b64(root), name: 'b64.child' }),
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(0);
    const run = await mustGetRun(traceId);
    expect(run.run.spanCount).toBe(2);
    expect(spanById(run, child).parentSpanId).toBe(root);
  });

  it('wrong-length and all-zero ids → 200 with rejectedSpans and a message; valid spans of the batch stored', async () => {
    const traceId = newTraceId();
    const good1 = newSpanId();
    const good2 = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId, spanId: good1, name: 'good.1' }),
        jsonSpan({ traceId: traceId.slice(0, 30), spanId: newSpanId(), name: 'short.trace' }),
        jsonSpan({ traceId: `${traceId}abcd`, spanId: newSpanId(), name: 'long.trace' }),
        jsonSpan({ traceId, spanId: newSpanId().slice(0, 14), name: 'short.span' }),
        jsonSpan({ traceId: '0'.repeat(32), spanId: newSpanId(), name: 'zero.trace' }),
        jsonSpan({ traceId, spanId: '0'.repeat(16), name: 'zero.span' }),
        jsonSpan({ traceId, spanId: good2, parentSpanId: good1, name: 'good.2' }),
      ]),
    );
    expectOk(res);
    const p = partial(res);
    expect(p.rejected).toBe(5);
    expect(p.message).toMatch(/traceId/);
    expect(p.message).toMatch(/spanId/);
    const run = await mustGetRun(traceId);
    expect(run.run.spanCount).toBe(2);
    expect(run.spans.map((s) => s.name).sort()).toEqual(['good.1', 'good.2']);
    expect(await getRun('0'.repeat(32))).toBeNull();
  });

  it('enum names (SPAN_KIND_CLIENT, STATUS_CODE_ERROR) are accepted', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({
          traceId,
          spanId,
          name: 'enum.names',
          kind: 'SPAN_KIND_CLIENT',
          status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
        }),
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(0);
    const run = await mustGetRun(traceId);
    expect(spanById(run, spanId)).toMatchObject({ kind: 3, statusCode: 2, statusMessage: 'boom' });
    expect(run.run).toMatchObject({ status: 'error', errorCount: 1 });
  });

  it('snake_case keys → stored, with a warning in partialSuccess.errorMessage', async () => {
    const traceId = newTraceId();
    const root = newSpanId();
    const child = newSpanId();
    const span = (spanId: string, parent: string, name: string, start: bigint): JsonObject => ({
      trace_id: traceId,
      span_id: spanId,
      parent_span_id: parent,
      name,
      kind: 2,
      start_time_unix_nano: String(start),
      end_time_unix_nano: String(start + 5_000n),
      dropped_attributes_count: 3,
      attributes: [{ key: 'snake.attr', value: { string_value: 'yes' } }],
    });
    const res = await postJson({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'snake-service' } }] },
          scope_spans: [
            {
              scope: { name: 'snake-scope' },
              spans: [span(root, '', 'snake.root', BASE_NS + 7n), span(child, root, 'snake.child', BASE_NS + 9n)],
            },
          ],
        },
      ],
    });
    expectOk(res);
    const p = partial(res);
    expect(p.rejected).toBe(0);
    expect(p.message).toMatch(/snake_case/);
    const run = await mustGetRun(traceId);
    expect(run.run).toMatchObject({
      name: 'snake.root',
      service: 'snake-service',
      spanCount: 2,
      startNs: String(BASE_NS + 7n),
    });
    const c = spanById(run, child);
    expect(c).toMatchObject({
      parentSpanId: root,
      startNs: String(BASE_NS + 9n),
      endNs: String(BASE_NS + 5_009n),
      droppedAttributesCount: 3,
    });
    expect(c.attributes).toEqual({ 'snake.attr': 'yes' });
  });

  it('unknown fields are ignored at every level', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const extra = { someFutureField: { nested: [1, 'two', null] }, anotherOne: 'x' };
    const res = await postJson({
      ...extra,
      resourceSpans: [
        {
          ...extra,
          resource: {
            ...extra,
            attributes: [{ ...extra, key: 'service.name', value: { stringValue: 'unknown-fields' } }],
          },
          scopeSpans: [
            {
              ...extra,
              scope: { ...extra, name: 's' },
              spans: [
                {
                  ...jsonSpan({ traceId, spanId, name: 'unknown.fields' }),
                  ...extra,
                  status: { code: 1, ...extra },
                  events: [{ timeUnixNano: String(BASE_NS + 1n), name: 'ev', ...extra }],
                },
              ],
            },
          ],
        },
      ],
    });
    expectOk(res);
    expect(partial(res).rejected).toBe(0);
    const run = await mustGetRun(traceId);
    expect(run.run.service).toBe('unknown-fields');
    const s = spanById(run, spanId);
    expect(s.statusCode).toBe(1);
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({ name: 'ev', timeNs: String(BASE_NS + 1n) });
  });

  it('int64 as strings keeps exact nanoseconds', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({
          traceId,
          spanId,
          name: 'int64.string',
          startNs: '1700000000123456789',
          endNs: '1700000000987654321',
        }),
      ]),
    );
    expectOk(res);
    const s = spanById(await mustGetRun(traceId), spanId);
    expect(s.startNs).toBe('1700000000123456789');
    expect(s.endNs).toBe('1700000000987654321');
  });

  it('int64 as bare JSON numbers above 2^53 keeps exact nanoseconds and int values', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const text = JSON.stringify(
      jsonTraceRequest([
        jsonSpan({
          traceId,
          spanId,
          name: 'int64.bare',
          startNs: '@START@',
          endNs: '@END@',
          attributes: [
            { key: 'big.int', value: { intValue: '@BIGINT@' } },
            { key: 'small.int', value: { intValue: 42 } },
            { key: 'neg.int', value: { intValue: '-9223372036854775808' } },
          ],
        }),
      ]),
    )
      .replace('"@START@"', '1700000000123456789')
      .replace('"@END@"', '1700000000987654321')
      .replace('"@BIGINT@"', '9007199254740993');
    expect(text).toContain('"startTimeUnixNano":1700000000123456789');
    const res = await postJson(text);
    expectOk(res);
    const s = spanById(await mustGetRun(traceId), spanId);
    expect(s.startNs).toBe('1700000000123456789');
    expect(s.endNs).toBe('1700000000987654321');
    expect(s.attributes).toEqual({
      'big.int': { $int: '9007199254740993' },
      'small.int': 42,
      'neg.int': { $int: '-9223372036854775808' },
    });
  });

  it('doubles with 16+ fractional digits (0.1 + 0.2, Math.random()) next to big ints decode exactly', async () => {
    // Any real OTLP JSON body holds 19-digit nanosecond timestamps, so the engine's big-int quoting
    // pass runs on every export; it must not touch the digits after a decimal point.
    const traceId = newTraceId();
    const spanId = newSpanId();
    const sum = 0.1 + 0.2; // JSON: 0.30000000000000004
    const small = 0.8444218515250481;
    const body = JSON.stringify(
      jsonTraceRequest([
        jsonSpan({
          traceId,
          spanId,
          name: 'doubles',
          attributes: [
            { key: 'sum', value: { doubleValue: sum } },
            { key: 'random', value: { doubleValue: small } },
          ],
        }),
      ]),
    );
    expect(body).toContain('0.30000000000000004');
    const res = await postJson(body);
    expectOk(res);
    expect(spanById(await mustGetRun(traceId), spanId).attributes).toEqual({ sum, random: small });
  });
});

// ---------------------------------------------------------------- 6-8: size, compression, empty

describe('OTLP/HTTP: body size, compression and empty requests', () => {
  it('a small gzip body inflating to 1 GiB → 413 without a memory spike', async () => {
    const bomb = await gzipZeros(1024 * MiB);
    expect(bomb.length).toBeLessThan(2 * MiB);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 2);
    const started = Date.now();
    let res: RawResponse;
    try {
      res = await post(bomb, { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'gzip' });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(res.status).toBe(413);
    expect(decodeRpcStatus(res.body).code).toBe(8);
    expect(peak - before, `RSS grew by ${Math.round((peak - before) / MiB)} MiB`).toBeLessThan(200 * MiB);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Still serving.
    expectOk(await postProto(Buffer.alloc(0)));
  });

  it('protobuf: exactly 20 MiB → 200 and stored; 20 MiB + 1 byte → 413 and not stored', async () => {
    const okTrace = newTraceId();
    const okSpan = newSpanId();
    const atLimit = exactSize(BODY_LIMIT, (n) => paddedProto(okTrace, okSpan, n));
    const res = await postProto(atLimit);
    expectOk(res);
    const stored = spanById(await mustGetRun(okTrace), okSpan).attributes.pad;
    expect(typeof stored === 'string' ? stored.length : -1).toBeGreaterThan(BODY_LIMIT - 200);

    const bigTrace = newTraceId();
    const overLimit = exactSize(BODY_LIMIT + 1, (n) => paddedProto(bigTrace, newSpanId(), n));
    const big = await postProto(overLimit);
    expect(big.status).toBe(413);
    expect(decodeRpcStatus(big.body).code).toBe(8); // RESOURCE_EXHAUSTED
    expect(await getRun(bigTrace)).toBeNull();
  });

  it('gzip protobuf: inflating to exactly 20 MiB → 200; to 20 MiB + 1 → 413 (limit after decompression)', async () => {
    const okTrace = newTraceId();
    const okSpan = newSpanId();
    const atLimit = gzipSync(exactSize(BODY_LIMIT, (n) => paddedProto(okTrace, okSpan, n)));
    expect(atLimit.length).toBeLessThan(MiB);
    expectOk(await postProto(atLimit, { 'Content-Encoding': 'gzip' }));
    expect((await mustGetRun(okTrace)).run.spanCount).toBe(1);

    const bigTrace = newTraceId();
    const overLimit = gzipSync(exactSize(BODY_LIMIT + 1, (n) => paddedProto(bigTrace, newSpanId(), n)));
    const big = await postProto(overLimit, { 'Content-Encoding': 'gzip' });
    expect(big.status).toBe(413);
    expect(decodeRpcStatus(big.body).code).toBe(8);
    expect(await getRun(bigTrace)).toBeNull();
  });

  it('JSON: exactly 20 MiB (many 1 MiB attributes) → 200; + 1 byte → 413; same with gzip', async () => {
    const build =
      (traceId: string, spanId: string) =>
      (padLength: number): Buffer => {
        const attributes: JsonObject[] = [];
        let left = padLength;
        for (let i = 0; left > 0; i++) {
          const n = Math.min(left, MiB);
          attributes.push(jsonStringAttr(`pad.${i}`, 'j'.repeat(n)));
          left -= n;
        }
        return Buffer.from(
          JSON.stringify(jsonTraceRequest([jsonSpan({ traceId, spanId, name: 'json.padded', attributes })])),
        );
      };
    for (const gzip of [false, true]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (gzip) headers['Content-Encoding'] = 'gzip';
      const encode = (b: Buffer): Buffer => (gzip ? gzipSync(b) : b);

      const okTrace = newTraceId();
      const ok = await post(encode(exactSize(BODY_LIMIT, build(okTrace, newSpanId()))), headers);
      expect(ok.status, `gzip=${gzip}: ${ok.body.toString().slice(0, 300)}`).toBe(200);
      expect((await mustGetRun(okTrace)).run.spanCount).toBe(1);

      const bigTrace = newTraceId();
      const big = await post(encode(exactSize(BODY_LIMIT + 1, build(bigTrace, newSpanId()))), headers);
      expect(big.status, `gzip=${gzip}`).toBe(413);
      expect(json(big).code).toBe(8);
      expect(await getRun(bigTrace)).toBeNull();
    }
  });

  it('an empty protobuf body → 200 with an empty response', async () => {
    const res = await postProto(Buffer.alloc(0));
    expectOk(res);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.body.length).toBe(0);
  });

  it('an empty JSON request {} → 200 without partialSuccess', async () => {
    const res = await postJson('{}');
    expectOk(res);
    expect(json(res)).toEqual({});
  });

  it('a zero-length JSON body → 200 (an empty request should succeed)', async () => {
    const res = await post(Buffer.alloc(0), { 'Content-Type': 'application/json' });
    expectOk(res);
  });
});

// ---------------------------------------------------------------- 9: partly invalid batches

describe('OTLP/HTTP: partly invalid batches', () => {
  it('protobuf batch with 3 bad spans of 5 → 200, partial_success.rejected_spans = 3; good spans stored', async () => {
    const traceId = newTraceId();
    const a = newSpanId();
    const b = newSpanId();
    const at = (ms: number): bigint => BASE_NS + BigInt(ms) * 1_000_000n;
    const spans: PbSpan[] = [
      { traceId, spanId: a, name: 'good.a', startNs: at(0), endNs: at(10) },
      { traceId, spanId: newSpanId(), name: 'end.before.start', startNs: at(10), endNs: at(5) },
      { traceId, spanId: '0000000000000000', name: 'zero.span', startNs: at(1), endNs: at(2) },
      { traceId: traceId.slice(0, 16), spanId: newSpanId(), name: 'short.trace', startNs: at(1), endNs: at(2) },
      { traceId, spanId: b, parentSpanId: a, name: 'good.b', startNs: at(1), endNs: at(9) },
    ];
    const res = await postProto(pbTraceRequest(spans));
    expectOk(res);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const p = decodeExportResponse(res.body);
    expect(p).not.toBeNull();
    expect(p!.rejectedSpans).toBe(3);
    expect(p!.errorMessage).toMatch(/before/);
    const run = await mustGetRun(traceId);
    expect(run.run.spanCount).toBe(2);
    expect(run.spans.map((s) => s.name).sort()).toEqual(['good.a', 'good.b']);
  });

  it('JSON span ending before it starts → rejected with a message', async () => {
    const traceId = newTraceId();
    const good = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId, spanId: good, name: 'good' }),
        jsonSpan({
          traceId,
          spanId: newSpanId(),
          name: 'backwards',
          startNs: String(BASE_NS + 10n),
          endNs: String(BASE_NS + 9n),
        }),
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(1);
    expect(partial(res).message).toMatch(/before/);
    expect((await mustGetRun(traceId)).spans.map((s) => s.spanId)).toEqual([good]);
  });

  it('links with ids that point nowhere are left out with a warning; the span and its valid link are stored', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const linked = { traceId: newTraceId(), spanId: newSpanId() };
    const res = await postJson(
      jsonTraceRequest([
        {
          ...jsonSpan({ traceId, spanId, name: 'linked' }),
          links: [linked, { traceId: 'zz', spanId: '12' }, { traceId: '0'.repeat(32), spanId: newSpanId() }],
        },
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(0);
    expect(partial(res).message).toMatch(/2 link\(s\) left out: link traceId must be 16 bytes/);
    const span = spanById(await mustGetRun(traceId), spanId);
    expect(span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId }))).toEqual([linked]);
    expect(span.droppedLinksCount).toBe(2);
    expect(JSON.stringify(span.links)).not.toMatch(/invalid:/);
  });
});

// ---------------------------------------------------------------- 10: hostile spans

describe('OTLP/HTTP: hostile spans', () => {
  const tenMiBValue = (): string => '0123456789abcdef'.repeat((10 * MiB) / 16);

  it('a 10 MiB attribute value (protobuf) is stored and read back intact', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const value = tenMiBValue();
    const body = pbTraceRequest([
      { traceId, spanId, name: 'huge.attr', startNs: BASE_NS, endNs: BASE_NS + 1n, attributes: [['prompt', value]] },
    ]);
    expect(body.length).toBeLessThan(BODY_LIMIT);
    expectOk(await postProto(body));
    expect(spanById(await mustGetRun(traceId), spanId).attributes.prompt === value).toBe(true);
  });

  it('a 10 MiB attribute value (JSON) is stored and read back intact', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const value = tenMiBValue();
    const body = JSON.stringify(
      jsonTraceRequest([
        jsonSpan({ traceId, spanId, name: 'huge.attr.json', attributes: [jsonStringAttr('prompt', value)] }),
      ]),
    );
    expect(body.length).toBeLessThan(BODY_LIMIT);
    const res = await postJson(body);
    expectOk(res);
    expect(spanById(await mustGetRun(traceId), spanId).attributes.prompt === value).toBe(true);
  });

  it('a span that is its own parent, and a two-span parent cycle, are stored and readable', async () => {
    const selfTrace = newTraceId();
    const self = newSpanId();
    const cycleTrace = newTraceId();
    const a = newSpanId();
    const b = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId: selfTrace, spanId: self, parentSpanId: self, name: 'self.parent' }),
        jsonSpan({ traceId: cycleTrace, spanId: a, parentSpanId: b, name: 'cycle.a' }),
        jsonSpan({ traceId: cycleTrace, spanId: b, parentSpanId: a, name: 'cycle.b' }),
      ]),
    );
    expectOk(res);
    const selfRun = await mustGetRun(selfTrace);
    expect(selfRun.run).toMatchObject({ name: 'self.parent', spanCount: 1, hasRoot: false });
    expect(spanById(selfRun, self).parentSpanId).toBe(self);
    const cycle = await mustGetRun(cycleTrace);
    expect(cycle.run.spanCount).toBe(2);
    expect(spanById(cycle, a).parentSpanId).toBe(b);
    expect(spanById(cycle, b).parentSpanId).toBe(a);
    const list = await t.api('listRuns', { limit: 5000 });
    expect(list.status).toBe(200);
    expect((list.body as Array<{ traceId: string }>).some((r) => r.traceId === cycleTrace)).toBe(true);
  });

  it('duplicate span ids in one batch are stored once', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const other = newSpanId();
    const dup = jsonSpan({ traceId, spanId, name: 'dup' });
    const res = await postJson(
      jsonTraceRequest([dup, dup, jsonSpan({ traceId, spanId: other, parentSpanId: spanId, name: 'other' }), dup]),
    );
    expectOk(res);
    const run = await mustGetRun(traceId);
    expect(run.spans.filter((s) => s.spanId === spanId)).toHaveLength(1);
    expect(run.spans).toHaveLength(2);
    expect(run.run.spanCount).toBe(2);
  });

  it('children arriving before their parent: the run takes the root name when it arrives', async () => {
    const traceId = newTraceId();
    const root = newSpanId();
    const child = newSpanId();
    const grandchild = newSpanId();
    expectOk(
      await postJson(
        jsonTraceRequest([
          jsonSpan({
            traceId,
            spanId: child,
            parentSpanId: root,
            name: 'early.child',
            startNs: String(BASE_NS + 10n),
            endNs: String(BASE_NS + 20n),
          }),
          jsonSpan({
            traceId,
            spanId: grandchild,
            parentSpanId: child,
            name: 'early.grandchild',
            startNs: String(BASE_NS + 11n),
            endNs: String(BASE_NS + 19n),
          }),
        ]),
      ),
    );
    const before = await mustGetRun(traceId);
    expect(before.run).toMatchObject({ hasRoot: false, spanCount: 2 });
    expectOk(
      await postJson(
        jsonTraceRequest(
          [
            jsonSpan({
              traceId,
              spanId: root,
              name: 'late.root',
              startNs: String(BASE_NS),
              endNs: String(BASE_NS + 30n),
            }),
          ],
          'root-service',
        ),
      ),
    );
    const after = await mustGetRun(traceId);
    expect(after.run).toMatchObject({
      name: 'late.root',
      service: 'root-service',
      hasRoot: true,
      spanCount: 3,
      startNs: String(BASE_NS),
      endNs: String(BASE_NS + 30n),
    });
  });

  it('a span in 1970 is accepted; one in 2300 (beyond int64 ns) is rejected with a message', async () => {
    const oldTrace = newTraceId();
    const oldSpan = newSpanId();
    const futureTrace = newTraceId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({ traceId: oldTrace, spanId: oldSpan, name: 'year.1970', startNs: '1000', endNs: '2000' }),
        jsonSpan({
          traceId: futureTrace,
          spanId: newSpanId(),
          name: 'year.2300',
          startNs: String(YEAR_2300_NS),
          endNs: String(YEAR_2300_NS + 1000n),
        }),
      ]),
    );
    expectOk(res);
    expect(partial(res).rejected).toBe(1);
    expect(partial(res).message).toMatch(/int64|2262/);
    const old = await mustGetRun(oldTrace);
    expect(spanById(old, oldSpan)).toMatchObject({ startNs: '1000', endNs: '2000' });
    expect(old.run.startTime).toBe('1970-01-01T00:00:00.000Z');
    expect(await getRun(futureTrace)).toBeNull();

    // The same over protobuf, where fixed64 can carry the value.
    const pbFuture = newTraceId();
    const pb = await postProto(
      pbTraceRequest([
        { traceId: pbFuture, spanId: newSpanId(), name: 'pb.2300', startNs: YEAR_2300_NS, endNs: YEAR_2300_NS + 1n },
      ]),
    );
    expectOk(pb);
    expect(decodeExportResponse(pb.body)?.rejectedSpans).toBe(1);
    expect(await getRun(pbFuture)).toBeNull();
  });

  it('invalid UTF-8 in protobuf strings is stored (as U+FFFD) without breaking reads', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const res = await postProto(
      pbTraceRequest([
        {
          traceId,
          spanId,
          name: Buffer.from([0x61, 0xff, 0xfe, 0x62]),
          startNs: BASE_NS,
          endNs: BASE_NS + 1n,
          attributes: [
            [Buffer.from([0x6b, 0xc3]), 'value'],
            ['surrogate', Buffer.from([0xed, 0xa0, 0x80])],
          ],
        },
      ]),
    );
    expectOk(res);
    const run = await mustGetRun(traceId);
    const s = spanById(run, spanId);
    expect(s.name).toBe('a\uFFFD\uFFFDb');
    expect(run.run.name).toBe('a\uFFFD\uFFFDb');
    expect(s.attributes).toEqual({ 'k\uFFFD': 'value', surrogate: '\uFFFD\uFFFD\uFFFD' });
    expect((await t.api('listRuns', {})).status).toBe(200);
  });

  it('RTL overrides, <script>, NUL and emoji in names and attributes are stored verbatim', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const name = '\u202Egnp.exe <script>alert(1)</script> مرحبا שלום \u0000 nul 🧪';
    const attrs = {
      '<img src=x onerror=alert(1)>': '"><svg onload=alert(2)>',
      'rtl.\u202E': '\u200F\u202B עברית \u202C',
      'quote"key': "it's \\ back\\slash",
    };
    const res = await postJson(
      jsonTraceRequest(
        [jsonSpan({ traceId, spanId, name, attributes: Object.entries(attrs).map(([k, v]) => jsonStringAttr(k, v)) })],
        '<script>service</script>',
      ),
    );
    expectOk(res);
    const run = await mustGetRun(traceId);
    expect(run.run.name).toBe(name);
    expect(run.run.service).toBe('<script>service</script>');
    expect(spanById(run, spanId).name).toBe(name);
    expect(spanById(run, spanId).attributes).toEqual(attrs);
  });

  it('attribute keys named like Object.prototype members (__proto__, constructor) are kept', async () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    const res = await postJson(
      jsonTraceRequest([
        jsonSpan({
          traceId,
          spanId,
          name: 'proto.keys',
          attributes: [
            jsonStringAttr('__proto__', 'polluted?'),
            jsonStringAttr('constructor', 'c'),
            jsonStringAttr('toString', 's'),
          ],
        }),
      ]),
    );
    expectOk(res);
    const pbTrace = newTraceId();
    const pbSpanId = newSpanId();
    const pb = await postProto(
      pbTraceRequest([
        {
          traceId: pbTrace,
          spanId: pbSpanId,
          name: 'proto.keys.pb',
          startNs: BASE_NS,
          endNs: BASE_NS + 1n,
          attributes: [
            ['__proto__', 'polluted?'],
            ['constructor', 'c'],
            ['toString', 's'],
          ],
        },
      ]),
    );
    expectOk(pb);
    for (const [label, tid, sid] of [
      ['protobuf', pbTrace, pbSpanId],
      ['JSON', traceId, spanId],
    ] as const) {
      const attrs = spanById(await mustGetRun(tid), sid).attributes;
      expect(Object.keys(attrs).sort(), label).toEqual(['__proto__', 'constructor', 'toString']);
      expect(Object.getOwnPropertyDescriptor(attrs, '__proto__')?.value, label).toBe('polluted?');
    }
  });

  it('GenAI values named like Object.prototype members (provider, model, finish reason) are stored as the text sent', async () => {
    const cases = [
      ['constructor', 'toString', 'constructor'],
      ['__proto__', 'hasOwnProperty', '__proto__'],
      ['toString.chat', 'valueOf', 'toString'],
    ] as const;
    const spans = cases.map(([provider, model, finish]) => ({
      traceId: newTraceId(),
      spanId: newSpanId(),
      name: `chat ${model}`,
      startNs: BASE_NS,
      endNs: BASE_NS + 1_000_000n,
      attributes: [
        ['gen_ai.operation.name', 'chat'],
        ['gen_ai.system', provider],
        ['gen_ai.request.model', model],
        ['gen_ai.response.finish_reasons', finish],
      ] as Array<[string, string]>,
    }));
    // Twice: the normalizer remembers providers and finish reasons it worked out before.
    for (let round = 0; round < 2; round++) {
      const res = await postProto(pbTraceRequest(spans.map((s) => ({ ...s, traceId: newTraceId() }))));
      expectOk(res);
    }
    const res = await postProto(pbTraceRequest(spans));
    expectOk(res);
    for (const [i, [provider, model, finish]] of cases.entries()) {
      const { status, body } = await t.api('getRunSteps', { traceId: spans[i]!.traceId });
      expect(status, JSON.stringify(body)).toBe(200);
      const [step] = (body as RunSteps).steps;
      expect(step?.kind, provider).toBe('llm');
      expect(step?.provider, provider).toBe(provider.toLowerCase());
      expect(step?.requestModel, provider).toBe(model);
      expect(step?.finishReason, provider).toBe(finish.toLowerCase());
    }
  });
});

// ---------------------------------------------------------------- 11: gRPC

describe('OTLP/gRPC: raw client', () => {
  let client: grpc.Client;
  beforeAll(() => {
    const target = t.otlpGrpcUrl.replace(/^https?:\/\//, '');
    client = new grpc.Client(target, grpc.credentials.createInsecure(), {
      'grpc.max_send_message_length': -1,
      'grpc.max_receive_message_length': -1,
    });
  });
  afterAll(() => client?.close());

  function exportRaw(payload: Buffer): Promise<{ error: grpc.ServiceError | null; response: Buffer | undefined }> {
    return new Promise((resolve) => {
      client.makeUnaryRequest<Buffer, Buffer>(
        TRACE_EXPORT,
        (b) => b,
        (b) => b,
        payload,
        { deadline: Date.now() + 20_000 },
        (error, response) => resolve({ error, response }),
      );
    });
  }

  it('a valid message → OK and stored', async () => {
    const spans = await sdkSpans('grpc-raw');
    const { error, response } = await exportRaw(protoOf(spans));
    expect(error).toBeNull();
    expect(response?.length).toBe(0);
    const run = await mustGetRun(traceIdOf(spans));
    expect(run.run).toMatchObject({ name: 'sdk.root', service: 'grpc-raw', spanCount: 2 });
  });

  it('a message of exactly 4 MiB → OK; 4 MiB + 1 byte → RESOURCE_EXHAUSTED and not stored', async () => {
    const okTrace = newTraceId();
    const ok = await exportRaw(exactSize(GRPC_LIMIT, (n) => paddedProto(okTrace, newSpanId(), n)));
    expect(ok.error).toBeNull();
    expect((await mustGetRun(okTrace)).run.spanCount).toBe(1);

    const bigTrace = newTraceId();
    const big = await exportRaw(exactSize(GRPC_LIMIT + 1, (n) => paddedProto(bigTrace, newSpanId(), n)));
    expect(big.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(await getRun(bigTrace)).toBeNull();
  });

  it('garbage and truncated bytes → INVALID_ARGUMENT; the server keeps serving', async () => {
    const garbage = await exportRaw(Buffer.alloc(64, 0xff));
    expect(garbage.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const spans = await sdkSpans('grpc-after-garbage');
    const full = protoOf(spans);
    const truncated = await exportRaw(full.subarray(0, full.length - 3));
    expect(truncated.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await getRun(traceIdOf(spans))).toBeNull();
    expect((await exportRaw(full)).error).toBeNull();
    expect((await mustGetRun(traceIdOf(spans))).run.spanCount).toBe(2);
  });
});

// ---------------------------------------------------------------- 12: retries

describe('OTLP: retried exports', () => {
  it('the same protobuf body sent twice → spans stored once, spanCount unchanged', async () => {
    const spans = await sdkSpans('retry-proto');
    const body = protoOf(spans);
    expectOk(await postProto(body));
    const first = await mustGetRun(traceIdOf(spans));
    expect(first.run.spanCount).toBe(2);
    expectOk(await postProto(body));
    const second = await mustGetRun(traceIdOf(spans));
    expect(second.run.spanCount).toBe(2);
    expect(second.spans).toHaveLength(2);
    expect(second.run.endNs).toBe(first.run.endNs);
  });

  it('the same JSON body sent twice (once gzipped) → stored once', async () => {
    const spans = await sdkSpans('retry-json');
    const body = jsonOf(spans);
    expectOk(await post(body, { 'Content-Type': 'application/json' }));
    expectOk(await post(gzipSync(body), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }));
    const run = await mustGetRun(traceIdOf(spans));
    expect(run.run.spanCount).toBe(2);
    expect(run.spans).toHaveLength(2);
  });
});
