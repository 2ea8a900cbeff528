import type Database from 'better-sqlite3';
import {
  type FleetFilter,
  type FleetStats,
  type ModelStats,
  type StepNameStats,
  percentiles,
} from '../../../shared/domain/fleet-stats';
import type { StepKind } from '../../../shared/domain/step';
import { summarizeRuns } from '../../../shared/domain/run-stats';
import type { DbRunRow } from './db-rows';
import { type RunFilterParams, RunStatementCache, runFilterSql } from './run-list-query';
import { RUN_COLUMNS, roundUsd, toRunSummary } from './run-summary-row';

type StepRow = [
  name: string,
  kind: string,
  durationNs: number,
  statusCode: number,
  model: string | null,
  provider: string | null,
  inputTokens: number | null,
  outputTokens: number | null,
  costUsd: number | null,
];

const MAX_LIST = 50;
/** Per-step and per-model figures cover at most this many of the newest matching runs. */
export const STEP_SAMPLE_RUNS = 5000;

/** Fleet metrics over a time range and filters: runs, errors, latency percentiles, cost, tokens. */
export class FleetQueries {
  private readonly statements: RunStatementCache;

  constructor(db: Database.Database) {
    this.statements = new RunStatementCache(db);
  }

  stats(filter: FleetFilter, top = 10): FleetStats {
    const { where, params } = runFilterSql(filter);
    if (filter.stepName !== undefined) {
      where.push('runs.trace_id IN (SELECT trace_id FROM spans WHERE name = @stepName)');
      params.stepName = filter.stepName;
    }
    const runStmt = this.statements
      .get(`SELECT ${RUN_COLUMNS} FROM runs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`)
      .safeIntegers(true) as Database.Statement<RunFilterParams, DbRunRow>;
    const runs = runStmt.all(params).map(toRunSummary);
    const { byStepName, byModel } = this.stepTables(where, params, filter);
    const limit = Math.max(1, Math.min(top, MAX_LIST));
    return {
      filter,
      ...summarizeRuns(runs, limit),
      byStepName,
      byModel,
      stepRuns: Math.min(runs.length, STEP_SAMPLE_RUNS),
    };
  }

  private stepTables(
    where: string[],
    params: RunFilterParams,
    filter: FleetFilter,
  ): { byStepName: StepNameStats[]; byModel: ModelStats[] } {
    const stepWhere: string[] = [];
    if (filter.stepName !== undefined) stepWhere.push('s.name = @stepName');
    if (filter.model !== undefined) stepWhere.push('(s.request_model = @model OR s.response_model = @model)');
    // Per-step figures read the spans of the newest STEP_SAMPLE_RUNS matching runs (all of them on a
    // laptop's usual data; a bounded read on a million spans).
    const sql = `SELECT s.name, s.step_kind, s.end_ns - s.start_ns, s.status_code,
        coalesce(s.response_model, s.request_model), s.provider, s.input_tokens, s.output_tokens, s.cost_usd
      FROM (SELECT runs.trace_id FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY runs.start_ns DESC LIMIT ${STEP_SAMPLE_RUNS}) r
      JOIN spans s ON s.trace_id = r.trace_id
      ${stepWhere.length > 0 ? `WHERE ${stepWhere.join(' AND ')}` : ''}`;
    const stmt = this.statements.get(sql).raw(true) as Database.Statement<RunFilterParams, StepRow>;
    const names = new Map<string, { kind: StepKind; durations: number[]; errors: number }>();
    const models = new Map<
      string,
      { provider: string | null; durations: number[]; input: number; output: number; cost: number; unpriced: number }
    >();
    for (const [name, kind, durationNs, statusCode, model, provider, input, output, cost] of stmt.iterate(
      params,
    ) as Iterable<StepRow>) {
      const ms = durationNs / 1e6;
      let n = names.get(name);
      if (!n) names.set(name, (n = { kind: kind as StepKind, durations: [], errors: 0 }));
      n.durations.push(ms);
      if (statusCode === 2) n.errors++;
      if (kind !== 'llm' && kind !== 'embedding') continue;
      const key = model ?? '(unknown model)';
      let m = models.get(key);
      if (!m) models.set(key, (m = { provider, durations: [], input: 0, output: 0, cost: 0, unpriced: 0 }));
      m.durations.push(ms);
      m.input += input ?? 0;
      m.output += output ?? 0;
      if (cost === null) m.unpriced++;
      else m.cost += cost;
    }
    const byStepName = [...names].map(([name, n]) => ({
      name,
      kind: n.kind,
      count: n.durations.length,
      errors: n.errors,
      ...percentiles(n.durations)!,
    }));
    const byModel = [...models].map(([model, m]) => ({
      model,
      provider: m.provider,
      calls: m.durations.length,
      inputTokens: m.input,
      outputTokens: m.output,
      costUsd: roundUsd(m.cost),
      unpricedCalls: m.unpriced,
      ...percentiles(m.durations)!,
    }));
    byStepName.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    byModel.sort((a, b) => b.calls - a.calls || a.model.localeCompare(b.model));
    return { byStepName: byStepName.slice(0, 200), byModel };
  }
}
