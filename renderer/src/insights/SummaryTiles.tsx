import type { ReactNode } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatUsd } from '../../../shared/format/format-usd';
import { formatPercent } from '../common/format-percent';
import type { RunStats } from './run-stats';

/** The headline figures; with `stats` null (loading) the tiles keep their place with placeholders. */
export function SummaryTiles({ stats }: { stats: RunStats | null }) {
  const placeholder = '…';
  const latency = stats?.runLatencyMs ?? null;
  const unknownCost = stats?.cost.runsWithUnknownCost ?? 0;
  return (
    <div className="tiles" data-testid="insights-tiles">
      <Tile id="runs" label="Runs" value={stats ? formatCount(stats.runs) : placeholder}>
        {stats && (
          <>
            {formatCount(stats.llmCalls)} LLM calls · {formatCount(stats.toolCalls)} tool calls
          </>
        )}
      </Tile>
      <Tile
        id="error-rate"
        label="Error rate"
        value={stats ? formatPercent(stats.errorRate) : placeholder}
        tone={stats && stats.errorRuns > 0 ? 'error' : undefined}
      >
        {stats && (
          <>
            {formatCount(stats.errorRuns)} failed {stats.errorRuns === 1 ? 'run' : 'runs'}
          </>
        )}
      </Tile>
      <Tile
        id="latency"
        label="Run latency"
        wide
        body={
          <span className="tile__figures">
            {(['p50', 'p95', 'p99'] as const).map((p) => (
              <span className="tile__figure" key={p} data-testid={`latency-${p}`}>
                <span className="tile__figure-label">{p}</span>
                <span className="tile__value">
                  {stats ? (latency === null ? '—' : formatDuration(latency[p])) : placeholder}
                </span>
              </span>
            ))}
          </span>
        }
      />
      <Tile
        id="cost"
        label="Total cost"
        value={stats ? formatUsd(stats.cost.totalUsd, { complete: unknownCost === 0 }) : placeholder}
        title={unknownCost > 0 ? 'A lower bound: some model calls have no known cost' : undefined}
      >
        {stats &&
          (unknownCost > 0 ? (
            <span className="tile__warn">
              {formatCount(unknownCost)} {unknownCost === 1 ? 'run' : 'runs'} with unpriced calls
            </span>
          ) : (
            'every model call priced'
          ))}
      </Tile>
      <Tile
        id="tokens"
        label="Tokens"
        value={stats ? formatCount(stats.tokens.input + stats.tokens.output) : placeholder}
      >
        {stats && (
          <>
            {formatCount(stats.tokens.input)} in · {formatCount(stats.tokens.output)} out
            {stats.tokens.cacheRead > 0 && <> · {formatCount(stats.tokens.cacheRead)} cached</>}
          </>
        )}
      </Tile>
    </div>
  );
}

function Tile(props: {
  id: string;
  label: string;
  value?: string;
  tone?: 'error';
  title?: string;
  wide?: boolean;
  /** Figures laid out by the tile itself, instead of one big value. */
  body?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section
      className={props.wide ? 'tile tile--wide' : 'tile'}
      data-testid="insights-tile"
      data-tile={props.id}
      data-tone={props.tone}
      title={props.title}
    >
      <h2 className="tile__label">{props.label}</h2>
      {props.value !== undefined && (
        <span className="tile__value tile__value--big" data-testid="tile-value">
          {props.value}
        </span>
      )}
      {props.body}
      {props.children !== undefined && <span className="tile__sub muted">{props.children}</span>}
    </section>
  );
}
