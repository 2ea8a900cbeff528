import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ApiErrorBody, type ApiErrorCode, httpStatusOf } from '../../../shared/api/errors';
import { type ApiHandlers, type ApiMethodName, apiMethods, isApiMethodName } from '../../../shared/api/methods';
import { SerializedResult } from '../../../shared/api/serialized-result';
import { isLoopbackHost } from '../http/host-check';
import { readJsonInput } from '../http/read-json-input';
import { SECURITY_HEADERS, serveStatic } from '../http/static-files';
import type { LiveEventsHub } from './live-events-hub';

const API_BODY_LIMIT = 4 * 1024 * 1024;

export interface ApiServerOptions {
  token: string;
  handlers: ApiHandlers;
  hub: LiveEventsHub;
  version: string;
  /** Folder of the built renderer. */
  uiDir: string;
  onError?: (err: unknown) => void;
  /**
   * Routes whose bodies stream (trace upload, export download), by path. They get the same checks
   * as sensitive methods (loopback Host, token, same-origin `Origin`, POST) and then the raw request.
   */
  streamRoutes?: ReadonlyMap<string, StreamRoute>;
}

export type StreamRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(body instanceof SerializedResult ? body.json : JSON.stringify(body));
}

export function sendError(
  res: ServerResponse,
  code: ApiErrorCode,
  message: string,
  extra: Record<string, string> = {},
): void {
  const body: ApiErrorBody = { error: { code, message } };
  res.writeHead(httpStatusOf[code], {
    'Content-Type': 'application/json; charset=utf-8',
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(JSON.stringify(body));
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Same-origin means the page was served by this very server (same scheme, host and port). */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin === `http://${req.headers.host ?? ''}`;
}

/**
 * The UI/API server: the built renderer, `POST /api/<method>` for the typed API, and `GET
 * /api/events` for live events. Every API request needs the per-install token; a foreign `Origin`
 * is refused everywhere, and methods that touch files or spawn processes require a same-origin one.
 * There are no CORS headers at all, so no other site can read an answer.
 */
export function createApiHandler(opts: ApiServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) sendError(res, 'internal', 'internal error');
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers)) {
      sendError(res, 'forbidden', 'Host not allowed: Loupe only answers requests addressed to localhost', {
        Connection: 'close',
      });
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, 'method_not_allowed', `${req.method ?? ''} is not allowed here`, { Allow: 'GET, HEAD' });
        return;
      }
      serveStatic(opts.uiDir, path, res, req.method === 'HEAD');
      return;
    }
    if (req.headers.origin !== undefined && !isSameOrigin(req)) {
      sendError(res, 'forbidden', 'cross-origin requests are not allowed');
      return;
    }
    if (!tokenMatches(req.headers.authorization, opts.token)) {
      sendError(res, 'unauthorized', 'missing or wrong access token; open the link printed by `loupe serve`', {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    if (path === '/api/events') {
      if (req.method !== 'GET') {
        sendError(res, 'method_not_allowed', 'use GET for /api/events', { Allow: 'GET' });
        return;
      }
      opts.hub.attach(res, { version: opts.version });
      return;
    }
    const streamRoute = opts.streamRoutes?.get(path);
    if (streamRoute) {
      if (req.method !== 'POST') {
        sendError(res, 'method_not_allowed', `use POST for ${path}`, { Allow: 'POST' });
      } else if (!isSameOrigin(req)) {
        sendError(res, 'forbidden', `${path} needs a same-origin request (it reads or writes your data in bulk)`);
      } else await streamRoute(req, res);
      return;
    }
    const name = path.slice('/api/'.length);
    if (!isApiMethodName(name)) {
      sendError(res, 'not_found', `no API method "${name}"`);
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 'method_not_allowed', 'API methods are called with POST', { Allow: 'POST' });
      return;
    }
    if (apiMethods[name].sensitive && !isSameOrigin(req)) {
      sendError(res, 'forbidden', `${name} needs a same-origin request (it touches files or processes)`);
      return;
    }
    const input = await readJsonInput(req, apiMethods[name].input, {
      limit: API_BODY_LIMIT,
      requests: 'API requests',
      input: `input for ${name}`,
    });
    if ('error' in input) {
      sendError(res, 'bad_request', input.error);
      return;
    }
    await callMethod(name, input.data, res);
  }

  async function callMethod(name: ApiMethodName, input: unknown, res: ServerResponse): Promise<void> {
    try {
      const handler = opts.handlers[name] as (input: unknown) => unknown;
      const result = await handler(input);
      sendJson(res, 200, result);
    } catch (err) {
      if (err instanceof ApiError) {
        sendError(res, err.code, err.message);
        return;
      }
      throw err;
    }
  }
}
