import { type RunTab, runTabSuffix, splitRunPath } from '../run-view/run-tabs';
import { DEFAULT_VIEW, filterToQuery, parseViewQuery, viewToQuery, type RunsView, type ViewFilter } from './view-query';

/**
 * Where the UI is. Routes live in the URL hash: `#/run/<traceId>`, `#/settings/<section>`,
 * `#/sessions`, `#/insights`; no hash is the runs list. The list pages carry their filters (and the
 * runs list its sort) as a query: `#/runs?service=api&status=error&sort=cost` (see view-query.ts).
 */
export type Route =
  | { page: 'runs'; view: RunsView }
  | {
      page: 'run';
      traceId: string;
      /** Absent: the timeline. */
      tab?: RunTab;
      /** The selected step (`?step=<spanId>`), so a step deep-links too. */
      spanId?: string;
    }
  | { page: 'settings'; section: SettingsSection }
  | { page: 'sessions'; filter: ViewFilter }
  | { page: 'insights'; filter: ViewFilter };

/** The pages that list runs and share the filter bar. */
export type ListRoute = Extract<Route, { page: 'runs' | 'sessions' | 'insights' }>;

export const RUNS_ROUTE: ListRoute = { page: 'runs', view: DEFAULT_VIEW };

export const SETTINGS_SECTIONS = ['prices', 'redaction', 'storage', 'forwarding', 'endpoints'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

const RUN_PREFIX = '#/run/';
const SETTINGS_PREFIX = '#/settings';
const RUNS_PATH = '/runs';
const SESSIONS_PATH = '/sessions';
const INSIGHTS_PATH = '/insights';
const ROUTE_CHANGE_EVENT = 'loupe:route-change';

/** Marks history entries the app pushed itself, so "Back" can pop them instead of adding more. */
interface LoupeHistoryState {
  loupeInApp: true;
}

export function parseRoute(hash: string): Route {
  if (hash.startsWith(RUN_PREFIX)) {
    const rest = hash.slice(RUN_PREFIX.length);
    const q = rest.indexOf('?');
    const { encodedTraceId, tab } = splitRunPath(q === -1 ? rest : rest.slice(0, q));
    const traceId = safeDecode(encodedTraceId).trim();
    const spanId = q === -1 ? null : new URLSearchParams(rest.slice(q + 1)).get('step');
    if (traceId !== '')
      return {
        page: 'run',
        traceId,
        ...(tab === 'timeline' ? {} : { tab }),
        ...(spanId === null || spanId === '' ? {} : { spanId }),
      };
  }
  if (hash === SETTINGS_PREFIX || hash.startsWith(`${SETTINGS_PREFIX}/`)) {
    const name = hash.slice(SETTINGS_PREFIX.length + 1);
    const section = SETTINGS_SECTIONS.find((s) => s === name) ?? SETTINGS_SECTIONS[0];
    return { page: 'settings', section };
  }
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  const path = q === -1 ? body : body.slice(0, q);
  const query = q === -1 ? '' : body.slice(q + 1);
  switch (path) {
    case SESSIONS_PATH:
      // The sessions list is never narrowed to one session (the filter bar there has no such field).
      return { page: 'sessions', filter: { ...parseViewQuery(query).filter, sessionId: null } };
    case INSIGHTS_PATH:
      return { page: 'insights', filter: parseViewQuery(query).filter };
    case '':
    case '/':
    case RUNS_PATH:
      return { page: 'runs', view: parseViewQuery(query) };
    default:
      return RUNS_ROUTE;
  }
}

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'runs': {
      const query = viewToQuery(route.view);
      return query === '' ? '' : `#${RUNS_PATH}?${query}`;
    }
    case 'sessions':
      return withQuery(SESSIONS_PATH, filterToQuery({ ...route.filter, sessionId: null }));
    case 'insights':
      return withQuery(INSIGHTS_PATH, filterToQuery(route.filter));
    case 'run':
      return (
        `${RUN_PREFIX}${encodeURIComponent(route.traceId)}${runTabSuffix(route.tab)}` +
        (route.spanId === undefined ? '' : `?step=${encodeURIComponent(route.spanId)}`)
      );
    case 'settings':
      return `${SETTINGS_PREFIX}/${route.section}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const url = `${location.pathname}${location.search}${routeToHash(route)}`;
  if (options.replace) {
    history.replaceState(history.state, '', url);
  } else {
    const state: LoupeHistoryState = { loupeInApp: true };
    history.pushState(state, '', url);
  }
  window.dispatchEvent(new Event(ROUTE_CHANGE_EVENT));
}

/**
 * Goes back to where the user came from: pops the history entry when the app pushed it (the
 * previous entry is then the page that opened this one), otherwise replaces it with `fallback`.
 */
export function navigateBack(fallback: Route): void {
  if (isLoupeHistoryState(history.state)) {
    history.back();
  } else {
    navigate(fallback, { replace: true });
  }
}

/** Leaves a run: pops the history entry when the app pushed it, otherwise replaces it. */
export function navigateBackToRuns(): void {
  navigateBack(RUNS_ROUTE);
}

export function isListRoute(route: Route): route is ListRoute {
  return route.page === 'runs' || route.page === 'sessions' || route.page === 'insights';
}

/** A list route's filter. */
export function filterOf(route: ListRoute): ViewFilter {
  return route.page === 'runs' ? route.view.filter : route.filter;
}

function withQuery(path: string, query: string): string {
  return query === '' ? `#${path}` : `#${path}?${query}`;
}

/** For useSyncExternalStore: calls `listener` whenever the route may have changed. */
export function subscribeToRoute(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener('hashchange', listener);
  window.addEventListener(ROUTE_CHANGE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener('hashchange', listener);
    window.removeEventListener(ROUTE_CHANGE_EVENT, listener);
  };
}

function isLoupeHistoryState(state: unknown): state is LoupeHistoryState {
  return typeof state === 'object' && state !== null && 'loupeInApp' in state;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
