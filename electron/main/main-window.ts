import { app, BrowserWindow, nativeTheme } from 'electron';
import { APP_VERSION_ARG } from '../preload/ipc-channels';
import { stripFragment } from './engine-process';
import { MIN_WINDOW_SIZE } from './window-state';

export interface MainWindowOptions {
  /** The engine's UI URL (with `#token=…`). */
  uiUrl: string;
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** Size and position (no x/y: centered), already fitted to the displays (window-state.ts). */
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/**
 * The one app window: sandboxed renderer, context isolation, no Node, a preload that exposes a
 * few native helpers. Security rules for its web contents are attached app-wide in index.ts
 * (`web-contents-created`), so they also cover any contents created later.
 */
export function createMainWindow({ uiUrl, preloadPath, bounds, maximized }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Loupe',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      additionalArguments: [`${APP_VERSION_ARG}${app.getVersion()}`],
    },
  });

  let shown = false;
  const show = (): void => {
    if (shown || win.isDestroyed()) return;
    shown = true;
    if (maximized) win.maximize();
    win.show();
  };
  win.once('ready-to-show', show);
  // Show the window even if the first paint never comes (e.g. the load failed), so the user sees it.
  setTimeout(show, 5000).unref();

  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) console.error(`[loupe] window failed to load ${stripFragment(url)}: ${description} (${code})`);
  });
  // Reload after a renderer crash, but not in a loop: at most once per 30 s.
  let lastCrashReload = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[loupe] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || win.isDestroyed() || Date.now() - lastCrashReload < 30_000) return;
    lastCrashReload = Date.now();
    win.webContents.reload();
  });

  void loadUi(win, uiUrl);
  return win;
}

/** Loads (or reloads) the engine UI; a failure is logged, never thrown. */
export async function loadUi(win: BrowserWindow, uiUrl: string): Promise<void> {
  try {
    await win.loadURL(uiUrl);
  } catch (err) {
    console.error(`[loupe] could not load ${stripFragment(uiUrl)}:`, err instanceof Error ? err.message : err);
  }
}

/** Brings the window to the front (second instance, dock click). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
