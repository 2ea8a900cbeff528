import { LiveIndicator } from './LiveIndicator';

export function AppHeader({ engineVersion }: { engineVersion: string | null }) {
  return (
    <header className="app-header">
      <span className="app-header__brand" data-testid="app-name">
        <span className="app-header__mark" aria-hidden="true" />
        Loupe
      </span>
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
