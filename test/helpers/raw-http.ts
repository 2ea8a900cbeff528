import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequestOptions {
  method?: string;
  /** Path and query, sent exactly as given (no normalization of `..` or `%2e`). */
  path?: string;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
  /** false = send no Host header at all. */
  setHost?: boolean;
}

/**
 * One HTTP/1.1 request over a fresh connection with node:http, which (unlike fetch) lets a test set
 * any Host header, send no Content-Type, and use any method. Resolves with the full response. A
 * server that answers early (413) and closes while the body is still being written is fine: an
 * error after the response has arrived is ignored.
 */
export function rawRequest(baseUrl: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let gotResponse = false;
    const req = request({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port),
      method: opts.method ?? 'GET',
      path: opts.path ?? '/',
      headers: opts.headers ?? {},
      setHost: opts.setHost ?? true,
      agent: false,
    });
    req.on('response', (res) => {
      gotResponse = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (err) => reject(err));
    });
    req.on('error', (err) => {
      if (!gotResponse) reject(err);
    });
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

/**
 * Opens a streaming GET and resolves with the status, headers and the first body chunk, then
 * closes the connection (for `text/event-stream`, which never ends by itself).
 */
export function firstChunk(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; chunk: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method: 'GET', path, headers, agent: false });
    req.on('response', (res) => {
      const done = (chunk: string): void => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, chunk });
        req.destroy();
      };
      res.once('data', (c: Buffer) => done(c.toString('utf8')));
      res.once('end', () => done(''));
    });
    req.on('error', (err) => reject(err));
    req.setTimeout(10_000, () => req.destroy(new Error(`no data from ${path} within 10 s`)));
    req.end();
  });
}
