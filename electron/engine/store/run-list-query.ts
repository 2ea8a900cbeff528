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

export const RUN_ORDER: Record<RunSortKey, string> = {
  start: 'runs.start_ns',
  duration: '(runs.end_ns - runs.start_ns)',
  cost: 'runs.cost_usd',
  tokens: '(runs.input_tokens + runs.output_tokens)',
  llmCalls: 'runs.llm_calls',
};

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
