import type { ApiInput, ApiMethodName, ApiResult } from '../../../shared/api/methods';
import { ApiError, httpStatusOf, type ApiErrorCode } from '../../../shared/api/errors';

/** Typed access to the engine's API (`POST /api/<method>`), derived from the shared method map. */
export interface ApiClient {
  call<M extends ApiMethodName>(
    method: M,
    input: ApiInput<M>,
    options?: { signal?: AbortSignal },
  ): Promise<ApiResult<M>>;
}

export interface ApiClientOptions {
  token: string;
  /** Origin (and optional path prefix) of the engine; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<M extends ApiMethodName>(
    method: M,
    input: ApiInput<M>,
    callOptions?: { signal?: AbortSignal },
  ): Promise<ApiResult<M>> {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify(input),
        cache: 'no-store',
        signal: callOptions?.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError('unavailable', 'Cannot reach the Loupe engine. Is it still running?');
    }
    if (!response.ok) throw await readApiError(response);
    return (await response.json()) as ApiResult<M>;
  }

  return { call };
}

/** Any thrown value as an ApiError, for display. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError('internal', error.message);
  return new ApiError('internal', String(error));
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function readApiError(response: Response): Promise<ApiError> {
  const fallback = new ApiError(
    codeForStatus(response.status),
    `The engine answered ${String(response.status)}${response.statusText ? ` ${response.statusText}` : ''}.`,
  );
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return fallback;
  }
  if (!isRecord(body) || !isRecord(body.error)) return fallback;
  const { code, message } = body.error;
  if (typeof message !== 'string') return fallback;
  return new ApiError(isApiErrorCode(code) ? code : fallback.code, message);
}

function codeForStatus(status: number): ApiErrorCode {
  const match = (Object.keys(httpStatusOf) as ApiErrorCode[]).find((code) => httpStatusOf[code] === status);
  return match ?? (status >= 500 ? 'internal' : 'bad_request');
}

function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(httpStatusOf, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
