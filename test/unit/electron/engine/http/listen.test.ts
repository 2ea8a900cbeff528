import { createServer } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { PortInUseError, bindWithFallback, listenHttp } from '../../../../../electron/engine/http/listen';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function occupiedPort(): Promise<number> {
  const s = createServer();
  servers.push(s);
  return listenHttp(s, 0);
}

it('a taken default port falls back to a free one and says so in plain words', async () => {
  const taken = await occupiedPort();
  const s = createServer();
  servers.push(s);
  const bound = await bindWithFallback({ label: 'OTLP/HTTP', port: taken, isDefault: true }, (p) => listenHttp(s, p));
  expect(bound.port).not.toBe(taken);
  expect(bound.notice).toBe(
    `The default OTLP/HTTP port ${taken} is taken by another program, so Loupe is listening on ${bound.port} instead.`,
  );
});

it('a taken port the user chose is an error that names it', async () => {
  const taken = await occupiedPort();
  const s = createServer();
  servers.push(s);
  const attempt = bindWithFallback({ label: 'UI', port: taken, isDefault: false }, (p) => listenHttp(s, p));
  await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
  await expect(attempt).rejects.toThrow(`port ${taken} (UI) is already in use`);
});
