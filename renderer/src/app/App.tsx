import { useEffect } from 'react';
import { useRoute } from '../routing/useRoute';
import { RunView } from '../run-view/RunView';
import { RunsPage } from '../runs/RunsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { AppHeader } from './AppHeader';
import { AppServicesContext, type AppServices } from './app-services';
import { NoticesBanner } from './NoticesBanner';
import { useEngineInfo } from './useEngineInfo';

const NO_NOTICES: readonly string[] = [];

export function App({ services }: { services: AppServices }) {
  useEffect(() => {
    services.live.start();
    return () => {
      services.live.stop();
    };
  }, [services]);

  return (
    <AppServicesContext value={services}>
      <AppShell />
    </AppServicesContext>
  );
}

function AppShell() {
  const route = useRoute();
  const engineInfo = useEngineInfo();

  return (
    <div className="app">
      <AppHeader engineVersion={engineInfo?.version ?? null} page={route.page} />
      <NoticesBanner notices={engineInfo?.notices ?? NO_NOTICES} />
      <main className="app__main">
        {/* The list stays mounted under an open run, so its scroll position and data survive. */}
        <RunsPage active={route.page === 'runs'} otlpHttpUrl={engineInfo?.otlpHttpUrl ?? null} />
        {route.page === 'run' && <RunView key={route.traceId} traceId={route.traceId} />}
        {route.page === 'settings' && <SettingsPage section={route.section} />}
      </main>
    </div>
  );
}
