import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake API sees it: the body parsed as JSON, or the raw text when it is not JSON. */
export interface LocalRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type LocalRoute = (req: LocalRequest, res: ServerResponse) => void | Promise<void>;

export interface LocalServer {
  /** Base URL without a path, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts a `text/event-stream` answer (server-sent events). */
export function startSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function toLocalRequest(req: IncomingMessage): Promise<LocalRequest> {
  const text = await readBody(req);
  let body: unknown = text;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // keep the raw text
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/', headers, body };
}

/**
 * An HTTP server on 127.0.0.1 and a free port that hands each request, body read, to `route`. A
 * route that throws answers 500 (or ends a response already under way).
 */
export async function startLocalJsonServer(route: LocalRoute): Promise<LocalServer> {
  const server: Server = createServer((req, res) => {
    toLocalRequest(req)
      .then((request) => route(request, res))
      .catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
