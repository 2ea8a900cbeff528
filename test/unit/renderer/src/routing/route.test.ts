import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RUNS_ROUTE,
  filterOf,
  isListRoute,
  navigate,
  navigateBackToRuns,
  parseRoute,
  routeToHash,
  subscribeToRoute,
  type Route,
} from '../../../../../renderer/src/routing/route';
import { DEFAULT_SORT, DEFAULT_VIEW, EMPTY_FILTER } from '../../../../../renderer/src/routing/view-query';

const RUNS: Route = { page: 'runs', view: DEFAULT_VIEW };

describe('parseRoute', () => {
  it('maps an empty or unknown hash to the runs list', () => {
    for (const hash of ['', '#', '#/', '#/runs', '#/run', '#run/abc', '/run/abc', '#/RUN/abc', '#token=abc']) {
      expect(parseRoute(hash), hash).toEqual(RUNS);
    }
  });

  it('reads the trace id of a run route', () => {
    expect(parseRoute('#/run/0af7651916cd43dd8448eb211c80319c')).toEqual({
      page: 'run',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
  });

  it('reads and writes the selected step of a run, with or without a tab', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    expect(parseRoute(`#/run/${traceId}?step=00f067aa0ba902b7`)).toEqual({
      page: 'run',
      traceId,
      spanId: '00f067aa0ba902b7',
    });
    expect(parseRoute(`#/run/${traceId}/transcript?step=00f067aa0ba902b7`)).toEqual({
      page: 'run',
      traceId,
      tab: 'transcript',
      spanId: '00f067aa0ba902b7',
    });
    expect(parseRoute(`#/run/${traceId}?step=`)).toEqual({ page: 'run', traceId });
    const route = { page: 'run', traceId, tab: 'transcript', spanId: 'a b' } as const;
    expect(routeToHash(route)).toBe(`#/run/${traceId}/transcript?step=a%20b`);
    expect(parseRoute(routeToHash(route))).toEqual(route);
  });

  it('falls back to the runs list when the trace id is empty or blank', () => {
    expect(parseRoute('#/run/')).toEqual(RUNS);
    expect(parseRoute('#/run/%20%20')).toEqual(RUNS);
    expect(parseRoute('#/run/   ')).toEqual(RUNS);
  });

  it('percent-decodes and trims the trace id', () => {
    expect(parseRoute('#/run/a%2Fb%20c')).toEqual({ page: 'run', traceId: 'a/b c' });
    expect(parseRoute('#/run/%20abc%20')).toEqual({ page: 'run', traceId: 'abc' });
    expect(parseRoute('#/run/%E4%B8%96')).toEqual({ page: 'run', traceId: '世' });
  });

  it('keeps a malformed escape as written instead of throwing', () => {
    expect(parseRoute('#/run/abc%')).toEqual({ page: 'run', traceId: 'abc%' });
    expect(parseRoute('#/run/%E0%A4%A')).toEqual({ page: 'run', traceId: '%E0%A4%A' });
  });
});

describe('settings routes', () => {
  it('reads the section, defaulting to prices', () => {
    expect(parseRoute('#/settings/prices')).toEqual({ page: 'settings', section: 'prices' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', section: 'prices' });
    expect(parseRoute('#/settings/')).toEqual({ page: 'settings', section: 'prices' });
    expect(parseRoute('#/settings/unknown')).toEqual({ page: 'settings', section: 'prices' });
  });

  it('does not take look-alikes for settings', () => {
    expect(parseRoute('#/settingsx')).toEqual(RUNS);
    expect(parseRoute('#settings')).toEqual(RUNS);
  });

  it('round-trips', () => {
    const route: Route = { page: 'settings', section: 'prices' };
    expect(routeToHash(route)).toBe('#/settings/prices');
    expect(parseRoute(routeToHash(route))).toEqual(route);
  });
});

describe('routeToHash', () => {
  it('gives the runs list no hash', () => {
    expect(routeToHash(RUNS)).toBe('');
  });

  it('percent-encodes the trace id', () => {
    expect(routeToHash({ page: 'run', traceId: 'abc' })).toBe('#/run/abc');
    expect(routeToHash({ page: 'run', traceId: 'a/b&c#d' })).toBe('#/run/a%2Fb%26c%23d');
  });

  it('round-trips through parseRoute', () => {
    const routes: Route[] = [
      RUNS,
      { page: 'run', traceId: '0af7651916cd43dd8448eb211c80319c' },
      { page: 'run', traceId: 'a/b?c=d&e#f%20 g' },
      { page: 'run', traceId: '世界' },
    ];
    for (const route of routes) expect(parseRoute(routeToHash(route))).toEqual(route);
  });
});

describe('list pages with filters', () => {
  const filter = { ...EMPTY_FILTER, service: 'support-agent', status: 'error' as const };

  it('writes the runs list with filters and sort as a query, and reads it back', () => {
    const route: Route = { page: 'runs', view: { filter, sort: { by: 'cost', dir: 'desc' } } };
    const hash = routeToHash(route);
    expect(hash).toBe('#/runs?service=support-agent&status=error&sort=cost');
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads the runs list at #/, #/runs and #/?… alike', () => {
    const expected: Route = { page: 'runs', view: { filter, sort: DEFAULT_SORT } };
    for (const hash of [
      '#/?service=support-agent&status=error',
      '#/runs?service=support-agent&status=error',
      '#?service=support-agent&status=error',
    ]) {
      expect(parseRoute(hash), hash).toEqual(expected);
    }
  });

  it('round-trips sessions and insights with and without filters', () => {
    const routes: Route[] = [
      { page: 'sessions', filter: EMPTY_FILTER },
      { page: 'sessions', filter },
      { page: 'insights', filter: EMPTY_FILTER },
      { page: 'insights', filter: { ...filter, sessionId: 's-1', range: { kind: 'last', preset: '24h' } } },
    ];
    for (const route of routes) expect(parseRoute(routeToHash(route))).toEqual(route);
    expect(routeToHash({ page: 'sessions', filter: EMPTY_FILTER })).toBe('#/sessions');
    expect(routeToHash({ page: 'insights', filter })).toBe('#/insights?service=support-agent&status=error');
  });

  it('never narrows the sessions list to one session', () => {
    expect(parseRoute('#/sessions?session=abc&service=x')).toEqual({
      page: 'sessions',
      filter: { ...EMPTY_FILTER, service: 'x' },
    });
    expect(routeToHash({ page: 'sessions', filter: { ...EMPTY_FILTER, sessionId: 'abc' } })).toBe('#/sessions');
  });

  it('keeps the access token apart: what the token leaves of the hash is a valid route', () => {
    // access-token.ts splits `#token=…&<route>` on '&' and joins the rest back with '&'.
    const rest = '#token=abc&/runs?service=a&q=refund%20policy'.split('&').slice(1).join('&');
    expect(parseRoute(`#${rest}`)).toEqual({
      page: 'runs',
      view: { filter: { ...EMPTY_FILTER, service: 'a', text: 'refund policy' }, sort: DEFAULT_SORT },
    });
  });

  it('gets the filter of any list route', () => {
    const sessions: Route = { page: 'sessions', filter };
    expect(isListRoute(sessions)).toBe(true);
    expect(isListRoute({ page: 'run', traceId: 'x' })).toBe(false);
    expect(isListRoute({ page: 'settings', section: 'prices' })).toBe(false);
    if (!isListRoute(sessions)) throw new Error('unreachable');
    expect(filterOf(sessions)).toBe(filter);
    expect(filterOf(RUNS_ROUTE)).toBe(EMPTY_FILTER);
  });
});

/** A minimal stand-in for the browser's window/location/history (the test runs in Node). */
function fakeBrowser(initialState: unknown = null) {
  const win = new EventTarget();
  const hist = {
    state: initialState,
    pushState: vi.fn((state: unknown) => {
      hist.state = state;
    }),
    replaceState: vi.fn((state: unknown) => {
      hist.state = state;
    }),
    back: vi.fn(),
  };
  vi.stubGlobal('window', win);
  vi.stubGlobal('location', { pathname: '/app/', search: '?x=1' });
  vi.stubGlobal('history', hist);
  return { win, hist };
}

describe('navigation (with a stubbed window)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('pushes an in-app history entry and notifies subscribers', () => {
    const { hist } = fakeBrowser();
    const listener = vi.fn();
    const unsubscribe = subscribeToRoute(listener);
    navigate({ page: 'run', traceId: 'a b' });
    expect(hist.pushState).toHaveBeenCalledWith({ loupeInApp: true }, '', '/app/?x=1#/run/a%20b');
    expect(hist.replaceState).not.toHaveBeenCalled();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('replaces the entry, keeping its state, when asked to', () => {
    const { hist } = fakeBrowser({ other: 1 });
    navigate(RUNS, { replace: true });
    expect(hist.replaceState).toHaveBeenCalledWith({ other: 1 }, '', '/app/?x=1');
    expect(hist.pushState).not.toHaveBeenCalled();
  });

  it('goes back when the app pushed the current entry, otherwise replaces it with the runs list', () => {
    const pushed = fakeBrowser({ loupeInApp: true });
    navigateBackToRuns();
    expect(pushed.hist.back).toHaveBeenCalledTimes(1);
    expect(pushed.hist.replaceState).not.toHaveBeenCalled();

    const external = fakeBrowser(null);
    navigateBackToRuns();
    expect(external.hist.back).not.toHaveBeenCalled();
    expect(external.hist.replaceState).toHaveBeenCalledWith(null, '', '/app/?x=1');
  });

  it('calls the listener on popstate and hashchange until unsubscribed', () => {
    const { win } = fakeBrowser();
    const listener = vi.fn();
    const unsubscribe = subscribeToRoute(listener);
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    navigate(RUNS);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
