import { z } from 'zod';
import type { EngineInfo } from '../domain/engine-info';
import type { RunDetail, RunSummary } from '../domain/run';
import type { SerializedResult } from './serialized-result';

/**
 * The typed API contract. Each method takes one plain object (validated by `input`) and returns
 * plain data of type `R`. The engine registers a handler for every method (a missing one is a
 * compile error); the renderer's client is derived from the same map.
 */
interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom marker carrying the result type; never read at runtime. */
  result?: R;
  /** Spawns processes or touches files: needs the token and a same-origin `Origin`. */
  sensitive: boolean;
}

function method<R>() {
  return <I extends z.ZodType>(input: I, opts: { sensitive?: boolean } = {}): MethodSpec<I, R> => ({
    input,
    sensitive: opts.sensitive ?? false,
  });
}

const traceId = z.string().regex(/^[0-9a-f]{32}$/, 'traceId must be 32 lowercase hex characters');

export const apiMethods = {
  engineInfo: method<EngineInfo>()(z.object({}).strict()),
  listRuns: method<RunSummary[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(5000).default(200),
        /** Paging: only runs listed after this one (the last run of the previous page). */
        after: z
          .object({ startNs: z.string().regex(/^\d+$/), traceId })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  getRun: method<RunDetail>()(z.object({ traceId }).strict()),
} as const;

export type ApiMethods = typeof apiMethods;
export type ApiMethodName = keyof ApiMethods;
export type ApiInput<M extends ApiMethodName> = z.input<ApiMethods[M]['input']>;
export type ApiParsedInput<M extends ApiMethodName> = z.output<ApiMethods[M]['input']>;
export type ApiResult<M extends ApiMethodName> = NonNullable<ApiMethods[M]['result']>;

/** What a handler may return: the result, or the result already encoded (see SerializedResult). */
export type ApiHandlerResult<M extends ApiMethodName> = ApiResult<M> | SerializedResult<ApiResult<M>>;

export type ApiHandlers = {
  [M in ApiMethodName]: (input: ApiParsedInput<M>) => ApiHandlerResult<M> | Promise<ApiHandlerResult<M>>;
};

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, name);
}
