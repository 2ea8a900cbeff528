import type { FleetFilter, FleetStats, Percentiles } from '../../../shared/domain/fleet-stats';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatUsd } from '../../../shared/format/format-usd';
import { resolveDataDir } from '../../engine/config/data-dir';
import { FleetQueries } from '../../engine/store/fleet-queries';
import { CliError } from '../cli-error';
import { parseOptions, positiveIntOption } from '../parse-options';
import { withReadOnlyDb } from '../read-store';
import { printTable } from './runs';

export const statsHelp = `Usage: loupe stats [options]

Fleet metrics over runs: error rate, p50/p95/p99 latency per run, per step name and per model,
cost per run, tokens, the most expensive and slowest runs, and runs over time.

Options:
  --data-dir DIR     the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  --since WHEN       runs started at or after WHEN: a duration back from now (30m, 24h, 7d) or a date/time
  --until WHEN       runs started before WHEN (same forms)
  --service NAME     only runs of this service
  --model NAME       only runs that called this model (request or response name); per-model and
                     per-step figures then cover this model's calls only
  --step NAME        only runs with a step of this name; per-step figures cover that step only
  --origin ORIGIN    live, import, replay or eval
  --status STATUS    ok or error
  --top N            how many of the most expensive and slowest runs (default 10, at most 50)
  --json             print the figures as JSON
  -h, --help         show this help

Percentiles are nearest-rank: p95 is the smallest observed value with 95% of values at or below it.`;

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h" (back from now) or an ISO date/time → ms since the epoch. */
export function parseWhen(value: string, flag: string, now = Date.now()): number {
  const d = DURATION.exec(value);
  if (d) return now - Number(d[1]) * UNIT_MS[d[2]!]!;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new CliError(
      `${flag} takes a duration like 30m, 24h, 7d or a date like 2026-11-01T09:00Z (got "${value}")`,
      2,
    );
  return t;
}

function choice<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`, 2);
  return value as T;
}

export function statsCommand(args: string[]): number {
  const { values } = parseOptions(args, {
    'data-dir': { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    service: { type: 'string' },
    model: { type: 'string' },
    step: { type: 'string' },
    origin: { type: 'string' },
    status: { type: 'string' },
    top: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(statsHelp);
    return 0;
  }
  const filter: FleetFilter = {};
  if (values.since !== undefined) filter.fromMs = parseWhen(values.since, '--since');
  if (values.until !== undefined) filter.toMs = parseWhen(values.until, '--until');
  if (values.service !== undefined) filter.service = values.service;
  if (values.model !== undefined) filter.model = values.model;
  if (values.step !== undefined) filter.stepName = values.step;
  const origin = choice(values.origin, '--origin', ['live', 'import', 'replay', 'eval'] as const);
  if (origin) filter.origin = origin;
  const status = choice(values.status, '--status', ['ok', 'error'] as const);
  if (status) filter.status = status;
  const top = Math.min(positiveIntOption(values.top, '--top', 10), 50);
  const stats = withReadOnlyDb(
    resolveDataDir(values['data-dir']),
    (db) => new FleetQueries(db).stats(filter, top),
    null,
  );
  if (values.json) {
    console.log(JSON.stringify(stats ?? new EmptyStats(filter), null, 2));
    return 0;
  }
  if (!stats || stats.runs === 0) {
    console.log('No runs match. Send traces to Loupe, or widen the filters (see loupe stats --help).');
    return 0;
  }
  printStats(stats);
  return 0;
}

/** The figures of an empty data dir, so `--json` always prints the same shape. */
class EmptyStats implements FleetStats {
  runs = 0;
  errorRuns = 0;
  errorRate = null;
  runLatencyMs = null;
  cost = { totalUsd: 0, perRun: null, runsWithUnknownCost: 0 };
  tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  llmCalls = 0;
  toolCalls = 0;
  byStepName = [];
  byModel = [];
  mostExpensiveRuns = [];
  slowestRuns = [];
  bucketMs = 60_000;
  buckets = [];
  stepRuns = 0;
  constructor(readonly filter: FleetFilter) {}
}

const pct = (p: Percentiles | null, fmt: (n: number) => string): string[] =>
  p === null ? ['—', '—', '—'] : [fmt(p.p50), fmt(p.p95), fmt(p.p99)];

function printStats(s: FleetStats): void {
  const errorRate = s.errorRate === null ? '—' : `${(s.errorRate * 100).toFixed(1)}%`;
  console.log(`${formatCount(s.runs)} runs · ${formatCount(s.errorRuns)} with errors (${errorRate})`);
  console.log(`run latency p50/p95/p99: ${pct(s.runLatencyMs, formatDuration).join(' / ')}`);
  const unknown =
    s.cost.runsWithUnknownCost > 0 ? ` (${s.cost.runsWithUnknownCost} runs have unpriced model calls)` : '';
  console.log(
    `cost: ${formatUsd(s.cost.totalUsd, { complete: s.cost.runsWithUnknownCost === 0 })} total · per run ` +
      `p50/p95 ${pct(s.cost.perRun, (n) => formatUsd(n))
        .slice(0, 2)
        .join(' / ')}${unknown}`,
  );
  console.log(
    `tokens: ${formatCount(s.tokens.input)} in (${formatCount(s.tokens.cacheRead)} cached) · ${formatCount(s.tokens.output)} out · ` +
      `${formatCount(s.llmCalls)} LLM calls · ${formatCount(s.toolCalls)} tool calls`,
  );
  if (s.stepRuns < s.runs)
    console.log(`\n(per-model and per-step figures cover the newest ${formatCount(s.stepRuns)} runs)`);
  if (s.byModel.length > 0) {
    console.log('\nBy model');
    printTable(
      ['MODEL', 'CALLS', 'P50', 'P95', 'P99', 'TOKENS IN', 'TOKENS OUT', 'COST'],
      s.byModel.map((m) => [
        m.model,
        formatCount(m.calls),
        ...pct(m, formatDuration),
        formatCount(m.inputTokens),
        formatCount(m.outputTokens),
        m.unpricedCalls > 0
          ? `${formatUsd(m.costUsd, { complete: false })} (${m.unpricedCalls} unpriced)`
          : formatUsd(m.costUsd),
      ]),
    );
  }
  console.log('\nBy step');
  printTable(
    ['STEP', 'KIND', 'COUNT', 'ERRORS', 'P50', 'P95', 'P99'],
    s.byStepName
      .slice(0, 20)
      .map((n) => [n.name, n.kind, formatCount(n.count), formatCount(n.errors), ...pct(n, formatDuration)]),
  );
  if (s.mostExpensiveRuns.length > 0) {
    console.log('\nMost expensive runs');
    printTable(
      ['COST', 'DURATION', 'NAME', 'TRACE ID'],
      s.mostExpensiveRuns.map((r) => [
        formatUsd(r.costUsd, { complete: r.costComplete }),
        formatDuration(r.durationMs),
        r.name,
        r.traceId,
      ]),
    );
  }
  console.log('\nSlowest runs');
  printTable(
    ['DURATION', 'COST', 'NAME', 'TRACE ID'],
    s.slowestRuns.map((r) => [
      formatDuration(r.durationMs),
      formatUsd(r.costUsd, { complete: r.costComplete }),
      r.name,
      r.traceId,
    ]),
  );
}
