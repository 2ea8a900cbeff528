import type Database from 'better-sqlite3';
import type { RunFilter, RunSortKey } from '../../../shared/domain/run-filter';
import { modelNeedle } from './run-model-list';
import { ftsQuery } from './search-text';

/** Named parameters for a filtered run query (values are never interpolated into SQL). */
export type RunFilterParams = Record<string, string | number | bigint>;

const TEXT_MATCH = `runs.trace_id IN (
  SELECT trace_id FROM spans WHERE id IN (SELECT rowid FROM span_search WHERE span_search MATCH @text AND rowid > 0)
  UNION
  SELECT trace_id FROM logs WHERE id IN (SELECT -rowid FROM span_search WHERE span_search MATCH @text AND rowid < 0))`;

/**
 * The WHERE clause and parameters for a run filter. The clause's shape depends only on which
 * fields are set, so statements are cached per shape (see RunStatementCache).
 */
export function runFilterSql(filter: RunFilter | undefined): { where: string[]; params: RunFilterParams } {
  const where: string[] = [];
  const params: RunFilterParams = {};
  if (!filter) return { where, params };
  if (filter.fromMs !== undefined) {
    where.push('runs.start_ns >= @fromNs');
    params.fromNs = BigInt(Math.floor(filter.fromMs)) * 1_000_000n;
  }
  if (filter.toMs !== undefined) {
    where.push('runs.start_ns < @toNs');
    params.toNs = BigInt(Math.floor(filter.toMs)) * 1_000_000n;
  }
  if (filter.service !== undefined) {
    where.push('runs.service = @service');
    params.service = filter.service;
  }
  if (filter.status !== undefined)
    where.push(filter.status === 'error' ? 'runs.error_count > 0' : 'runs.error_count = 0');
  if (filter.model !== undefined) {
    where.push('instr(runs.models, @model) > 0');
    params.model = modelNeedle(filter.model);
  }
  if (filter.origin !== undefined) {
    where.push('runs.origin = @origin');
    params.origin = filter.origin;
  }
  if (filter.sessionId !== undefined) {
    where.push('runs.session_id = @sessionId');
    params.sessionId = filter.sessionId;
  }
  if (filter.minCostUsd !== undefined) {
    where.push('runs.cost_usd >= @minCostUsd');
    params.minCostUsd = filter.minCostUsd;
  }
  if (filter.minDurationMs !== undefined) {
    where.push('runs.end_ns - runs.start_ns >= @minDurationNs');
    params.minDurationNs = BigInt(Math.round(filter.minDurationMs * 1e6));
  }
  if (filter.text !== undefined) {
    const q = ftsQuery(filter.text);
    if (q !== null) {
      where.push(TEXT_MATCH);
      params.text = q;
    }
  }
  return { where, params };
}

const RUN_ORDER: Record<RunSortKey, string> = {
  start: 'runs.start_ns',
  duration: '(runs.end_ns - runs.start_ns)',
  cost: 'runs.cost_usd',
  tokens: '(runs.input_tokens + runs.output_tokens)',
  llmCalls: 'runs.llm_calls',
};

/**
 * Sorts whose index holds only runs already out of the sort backlog (migration 7): a list in one of
 * these orders reads that index and the backlog's few runs, and sorts the two together.
 */
const BACKLOGGED_SORTS: ReadonlySet<RunSortKey> = new Set(['cost', 'duration']);

/**
 * A page of the runs list as SQL (`columns` of the runs matching `where`, in `sort` order, with
 * @limit and @offset parameters). Ties are broken by start time and trace id, as the indexes are.
 */
export function runListSql(
  columns: string,
  where: string[],
  sort: { by: RunSortKey; dir: 'asc' | 'desc' } | undefined,
): string {
  const dir = sort?.dir === 'asc' ? 'ASC' : 'DESC';
  const key = RUN_ORDER[sort?.by ?? 'start'];
  const order = `${key} ${dir}, runs.start_ns ${dir}, runs.trace_id ${dir}`;
  const whereSql = (...first: string[]) => {
    const all = [...first, ...where];
    return all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
  };
  if (sort === undefined || !BACKLOGGED_SORTS.has(sort.by))
    return `SELECT ${columns} FROM runs${whereSql()} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  return (
    `SELECT * FROM (SELECT ${columns}, ${key} AS sort_key FROM runs${whereSql('runs.sort_indexed = 1')} ` +
    `ORDER BY ${order} LIMIT @limit + @offset) ` +
    `UNION ALL SELECT ${columns}, ${key} AS sort_key FROM runs${whereSql('runs.sort_indexed = 0')} ` +
    `ORDER BY sort_key ${dir}, start_ns ${dir}, trace_id ${dir} LIMIT @limit OFFSET @offset`
  );
}

/** Prepared statements keyed by their SQL text (a handful of shapes in practice; bounded). */
export class RunStatementCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size >= 200) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
