/** The only IPC channels between the preload and main; main checks every sender. */
export const IpcChannel = {
  openTraceFiles: 'loupe:open-trace-files',
  revealDataDir: 'loupe:reveal-data-dir',
} as const;

/** Command-line switch carrying the app version to the sandboxed preload (which has no `app`). */
export const APP_VERSION_ARG = '--loupe-app-version=';
