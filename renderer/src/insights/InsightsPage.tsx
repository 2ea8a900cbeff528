import { type ReactNode, useMemo, useRef } from 'react';
import type { ModelStats, StepNameStats } from '../../../shared/domain/fleet-stats';
import { formatCount } from '../../../shared/format/format-count';
import { formatUsd } from '../../../shared/format/format-usd';
import { HistogramChart } from '../charts/HistogramChart';
import { PercentileBars, type PercentileRow } from '../charts/PercentileBars';
import { TimeBarsChart } from '../charts/TimeBarsChart';
import { formatBucketSize, formatCompactCount, formatUsdTick, histogram } from '../charts/chart-math';
import { formatPercent } from '../common/format-percent';
import { NoMatch } from '../common/NoMatch';
import { STEP_KIND_LABELS } from '../common/step-kind-labels';
import { useFocusWhenActive } from '../common/useFocusWhenActive';
import { FilterBar } from '../filters/FilterBar';
import { navigate } from '../routing/route';
import { EMPTY_FILTER, type ViewFilter, isFilterActive } from '../routing/view-query';
import { SummaryTiles } from './SummaryTiles';
import { TopRunsTable } from './TopRunsTable';
import { type InsightsData, SAMPLE_LIMIT, useInsights } from './useInsights';

interface InsightsPageProps {
  active: boolean;
  filter: ViewFilter;
}

const FIELD_NAMES = {
  sessionId: 'session',
  minCostUsd: 'minimum cost',
  minDurationMs: 'minimum duration',
  text: 'search',
};

/** Fleet statistics under the same filters as the runs list: tiles, charts, and the costliest and slowest runs. */
export function InsightsPage({ active, filter }: InsightsPageProps) {
  const insights = useInsights(filter);
  const filtered = isFilterActive(filter);
  const data = insights.data;
  const empty = data !== null && data.stats.runs === 0;
  const bodyRef = useRef<HTMLDivElement>(null);
  useFocusWhenActive(bodyRef, active);

  return (
    <div
      className={active ? 'list-page' : 'list-page is-covered'}
      data-testid="insights-page"
      data-state={insights.state === 'ready' && empty ? 'empty' : insights.state}
      inert={!active}
      aria-hidden={!active}
    >
      <div className="page-toolbar">
        <h1 className="page-toolbar__title">Insights</h1>
        <span className="page-toolbar__count muted" data-testid="insights-count">
          {data !== null && `${formatCount(data.stats.runs)} ${data.stats.runs === 1 ? 'run' : 'runs'}`}
        </span>
        <span className="page-toolbar__status muted" role="status" data-testid="insights-updating">
          {insights.updating ? 'Updating…' : ''}
        </span>
        {insights.state === 'ready' && insights.error !== null && (
          <span className="page-toolbar__warning" role="status" title={insights.error.message}>
            Refresh failed: {insights.error.message}
          </span>
        )}
        <span className="page-toolbar__spacer" />
        <span className="page-toolbar__hint muted">
          <kbd>/</kbd> search · <kbd>?</kbd> keys
        </span>
      </div>
      <FilterBar
        filter={filter}
        active={active}
        onChange={(next, options) => {
          navigate({ page: 'insights', filter: next }, options);
        }}
      />
      <div ref={bodyRef} tabIndex={-1} className="list-page__body insights">
        {insights.state === 'error' && (
          <div className="list-page__message list-page__error" role="alert" data-testid="insights-error">
            <p>Could not load insights: {insights.error?.message ?? 'unknown error'}</p>
            <button type="button" className="button" onClick={insights.retry}>
              Retry
            </button>
          </div>
        )}
        {empty &&
          (filtered ? (
            <NoMatch
              onClearFilters={() => {
                navigate({ page: 'insights', filter: { ...EMPTY_FILTER } });
              }}
            />
          ) : (
            <div className="no-match" data-testid="insights-empty">
              <h2 className="no-match__title">No runs yet</h2>
              <p className="muted">
                Insights summarize the runs Loupe has received. The{' '}
                <a href="#/" className="row-link">
                  Runs
                </a>{' '}
                page shows how to send your agent&apos;s traces here.
              </p>
            </div>
          ))}
        {insights.state !== 'error' && !empty && <InsightsBody data={data} />}
      </div>
    </div>
  );
}

/** Tiles, charts and tables; with `data` null (loading) the same layout holds placeholders. */
function InsightsBody({ data }: { data: InsightsData | null }) {
  const loading = data === null ? 'Loading…' : null;
  const stats = data?.stats;
  const starts = useMemo(() => stats?.buckets.map((b) => b.startMs) ?? [], [stats]);
  const costHistogram = useMemo(() => histogram(data?.runCosts ?? [], 24), [data]);
  const perRun = stats?.cost.perRun ?? null;
  const notInStepTables = data?.notInStepTables ?? [];
  const stepNote: ReactNode =
    notInStepTables.length > 0
      ? `Not narrowed by ${notInStepTables.map((f) => FIELD_NAMES[f]).join(', ')} (the engine’s step statistics do not take ${notInStepTables.length === 1 ? 'this filter' : 'these filters'} yet).`
      : undefined;

  const buckets = stats?.buckets ?? [];
  return (
    <>
      <SummaryTiles stats={stats ?? null} />
      <div className="insights__grid">
        <TimeBarsChart
          testId="chart-runs-over-time"
          title="Runs and errors over time"
          starts={starts}
          bucketMs={stats?.bucketMs ?? 60_000}
          series={[
            { key: 'ok', label: 'ok', tone: 'ok', values: buckets.map((b) => b.runs - b.errors) },
            { key: 'errors', label: 'errors', tone: 'error', values: buckets.map((b) => b.errors) },
          ]}
          integer
          formatValue={formatCount}
          formatTick={formatCompactCount}
          describe={(i) => {
            const b = buckets[i];
            return b === undefined || b.runs === 0 ? null : `error rate ${formatPercent(b.errors / b.runs)}`;
          }}
          summary={
            stats && (
              <span>
                Error rate <strong>{formatPercent(stats.errorRate)}</strong> · per {formatBucketSize(stats.bucketMs)}
              </span>
            )
          }
          empty={loading}
        />
        <TimeBarsChart
          testId="chart-cost-over-time"
          title="Cost over time"
          starts={starts}
          bucketMs={stats?.bucketMs ?? 60_000}
          series={[{ key: 'cost', label: 'cost', tone: 'cost', values: buckets.map((b) => b.costUsd) }]}
          formatValue={(v) => formatUsd(v)}
          formatTick={formatUsdTick}
          summary={
            stats && (
              <span>
                Total{' '}
                <strong>{formatUsd(stats.cost.totalUsd, { complete: stats.cost.runsWithUnknownCost === 0 })}</strong> ·
                per {formatBucketSize(stats.bucketMs)}
              </span>
            )
          }
          empty={loading}
        />
        <TimeBarsChart
          testId="chart-tokens-over-time"
          title="Tokens over time"
          starts={starts}
          bucketMs={stats?.bucketMs ?? 60_000}
          series={[
            { key: 'input', label: 'input', tone: 'input', values: buckets.map((b) => b.inputTokens) },
            { key: 'output', label: 'output', tone: 'output', values: buckets.map((b) => b.outputTokens) },
          ]}
          integer
          formatValue={formatCount}
          formatTick={formatCompactCount}
          summary={
            stats && (
              <span>
                <strong>{formatCount(stats.tokens.input + stats.tokens.output)}</strong> tokens ·{' '}
                {formatCount(stats.tokens.input)} in · {formatCount(stats.tokens.output)} out
              </span>
            )
          }
          empty={loading}
        />
        <HistogramChart
          testId="chart-cost-distribution"
          title="Cost per run"
          histogram={costHistogram}
          formatValue={formatUsdTick}
          unit="runs"
          markers={
            perRun === null
              ? []
              : [
                  { label: 'p50', value: perRun.p50 },
                  { label: 'p95', value: perRun.p95 },
                  { label: 'p99', value: perRun.p99 },
                ]
          }
          summary={
            perRun && (
              <span>
                p50 <strong>{formatUsd(perRun.p50)}</strong> · p95 <strong>{formatUsd(perRun.p95)}</strong> · p99{' '}
                <strong>{formatUsd(perRun.p99)}</strong>
              </span>
            )
          }
          empty={loading ?? (data !== null && data.runCosts.length === 0 ? 'No run has a fully known cost.' : null)}
          note={data === null ? undefined : costNote(data)}
        />
        <PercentileBars
          testId="chart-latency-by-step"
          title="Latency by step"
          rows={stepRows(data?.byStepName ?? [])}
          empty={loading ?? (data?.byStepName.length === 0 ? 'No steps.' : null)}
        />
        <PercentileBars
          testId="chart-latency-by-model"
          title="Latency by model"
          rows={modelRows(data?.byModel ?? [])}
          empty={loading ?? (data?.byModel.length === 0 ? 'No model calls.' : null)}
        />
        {stepNote !== undefined && <p className="insights__note muted insights__grid-wide">{stepNote}</p>}
        <TopRunsTable
          testId="insights-expensive-runs"
          title="Most expensive runs"
          runs={stats?.mostExpensiveRuns ?? null}
          metric="cost"
        />
        <TopRunsTable
          testId="insights-slowest-runs"
          title="Slowest runs"
          runs={stats?.slowestRuns ?? null}
          metric="duration"
        />
      </div>
    </>
  );
}

function costNote(data: InsightsData): string {
  const parts: string[] = [];
  const unknown = data.stats.cost.runsWithUnknownCost;
  if (unknown > 0)
    parts.push(`${formatCount(unknown)} ${unknown === 1 ? 'run' : 'runs'} with unpriced model calls left out`);
  if (data.sampled) parts.push(`bars from the newest ${formatCount(SAMPLE_LIMIT)} runs`);
  if (data.runCosts.length > 0) parts.push(`${formatCount(data.runCosts.length)} runs`);
  return parts.join(' · ');
}

function stepRows(steps: readonly StepNameStats[]): PercentileRow[] {
  return steps.map((s) => ({
    key: `${s.kind}:${s.name}`,
    label: s.name,
    tag: STEP_KIND_LABELS[s.kind],
    count: s.count,
    countUnit: s.count === 1 ? 'step' : 'steps',
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
  }));
}

function modelRows(models: readonly ModelStats[]): PercentileRow[] {
  return models.map((m) => ({
    key: m.model,
    label: m.model,
    ...(m.provider === null ? {} : { tag: m.provider }),
    count: m.calls,
    countUnit: m.calls === 1 ? 'call' : 'calls',
    p50: m.p50,
    p95: m.p95,
    p99: m.p99,
  }));
}
