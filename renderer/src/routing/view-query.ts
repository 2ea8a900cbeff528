import type { RunOrigin, RunStatus } from '../../../shared/domain/run';
import { RUN_SORT_KEYS, type RunFilter, type RunSortKey } from '../../../shared/domain/run-filter';

/**
 * What the runs, sessions and insights pages show, as it is kept in the URL: filters (time range,
 * service, status, model, origin, session, minimum cost and duration, full-text search) and the
 * runs table's sort. `parseViewQuery` and `viewToQuery` are inverses for every valid view; anything
 * malformed in a URL is dropped rather than rejected, so an edited or old link still opens.
 */

export const RANGE_PRESETS = ['15m', '1h', '24h', '7d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_PRESET_MS: Record<RangePreset, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

/** All time; the last 15 minutes… (relative to now, so a link keeps meaning "recent"); or fixed bounds. */
export type TimeRange =
  | { kind: 'all' }
  | { kind: 'last'; preset: RangePreset }
  | { kind: 'between'; fromMs: number | null; toMs: number | null };

export interface ViewFilter {
  range: TimeRange;
  service: string | null;
  status: RunStatus | null;
  model: string | null;
  origin: RunOrigin | null;
  sessionId: string | null;
  minCostUsd: number | null;
  minDurationMs: number | null;
  /** Full-text search over prompts, outputs, tool I/O and step names. */
  text: string | null;
}

export type SortDir = 'asc' | 'desc';

export interface RunSort {
  by: RunSortKey;
  dir: SortDir;
}

export interface RunsView {
  filter: ViewFilter;
  sort: RunSort;
}

export const EMPTY_FILTER: ViewFilter = Object.freeze({
  range: Object.freeze({ kind: 'all' }),
  service: null,
  status: null,
  model: null,
  origin: null,
  sessionId: null,
  minCostUsd: null,
  minDurationMs: null,
  text: null,
}) as ViewFilter;

/** Newest first: the engine's own order, and the only one that pages by cursor. */
export const DEFAULT_SORT: RunSort = Object.freeze({ by: 'start', dir: 'desc' }) as RunSort;

export const DEFAULT_VIEW: RunsView = Object.freeze({ filter: EMPTY_FILTER, sort: DEFAULT_SORT }) as RunsView;

const STATUSES: readonly RunStatus[] = ['ok', 'error'];
const ORIGINS: readonly RunOrigin[] = ['live', 'import', 'replay', 'eval'];
/** The engine's limit on search text. */
const MAX_TEXT_LENGTH = 500;

/** URL parameter names, in the order they are written. */
const P = {
  range: 'range',
  from: 'from',
  to: 'to',
  service: 'service',
  status: 'status',
  model: 'model',
  origin: 'origin',
  session: 'session',
  minCost: 'minCost',
  minDuration: 'minDuration',
  text: 'q',
  sort: 'sort',
  dir: 'dir',
} as const;

/** Reads a view from a query string (with or without the leading `?`). */
export function parseViewQuery(query: string): RunsView {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  return { filter: parseFilterParams(params), sort: parseSortParams(params) };
}

/** The query string (without `?`) for a view: empty for the default view; defaults are left out. */
export function viewToQuery(view: RunsView): string {
  const params = filterToParams(view.filter);
  const { by, dir } = view.sort;
  if (by !== DEFAULT_SORT.by || dir !== DEFAULT_SORT.dir) {
    params.append(P.sort, by);
    if (dir !== 'desc') params.append(P.dir, dir);
  }
  return params.toString();
}

export function filterToQuery(filter: ViewFilter): string {
  return filterToParams(filter).toString();
}

function parseFilterParams(params: URLSearchParams): ViewFilter {
  const text = cleanText(params.get(P.text));
  return {
    range: parseRange(params),
    service: nonEmpty(params.get(P.service)),
    status: oneOf(params.get(P.status), STATUSES),
    model: nonEmpty(params.get(P.model)),
    origin: oneOf(params.get(P.origin), ORIGINS),
    sessionId: nonEmpty(params.get(P.session)),
    minCostUsd: nonNegative(params.get(P.minCost)),
    minDurationMs: nonNegative(params.get(P.minDuration)),
    text,
  };
}

function parseRange(params: URLSearchParams): TimeRange {
  const preset = oneOf(params.get(P.range), RANGE_PRESETS);
  if (preset !== null) return { kind: 'last', preset };
  const fromMs = parseTime(params.get(P.from));
  const toMs = parseTime(params.get(P.to));
  if (fromMs === null && toMs === null) return { kind: 'all' };
  return { kind: 'between', fromMs, toMs };
}

function parseSortParams(params: URLSearchParams): RunSort {
  const by = oneOf(params.get(P.sort), RUN_SORT_KEYS);
  if (by === null) return DEFAULT_SORT;
  const dir = params.get(P.dir) === 'asc' ? 'asc' : 'desc';
  return { by, dir };
}

function filterToParams(filter: ViewFilter): URLSearchParams {
  const params = new URLSearchParams();
  const { range } = filter;
  if (range.kind === 'last') params.append(P.range, range.preset);
  if (range.kind === 'between') {
    if (range.fromMs !== null) params.append(P.from, formatTime(range.fromMs));
    if (range.toMs !== null) params.append(P.to, formatTime(range.toMs));
  }
  if (filter.service !== null) params.append(P.service, filter.service);
  if (filter.status !== null) params.append(P.status, filter.status);
  if (filter.model !== null) params.append(P.model, filter.model);
  if (filter.origin !== null) params.append(P.origin, filter.origin);
  if (filter.sessionId !== null) params.append(P.session, filter.sessionId);
  if (filter.minCostUsd !== null) params.append(P.minCost, String(filter.minCostUsd));
  if (filter.minDurationMs !== null) params.append(P.minDuration, String(filter.minDurationMs));
  if (filter.text !== null) params.append(P.text, filter.text);
  return params;
}

/**
 * The engine's RunFilter for a view filter. Relative ranges are resolved against `nowMs`; the
 * upper end stays open, so runs that arrive later still match.
 */
export function toRunFilter(filter: ViewFilter, nowMs: number): RunFilter {
  const out: RunFilter = {};
  const { range } = filter;
  if (range.kind === 'last') out.fromMs = Math.max(0, nowMs - RANGE_PRESET_MS[range.preset]);
  if (range.kind === 'between') {
    if (range.fromMs !== null) out.fromMs = range.fromMs;
    if (range.toMs !== null) out.toMs = range.toMs;
  }
  if (filter.service !== null) out.service = filter.service;
  if (filter.status !== null) out.status = filter.status;
  if (filter.model !== null) out.model = filter.model;
  if (filter.origin !== null) out.origin = filter.origin;
  if (filter.sessionId !== null) out.sessionId = filter.sessionId;
  if (filter.minCostUsd !== null) out.minCostUsd = filter.minCostUsd;
  if (filter.minDurationMs !== null) out.minDurationMs = filter.minDurationMs;
  if (filter.text !== null) out.text = filter.text;
  return out;
}

/** Whether any filter narrows the list (the time range included). */
export function isFilterActive(filter: ViewFilter): boolean {
  return filterToQuery(filter) !== '';
}

function nonEmpty(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function cleanText(value: string | null): string | null {
  const text = nonEmpty(value);
  return text === null ? null : text.slice(0, MAX_TEXT_LENGTH);
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function nonNegative(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** ISO 8601 in UTC, without milliseconds when they are zero: `2026-11-03T14:00:00Z`. */
function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An ISO 8601 time or epoch milliseconds; null when neither. */
function parseTime(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    return Number.isSafeInteger(n) ? n : null;
  }
  // Date-time strings need a zone to mean one instant; a bare date is read as UTC midnight by Date.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
