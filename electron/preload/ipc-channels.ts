/** The only IPC channels between the preload and main; main checks every sender, and sends only to its window. */
export const IpcChannel = {
  openTraceFiles: 'loupe:open-trace-files',
  revealDataDir: 'loupe:reveal-data-dir',
  /** main → window: a menu command (shared/domain/desktop-menu.ts). */
  menuCommand: 'loupe:menu-command',
  /** main → window: how File → Import… goes (ImportJobEvent). */
  importEvent: 'loupe:import-event',
} as const;

/** Command-line switch carrying the app version to the sandboxed preload (which has no `app`). */
export const APP_VERSION_ARG = '--loupe-app-version=';
