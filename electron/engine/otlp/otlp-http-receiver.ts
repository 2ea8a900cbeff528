import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { mediaTypeOf } from '../http/media-type';
import { isLoopbackHost } from '../http/host-check';
import {
  BodyEncodingError,
  BodyStalledError,
  BodyTooLargeError,
  DEFAULT_BODY_LIMIT,
  readBody,
} from '../http/read-body';
import { BUSY_MESSAGE, classifyExportError, exportPayload, isIngestBusy, withAdmission } from '../ingest/otlp-export';
import type { IngestPipeline } from '../ingest/otlp-export';
import {
  type OtlpEncoding,
  type OtlpSignal,
  RpcCode,
  contentTypeOf,
  exportResponse,
  statusBody,
} from './otlp-responses';

const PATHS: Record<string, OtlpSignal> = {
  '/v1/traces': 'traces',
  '/v1/logs': 'logs',
  '/v1/metrics': 'metrics',
};

export interface OtlpHttpOptions {
  pipeline: IngestPipeline;
  bodyLimit?: number;
  /** Seconds a throttled sender is asked to wait. */
  retryAfterSeconds?: number;
  /** How long a request body may pause before it is answered 408 (and its admission released). */
  bodyIdleMs?: number;
  onError?: (err: unknown) => void;
}

/** `application/x-protobuf` or `application/json`, any letter case, parameters ignored. */
export function encodingOf(headers: IncomingHttpHeaders): OtlpEncoding | null {
  const media = mediaTypeOf(headers);
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf';
  if (media === 'application/json') return 'json';
  return null;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

function sendStatus(
  res: ServerResponse,
  http: number,
  code: number,
  message: string,
  encoding: OtlpEncoding,
  headers: Record<string, string> = {},
): void {
  res.writeHead(http, { 'Content-Type': contentTypeOf(encoding), ...headers });
  res.end(statusBody(code, message, encoding));
}

/**
 * The OTLP/HTTP receiver (`/v1/traces`, `/v1/logs`, `/v1/metrics`), answering with the status codes
 * of the OTLP specification. A 200 is sent only after the data is committed.
 */
export function createOtlpHttpHandler(opts: OtlpHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const retryAfter = String(opts.retryAfterSeconds ?? 1);
  return (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers)) {
      sendText(res, 403, 'Host not allowed: Loupe only answers requests addressed to localhost', {
        Connection: 'close',
      });
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const signal = PATHS[path];
    const encoding = encodingOf(req.headers);
    // Failures carry a google.rpc.Status in the request's encoding when it has one, else plain text.
    const fail = (http: number, code: number, message: string, headers: Record<string, string> = {}): void => {
      if (encoding) sendStatus(res, http, code, message, encoding, headers);
      else sendText(res, http, message, headers);
    };
    if (!signal) {
      fail(404, RpcCode.NOT_FOUND, `no OTLP endpoint at ${path}; use /v1/traces, /v1/logs or /v1/metrics`);
      return;
    }
    if (req.method !== 'POST') {
      fail(405, RpcCode.UNIMPLEMENTED, `${req.method ?? ''} is not allowed; OTLP uses POST`, { Allow: 'POST' });
      return;
    }
    if (encoding === null) {
      sendText(
        res,
        415,
        `unsupported Content-Type "${req.headers['content-type'] ?? ''}"; use application/x-protobuf or application/json`,
        { Connection: 'close' },
      );
      return;
    }
    if (signal !== 'metrics' && isIngestBusy(opts.pipeline)) {
      sendStatus(res, 503, RpcCode.UNAVAILABLE, BUSY_MESSAGE, encoding, {
        'Retry-After': retryAfter,
        Connection: 'close',
      });
      return;
    }
    const declared = Number(req.headers['content-length']);
    const reserve = Number.isFinite(declared) && declared > 0 ? Math.min(declared, limit) : 0;
    try {
      await withAdmission(opts.pipeline, reserve, async (grow) => {
        let body: Buffer;
        try {
          body = await readBody(req, limit, opts.bodyIdleMs);
        } catch (err) {
          if (err instanceof BodyStalledError) {
            sendStatus(res, 408, RpcCode.DEADLINE_EXCEEDED, err.message, encoding, { Connection: 'close' });
          } else if (err instanceof BodyTooLargeError) {
            sendStatus(res, 413, RpcCode.RESOURCE_EXHAUSTED, err.message, encoding, { Connection: 'close' });
          } else if (err instanceof BodyEncodingError) {
            sendStatus(res, 400, RpcCode.INVALID_ARGUMENT, err.message, encoding, { Connection: 'close' });
          } else {
            res.destroy();
          }
          return;
        }
        if (body.length > reserve) grow(body.length - reserve);
        const outcome = await exportPayload(opts.pipeline, signal, body, encoding);
        res.writeHead(200, { 'Content-Type': contentTypeOf(encoding) });
        res.end(exportResponse(signal, outcome.rejected, outcome.message, encoding));
      });
    } catch (err) {
      const kind = classifyExportError(err);
      if (kind === null) throw err;
      const message = (err as Error).message;
      if (kind === 'invalid') {
        sendStatus(res, 400, RpcCode.INVALID_ARGUMENT, message, encoding);
        return;
      }
      if (kind === 'storage') opts.onError?.(err);
      sendStatus(res, 503, RpcCode.UNAVAILABLE, message, encoding, { 'Retry-After': retryAfter });
    }
  }
}
