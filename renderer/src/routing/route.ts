/**
 * Where the UI is. Routes live in the URL hash: `#/run/<traceId>`, `#/settings/<section>`; no hash
 * is the runs list.
 */
export type Route =
  | { page: 'runs' }
  | { page: 'run'; traceId: string }
  | { page: 'settings'; section: SettingsSection };

export const SETTINGS_SECTIONS = ['prices'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

const RUN_PREFIX = '#/run/';
const SETTINGS_PREFIX = '#/settings';
const ROUTE_CHANGE_EVENT = 'loupe:route-change';

/** Marks history entries the app pushed itself, so "Back" can pop them instead of adding more. */
interface LoupeHistoryState {
  loupeInApp: true;
}

export function parseRoute(hash: string): Route {
  if (hash.startsWith(RUN_PREFIX)) {
    const traceId = safeDecode(hash.slice(RUN_PREFIX.length)).trim();
    if (traceId !== '') return { page: 'run', traceId };
  }
  if (hash === SETTINGS_PREFIX || hash.startsWith(`${SETTINGS_PREFIX}/`)) {
    const name = hash.slice(SETTINGS_PREFIX.length + 1);
    const section = SETTINGS_SECTIONS.find((s) => s === name) ?? SETTINGS_SECTIONS[0];
    return { page: 'settings', section };
  }
  return { page: 'runs' };
}

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'runs':
      return '';
    case 'run':
      return `${RUN_PREFIX}${encodeURIComponent(route.traceId)}`;
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
  navigateBack({ page: 'runs' });
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
