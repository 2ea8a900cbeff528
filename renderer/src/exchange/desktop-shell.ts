import { type MenuCommand, isMenuCommand } from '../../../shared/domain/desktop-menu';
import { type ImportJobEvent, isImportJobEvent } from '../../../shared/domain/import-job';

/** The part of the Electron preload's `window.loupeNative` this module listens to (absent in a browser). */
interface DesktopShellEvents {
  onMenuCommand?: (listener: (command: unknown) => void) => () => void;
  onImportEvent?: (listener: (event: unknown) => void) => () => void;
}

/**
 * Listens to the desktop shell: its menu commands and the imports it runs (File → Import…).
 * Anything malformed is ignored. Returns the unsubscribe function (a no-op in a browser).
 */
export function listenToDesktopShell(handlers: {
  onCommand: (command: MenuCommand) => void;
  onImportEvent: (event: ImportJobEvent) => void;
}): () => void {
  const shell = (window as { loupeNative?: DesktopShellEvents }).loupeNative;
  const stops = [
    shell?.onMenuCommand?.((command) => {
      if (isMenuCommand(command)) handlers.onCommand(command);
    }),
    shell?.onImportEvent?.((event) => {
      if (isImportJobEvent(event)) handlers.onImportEvent(event);
    }),
  ];
  return () => {
    for (const stop of stops) stop?.();
  };
}
