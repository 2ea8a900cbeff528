import type { MouseEvent } from 'react';
import { type ListRoute, type Route, filterOf, navigate, routeToHash } from '../routing/route';
import type { RunsView } from '../routing/view-query';
import { ImportButton } from '../exchange/ImportButton';
import { LiveIndicator } from './LiveIndicator';

interface AppHeaderProps {
  engineVersion: string | null;
  route: Route;
  /** The list page on screen, or the one under an open run or settings. */
  base: ListRoute;
  runsView: RunsView;
}

export function AppHeader({ engineVersion, route, base, runsView }: AppHeaderProps) {
  // The filters follow from one list page to the next (runs, sessions, insights), so "these runs"
  // can be seen as sessions or as charts; the runs list keeps its own order.
  const filter = filterOf(base);
  const links: { id: string; label: string; to: Route; current: boolean }[] = [
    {
      id: 'runs',
      label: 'Runs',
      to: { page: 'runs', view: { filter, sort: runsView.sort } },
      current: route.page === 'runs' || (route.page === 'run' && base.page === 'runs'),
    },
    {
      id: 'sessions',
      label: 'Sessions',
      to: { page: 'sessions', filter: { ...filter, sessionId: null } },
      current: route.page === 'sessions' || (route.page === 'run' && base.page === 'sessions'),
    },
    {
      id: 'insights',
      label: 'Insights',
      to: { page: 'insights', filter },
      current: route.page === 'insights' || (route.page === 'run' && base.page === 'insights'),
    },
    {
      id: 'settings',
      label: 'Settings',
      to: { page: 'settings', section: 'prices' },
      current: route.page === 'settings',
    },
  ];
  const go = (to: Route) => (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (routeToHash(to) !== routeToHash(route)) navigate(to);
  };
  return (
    <header className="app-header">
      <span className="app-header__brand" data-testid="app-name">
        <span className="app-header__mark" aria-hidden="true" />
        Loupe
      </span>
      <nav className="app-header__nav" aria-label="Main">
        {links.map((link) => (
          <a
            key={link.id}
            href={routeToHash(link.to) || '#/'}
            className="app-header__link"
            data-testid={`${link.id}-link`}
            aria-current={link.current ? 'page' : undefined}
            onClick={go(link.to)}
          >
            {link.label}
          </a>
        ))}
      </nav>
      <span className="app-header__spacer" />
      <ImportButton />
      {engineVersion !== null && (
        <span className="app-header__version" title="Engine version">
          v{engineVersion}
        </span>
      )}
      <LiveIndicator />
    </header>
  );
}
