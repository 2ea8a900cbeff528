import { useEffect, useRef } from 'react';
import type { ExportRequest } from '../../../shared/api/exchange-routes';
import { useAppServices } from '../app/useAppServices';
import { type ListRoute, type Route, filterOf } from '../routing/route';
import { toRunFilter } from '../routing/view-query';
import { listenToDesktopShell } from './desktop-shell';
import { downloadExport } from './export-status-store';
import { useImportJobStore } from './import-job-store';

/** What File → Export… exports: the open run, else the runs of the list on screen (with its filter). */
export function currentViewExport(
  route: Route,
  base: ListRoute,
  nowMs: number,
): { request: ExportRequest; what: string } {
  if (route.page === 'run') return { request: { format: 'otlp-json', traceIds: [route.traceId] }, what: 'the run' };
  return { request: { format: 'otlp-json', filter: toRunFilter(filterOf(base), nowMs) }, what: 'the listed runs' };
}

/** Answers the desktop menu: File → Export… and Help → Keyboard shortcuts; shows the shell's imports. */
export function useDesktopMenu(route: Route, base: ListRoute, openKeyboardHelp: () => void): void {
  const { exchange } = useAppServices();
  const latest = useRef({ route, base, openKeyboardHelp });
  useEffect(() => {
    latest.current = { route, base, openKeyboardHelp };
  });
  useEffect(
    () =>
      listenToDesktopShell({
        onCommand: (command) => {
          const { route: r, base: b, openKeyboardHelp: help } = latest.current;
          if (command === 'keyboard-help') help();
          else {
            const { request, what } = currentViewExport(r, b, Date.now());
            void downloadExport(exchange, request, what);
          }
        },
        onImportEvent: (event) => {
          useImportJobStore.getState().apply(event);
        },
      }),
    [exchange],
  );
}
