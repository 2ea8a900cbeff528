import { type Socket, connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEngine, startTestEngine } from '../helpers/engine-fixture';
import { makeGenAiSpans, serializeSpans } from '../helpers/genai-spans';

const IDLE_MS = 400;

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ otlpBodyIdleMs: IDLE_MS });
});
afterAll(async () => {
  await t.stop();
});

/** Sends a request's headers declaring a 20 MB body, then nothing; resolves with what comes back. */
function stalledExport(): { socket: Socket; answer: Promise<string> } {
  const { hostname, port } = new URL(t.otlpHttpUrl);
  const socket = connect(Number(port), hostname);
  socket.write(
    'POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-protobuf\r\n' +
      'Content-Length: 20000000\r\n\r\n',
  );
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  const answer = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  return { socket, answer };
}

function exportSpans(seed: number): Promise<number> {
  return fetch(`${t.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf' },
    body: serializeSpans(makeGenAiSpans(8, seed)),
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}

it('requests that declare a large body and then stall are answered 408 and stop holding the ingest budget', async () => {
  // Two 20 MB reservations fill the 32 MiB budget: other senders are refused (503) meanwhile.
  const stalled = [stalledExport(), stalledExport()];
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await exportSpans(41_000)).toBe(503);

  const answers = await Promise.all(stalled.map((s) => s.answer));
  for (const a of answers) {
    expect(a).toMatch(/^HTTP\/1\.1 408 /);
    expect(a).toMatch(/no request body bytes arrived/);
  }
  expect(await exportSpans(41_001)).toBe(200);
});

it('a slow body that keeps arriving is not cut off', async () => {
  const body = Buffer.from(serializeSpans(makeGenAiSpans(8, 41_002)));
  const { hostname, port } = new URL(t.otlpHttpUrl);
  const socket = connect(Number(port), hostname);
  socket.write(
    `POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-protobuf\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
  );
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  // Four pieces, each well within the idle time of the last, the whole longer than it.
  const step = Math.ceil(body.length / 4);
  for (let at = 0; at < body.length; at += step) {
    socket.write(body.subarray(at, at + step));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 2));
  }
  await closed;
  expect(received).toMatch(/^HTTP\/1\.1 200 /);
});
