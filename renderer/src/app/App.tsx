import { useEffect, useState } from 'react';
import { InsightsPage } from '../insights/InsightsPage';
import { type ListRoute, RUNS_ROUTE, type Route, isListRoute } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import { DEFAULT_VIEW, type RunsView } from '../routing/view-query';
import { RunView } from '../run-view/RunView';
import { RunsPage } from '../runs/RunsPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { ExchangeDock } from '../exchange/ExchangeDock';
import { ImportDropOverlay } from '../exchange/ImportDropOverlay';
import { useDesktopMenu } from '../exchange/useDesktopMenu';
import { AppHeader } from './AppHeader';
import { AppServicesContext, type AppServices } from './app-services';
import { KeyboardHelp } from './KeyboardHelp';
import { NoticesBanner } from './NoticesBanner';
import { useEngineInfo } from './useEngineInfo';
import { useKeyboardHelp } from './useKeyboardHelp';
import { useLiveStreamSettled } from './useLiveStreamSettled';

const NO_NOTICES: readonly string[] = [];

export function App({ services }: { services: AppServices }) {
  useEffect(() => {
    services.live.start();
    return () => {
      services.live.stop();
    };
  }, [services]);

  const settled = useLiveStreamSettled(services.live);
  return <AppServicesContext value={services}>{settled ? <AppShell /> : <div className="app" />}</AppServicesContext>;
}

interface Remembered {
  /** The runs list's last view: it stays mounted, filtered as it was, under other pages. */
  runsView: RunsView;
  /** The last list page (runs, sessions, insights): what an open run is drawn over. */
  base: ListRoute;
}

/** The list views to keep under a run or settings, updated whenever a list page is shown. */
function useRemembered(route: Route): Remembered {
  const [remembered, setRemembered] = useState<Remembered>(() => ({
    runsView: route.page === 'runs' ? route.view : DEFAULT_VIEW,
    base: isListRoute(route) ? route : RUNS_ROUTE,
  }));
  if (!isListRoute(route)) return remembered;
  const current = { runsView: route.page === 'runs' ? route.view : remembered.runsView, base: route };
  if (current.base !== remembered.base || current.runsView !== remembered.runsView) setRemembered(current);
  return current;
}

function AppShell() {
  const route = useRoute();
  const engineInfo = useEngineInfo();
  const { runsView, base } = useRemembered(route);
  const [helpOpen, setHelpOpen] = useKeyboardHelp();
  const underSettings = route.page === 'settings';
  useDesktopMenu(route, base, () => {
    setHelpOpen(true);
  });

  return (
    <div className="app">
      <AppHeader engineVersion={engineInfo?.version ?? null} route={route} base={base} runsView={runsView} />
      <NoticesBanner notices={engineInfo?.notices ?? NO_NOTICES} />
      <main className="app__main">
        {/* The list stays mounted under an open run, so its scroll position and data survive. */}
        <RunsPage active={route.page === 'runs'} view={runsView} otlpHttpUrl={engineInfo?.otlpHttpUrl ?? null} />
        {base.page === 'sessions' && !underSettings && (
          <SessionsPage active={route.page === 'sessions'} filter={base.filter} />
        )}
        {base.page === 'insights' && !underSettings && (
          <InsightsPage active={route.page === 'insights'} filter={base.filter} />
        )}
        {route.page === 'run' && (
          <RunView key={route.traceId} traceId={route.traceId} tab={route.tab ?? 'timeline'} spanId={route.spanId} />
        )}
        {route.page === 'settings' && <SettingsPage section={route.section} />}
      </main>
      <ExchangeDock />
      <ImportDropOverlay />
      <KeyboardHelp
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
    </div>
  );
}
