import { type MouseEvent, useRef, useState } from 'react';
import type { SessionSummary } from '../../../shared/domain/run-filter';
import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatUsd } from '../../../shared/format/format-usd';
import { formatClock } from '../../../shared/format/time';
import { NoMatch } from '../common/NoMatch';
import { useFocusWhenActive } from '../common/useFocusWhenActive';
import { useListKeyboard } from '../common/useListKeyboard';
import { FilterBar, type FilterField } from '../filters/FilterBar';
import { type Route, navigate, routeToHash } from '../routing/route';
import { DEFAULT_SORT, EMPTY_FILTER, type ViewFilter, isFilterActive } from '../routing/view-query';
import { type SessionsList, useSessions } from './useSessions';

/** The sessions list is never narrowed to one session. */
const SESSION_FIELDS: readonly FilterField[] = [
  'search',
  'range',
  'service',
  'status',
  'model',
  'origin',
  'minCost',
  'minDuration',
];

interface SessionsPageProps {
  active: boolean;
  filter: ViewFilter;
}

/** The runs of one session, under the filters the sessions were listed with. */
function sessionRunsRoute(filter: ViewFilter, sessionId: string): Route {
  return { page: 'runs', view: { filter: { ...filter, sessionId }, sort: DEFAULT_SORT } };
}

function rowId(sessionId: string): string {
  return `session-row-${encodeURIComponent(sessionId)}`;
}

/** Runs grouped by session / conversation id, with totals; a session opens as the runs list narrowed to it. */
export function SessionsPage({ active, filter }: SessionsPageProps) {
  const list = useSessions(filter);
  const [selected, setSelected] = useState<string | null>(null);
  const filtered = isFilterActive({ ...filter, sessionId: null });
  const bodyRef = useRef<HTMLDivElement>(null);
  useFocusWhenActive(bodyRef, active);

  const open = (sessionId: string) => {
    setSelected(sessionId);
    navigate(sessionRunsRoute(filter, sessionId));
  };

  useListKeyboard({
    enabled: active,
    keys: list.sessions.map((s) => s.sessionId),
    selected,
    onSelect: (key) => {
      setSelected(key);
      document.getElementById(rowId(key))?.scrollIntoView({ block: 'nearest' });
    },
    onOpen: open,
  });

  return (
    <div
      className={active ? 'list-page' : 'list-page is-covered'}
      data-testid="sessions-page"
      data-state={list.state}
      inert={!active}
      aria-hidden={!active}
    >
      <div className="page-toolbar">
        <h1 className="page-toolbar__title">Sessions</h1>
        <span className="page-toolbar__count muted" data-testid="sessions-count">
          {list.state === 'ready' &&
            `${formatCount(list.sessions.length)}${list.hasMore ? '+' : ''} ${
              list.sessions.length === 1 ? 'session' : 'sessions'
            }`}
        </span>
        <span className="page-toolbar__status muted" role="status">
          {list.updating ? 'Updating…' : ''}
        </span>
        {list.state === 'ready' && list.error !== null && (
          <span className="page-toolbar__warning" role="status" title={list.error.message}>
            Refresh failed: {list.error.message}
          </span>
        )}
        <span className="page-toolbar__spacer" />
        <span className="page-toolbar__hint muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> show runs · <kbd>?</kbd> keys
        </span>
      </div>
      <FilterBar
        filter={filter}
        fields={SESSION_FIELDS}
        active={active}
        onChange={(next, options) => {
          navigate({ page: 'sessions', filter: next }, options);
        }}
      />
      <div ref={bodyRef} tabIndex={-1} className="list-page__body">
        {list.state === 'ready' ? (
          <SessionsTable list={list} selected={selected} onOpen={open} filter={filter} />
        ) : (
          <SessionsMessage
            list={list}
            filtered={filtered}
            onClearFilters={() => {
              navigate({ page: 'sessions', filter: { ...EMPTY_FILTER } });
            }}
          />
        )}
      </div>
    </div>
  );
}

function SessionsTable(props: {
  list: SessionsList;
  selected: string | null;
  filter: ViewFilter;
  onOpen: (sessionId: string) => void;
}) {
  const { list, selected, filter, onOpen } = props;
  return (
    <>
      <table className="data-table sessions-table" data-testid="sessions-table">
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Started</th>
            <th scope="col">Last activity</th>
            <th scope="col" className="num">
              Runs
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col" className="num" title="Sum of the runs’ durations">
              Run time
            </th>
            <th scope="col" className="num">
              LLM calls
            </th>
            <th scope="col" className="num">
              Tool calls
            </th>
            <th scope="col" className="num" title="Input + output tokens">
              Tokens
            </th>
            <th scope="col" className="num" title="USD over the model calls; “≥” when some could not be priced">
              Cost
            </th>
            <th scope="col">Services</th>
            <th scope="col">User</th>
          </tr>
        </thead>
        <tbody>
          {list.sessions.map((session) => (
            <SessionRow
              key={session.sessionId}
              session={session}
              selected={session.sessionId === selected}
              href={routeToHash(sessionRunsRoute(filter, session.sessionId))}
              onOpen={onOpen}
            />
          ))}
        </tbody>
      </table>
      {list.hasMore && (
        <div className="list-page__more">
          <button type="button" className="button" data-testid="sessions-more" onClick={list.loadMore}>
            Show more sessions
          </button>
        </div>
      )}
    </>
  );
}

function SessionRow(props: {
  session: SessionSummary;
  selected: boolean;
  href: string;
  onOpen: (sessionId: string) => void;
}) {
  const { session: s, selected, href, onOpen } = props;
  const tokens = s.inputTokens + s.outputTokens;
  const open = (event: MouseEvent) => {
    // Let the browser handle a click meant for a new tab or window.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(s.sessionId);
  };
  return (
    <tr
      id={rowId(s.sessionId)}
      className={selected ? 'is-selected' : undefined}
      aria-selected={selected}
      data-testid="session-row"
      data-session-id={s.sessionId}
      onClick={open}
    >
      <td className="sessions-table__id" title={s.sessionId}>
        <a
          href={href}
          className="row-link mono"
          onClick={(event) => {
            event.stopPropagation();
            open(event);
          }}
        >
          {s.sessionId}
        </a>
      </td>
      <td className="muted" title={s.firstStartTime}>
        {formatClock(Date.parse(s.firstStartTime))}
      </td>
      <td className="muted" title={s.lastEndTime}>
        {formatClock(Date.parse(s.lastEndTime))}
      </td>
      <td className="num" data-testid="session-runs">
        {formatCount(s.runs)}
      </td>
      <td className="num" data-testid="session-errors">
        {s.errorRuns === 0 ? (
          <span className="muted">0</span>
        ) : (
          <span className="error-text">{formatCount(s.errorRuns)}</span>
        )}
      </td>
      <td className="num">{formatDuration(s.totalDurationMs)}</td>
      <td className="num">{formatCount(s.llmCalls)}</td>
      <td className="num">{formatCount(s.toolCalls)}</td>
      <td className="num">
        {tokens === 0 && s.llmCalls === 0 ? <span className="muted">—</span> : formatCount(tokens)}
      </td>
      <td
        className="num"
        data-testid="session-cost"
        title={s.costComplete ? undefined : 'Some model calls could not be priced: a lower bound'}
      >
        {s.llmCalls === 0 ? <span className="muted">—</span> : formatUsd(s.costUsd, { complete: s.costComplete })}
      </td>
      <td className="sessions-table__services muted" title={s.services.join(', ')}>
        {s.services.join(', ')}
      </td>
      <td className="muted">{s.userId ?? ''}</td>
    </tr>
  );
}

function SessionsMessage(props: { list: SessionsList; filtered: boolean; onClearFilters: () => void }) {
  const { list, filtered, onClearFilters } = props;
  switch (list.state) {
    case 'loading':
      return <p className="list-page__message muted">Loading sessions…</p>;
    case 'error':
      return (
        <div className="list-page__message list-page__error" role="alert" data-testid="sessions-error">
          <p>Could not load sessions: {list.error?.message ?? 'unknown error'}</p>
          <button type="button" className="button" onClick={list.retry}>
            Retry
          </button>
        </div>
      );
    case 'empty':
      return filtered ? (
        <NoMatch what="sessions" onClearFilters={onClearFilters} />
      ) : (
        <div className="no-match" data-testid="sessions-empty">
          <h2 className="no-match__title">No sessions yet</h2>
          <p className="muted">
            Runs are grouped into sessions by the conversation or session id their spans carry:{' '}
            <code>gen_ai.conversation.id</code>, <code>session.id</code> (OpenInference, Langfuse, MLflow), or the
            session metadata of LangSmith, OpenLLMetry and the Vercel AI SDK.
          </p>
        </div>
      );
    case 'ready':
      return null;
  }
}
