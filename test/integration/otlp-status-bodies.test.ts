import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t.stop();
});

it('404 and 405 carry a google.rpc.Status in the request encoding when it has one', async () => {
  const notFound = await fetch(`${t.otlpHttpUrl}/v1/spans`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get('content-type')).toBe('application/json');
  expect(await notFound.json()).toMatchObject({ code: 5, message: expect.stringContaining('/v1/traces') as string });

  const wrongMethod = await fetch(`${t.otlpHttpUrl}/v1/traces`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/x-protobuf' },
  });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('POST');
  const body = Buffer.from(await wrongMethod.arrayBuffer());
  expect(body[0]).toBe(0x08); // field 1 (code), varint
  expect(body[1]).toBe(12); // UNIMPLEMENTED
  expect(body.toString('utf8')).toContain('OTLP uses POST');

  const plain = await fetch(`${t.otlpHttpUrl}/v1/traces`);
  expect(plain.status).toBe(405);
  expect(plain.headers.get('content-type')).toContain('text/plain');
});
