import { z } from 'zod';
import type { EngineInfo } from '../domain/engine-info';
import type { FleetStats } from '../domain/fleet-stats';
import { type ForwardingStatus, forwardingUrlProblem } from '../domain/forwarding';
import type { ModelPrice } from '../domain/price';
import {
  MAX_PATTERN_LENGTH,
  MAX_USER_PATTERNS,
  type RedactionTestResult,
  type RedactionView,
} from '../domain/redaction';
import type { RunDetail, RunSummary } from '../domain/run';
import { RUN_SORT_KEYS, type RunFacets, type SessionSummary } from '../domain/run-filter';
import type { RunOutline, RunSteps, StepView } from '../domain/step';
import type { RunSearchResult, RunTranscript } from '../domain/transcript';
import { type DeleteAllResult, RETENTION_BOUNDS, type RetentionCaps, type StorageInfo } from '../domain/storage';
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
const spanId = z.string().regex(/^[0-9a-f]{16}$/, 'spanId must be 16 lowercase hex characters');
const redactionUserPatterns = z
  .array(z.object({ name: z.string().min(1).max(40), pattern: z.string().min(1).max(MAX_PATTERN_LENGTH) }).strict())
  .max(MAX_USER_PATTERNS);

const runFilter = z
  .object({
    fromMs: z.number().nonnegative().optional(),
    toMs: z.number().nonnegative().optional(),
    service: z.string().min(1).optional(),
    status: z.enum(['ok', 'error']).optional(),
    model: z.string().min(1).optional(),
    origin: z.enum(['live', 'import', 'replay', 'eval']).optional(),
    sessionId: z.string().min(1).optional(),
    minCostUsd: z.number().nonnegative().optional(),
    minDurationMs: z.number().nonnegative().optional(),
    text: z.string().min(1).max(500).optional(),
  })
  .strict();

export const apiMethods = {
  /** Services, models and origins present in the data (for filter menus). */
  runFacets: method<RunFacets>()(z.object({}).strict()),
  /** Runs grouped by session id, most recent first, with totals; `filter` as for listRuns (minus sessionId). */
  listSessions: method<SessionSummary[]>()(
    z.object({ limit: z.number().int().min(1).max(5000).default(200), filter: runFilter.optional() }).strict(),
  ),
  engineInfo: method<EngineInfo>()(z.object({}).strict()),
  /**
   * "Load sample runs": runs the bundled sample agent (the OpenAI SDK with OpenInference's
   * instrumentation, against a bundled fake model) and sends its spans to this engine's OTLP/HTTP
   * receiver like any agent's; answers once they are stored. Each call adds new runs, all of service
   * `loupe-sample-agent`.
   */
  loadSampleRuns: method<{ runs: number; spans: number }>()(z.object({}).strict(), { sensitive: true }),
  listRuns: method<RunSummary[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(5000).default(200),
        filter: runFilter.optional(),
        /** Newest first by default; other orders page with `offset` instead of `after`. */
        sort: z
          .object({ by: z.enum(RUN_SORT_KEYS), dir: z.enum(['asc', 'desc']).default('desc') })
          .strict()
          .optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        /** Paging: only runs listed after this one (the last run of the previous page). */
        after: z
          .object({ startNs: z.string().regex(/^\d+$/), traceId })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  getRun: method<RunDetail>()(z.object({ traceId }).strict()),
  /** The run read as steps: GenAI fields, messages, cost, self time and critical path. */
  getRunSteps: method<RunSteps>()(z.object({ traceId }).strict()),
  /** The run for the timeline: totals and every step's outline, read from stored columns (fast on huge runs). */
  getRunOutline: method<RunOutline>()(z.object({ traceId }).strict()),
  /** One step in full: messages, tools, parameters, error, and the raw span with its resource, scope and logs. */
  getStep: method<StepView>()(z.object({ traceId, spanId }).strict()),
  fleetStats: method<FleetStats>()(
    runFilter.extend({ stepName: z.string().min(1).optional(), top: z.number().int().min(1).max(50).default(10) }),
  ),
  /** The run read as one conversation: new input messages of each model call, outputs, tool calls, errors. */
  getRunTranscript: method<RunTranscript>()(z.object({ traceId }).strict()),
  /** Steps of one run whose text (messages, tool I/O, attributes, log events) matches every word of `query`. */
  searchRun: method<RunSearchResult>()(
    z
      .object({
        traceId,
        query: z.string().trim().min(1).max(500),
        limit: z.number().int().min(1).max(50_000).default(10_000),
      })
      .strict(),
  ),
  /** The built-in price table and the user's own prices (which win over built-ins). */
  listPrices: method<{ builtin: ModelPrice[]; user: ModelPrice[] }>()(z.object({}).strict()),
  /** The price that applies to a model call (price null: unpriced). */
  findPrice: method<{ price: ModelPrice | null }>()(
    z.object({ provider: z.string().nullable().default(null), model: z.string().min(1) }).strict(),
  ),
  /**
   * Adds or replaces user prices by id (replaceAll: the given list becomes the whole user table) and
   * re-costs stored runs. Prices are validated like a JSON import; any error rejects the whole call.
   */
  savePrices: method<{ saved: number; recosted: { steps: number; runs: number } }>()(
    z.object({ prices: z.array(z.unknown()).max(10_000), replaceAll: z.boolean().default(false) }).strict(),
    { sensitive: true },
  ),
  deletePrice: method<{ deleted: boolean; recosted: { steps: number; runs: number } }>()(
    z.object({ id: z.string().min(1) }).strict(),
    { sensitive: true },
  ),
  /** Secret redaction at ingest: on or off, the built-in rules and the user's own patterns. */
  getRedaction: method<RedactionView>()(z.object({}).strict()),
  /**
   * Replaces the redaction settings; applies to everything received from then on. Patterns are
   * validated (invalid, empty-matching or exponential-time regular expressions are refused).
   */
  setRedaction: method<RedactionView>()(
    z.object({ enabled: z.boolean(), userPatterns: redactionUserPatterns.default([]) }).strict(),
    { sensitive: true },
  ),
  /**
   * The Settings preview: what redaction does to `text` (as the value of attribute `key` when
   * given), with the stored user patterns or the given ones; applies the rules even when off.
   */
  testRedaction: method<RedactionTestResult>()(
    z
      .object({
        text: z.string().max(100_000),
        key: z.string().max(256).optional(),
        userPatterns: redactionUserPatterns.optional(),
      })
      .strict(),
  ),
  /** Settings › Storage: where the data lives, its size, counts and the retention caps in force. */
  getStorage: method<StorageInfo>()(z.object({}).strict()),
  /** Stores new retention caps (they outlive a restart) and prunes right away. */
  setRetention: method<{ retention: RetentionCaps }>()(
    z
      .object({
        maxBytes: z.number().int().min(RETENTION_BOUNDS.minBytes).max(RETENTION_BOUNDS.maxBytes),
        maxAgeDays: z.number().int().min(0).max(RETENTION_BOUNDS.maxAgeDays),
      })
      .strict(),
    { sensitive: true },
  ),
  /** Deletes runs with their spans and logs; answers the trace ids that existed. */
  deleteRuns: method<{ deleted: string[] }>()(z.object({ traceIds: z.array(traceId).min(1).max(5000) }).strict(), {
    sensitive: true,
  }),
  /** Deletes everything received (settings, prices and the token stay) and gives the space back. */
  deleteAllData: method<DeleteAllResult>()(z.object({}).strict(), { sensitive: true }),
  /** Forwarding to an upstream OTLP/HTTP endpoint: the setting and how sending goes. */
  getForwarding: method<ForwardingStatus>()(z.object({}).strict()),
  /**
   * The Settings toggle: relays everything received from then on (after redaction) to `url`
   * (an OTLP/HTTP base URL) with `headers`; stored, so it holds after a restart.
   */
  setForwarding: method<ForwardingStatus>()(
    z
      .object({
        enabled: z.boolean(),
        url: z
          .string()
          .max(2000)
          .refine((u) => u === '' || forwardingUrlProblem(u) === '', { message: 'url must be an http(s) URL' }),
        headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
        /** Stored headers to keep with their stored values (which are never sent back to the UI). */
        keepHeaders: z.array(z.string().min(1).max(256)).max(100).default([]),
      })
      .strict()
      .refine((c) => !c.enabled || c.url !== '', { message: 'a url is required to turn forwarding on' }),
    { sensitive: true },
  ),
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
