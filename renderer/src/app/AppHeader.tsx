import type { MouseEvent } from 'react';
import { navigate, type Route } from '../routing/route';
import { LiveIndicator } from './LiveIndicator';

interface AppHeaderProps {
  engineVersion: string | null;
  page: Route['page'];
}

export function AppHeader({ engineVersion, page }: AppHeaderProps) {
  const go = (route: Route) => (event: MouseEvent) => {
    event.preventDefault();
    if (route.page !== page) navigate(route);
  };
  return (
    <header className="app-header">
      <span className="app-header__brand" data-testid="app-name">
        <span className="app-header__mark" aria-hidden="true" />
        Loupe
      </span>
      <nav className="app-header__nav" aria-label="Main">
        <a
          href="#/"
          className="app-header__link"
          data-testid="runs-link"
          aria-current={page === 'runs' || page === 'run' ? 'page' : undefined}
          onClick={go({ page: 'runs' })}
        >
          Runs
        </a>
        <a
          href="#/settings/prices"
          className="app-header__link"
          data-testid="settings-link"
          aria-current={page === 'settings' ? 'page' : undefined}
          onClick={go({ page: 'settings', section: 'prices' })}
        >
          Settings
        </a>
      </nav>
      <span className="app-header__spacer" />
      {engineVersion !== null && (
        <span className="app-header__version" title="Engine version">
          v{engineVersion}
        </span>
      )}
      <LiveIndicator />
    </header>
  );
}
