import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, session } from 'electron';
import { ENGINE_NODE_FLAGS } from '../engine/config/engine-node-flags';
import { engineEntryPath, preloadPath, resolveSqliteBinding } from './app-paths';
import { EngineSupervisor, stripFragment, type EngineReadyInfo } from './engine-process';
import { installAppMenu } from './install-app-menu';
import { createMainWindow, focusWindow, loadUi } from './main-window';
import { initialWindowState, rememberWindowState } from './remember-window-state';
import { registerNativeIpc } from './native-ipc';
import { hardenSession, hardenWebContents, originOf } from './security';

// Electron shell: one window on the engine's UI, the engine in a utilityProcess. Nothing here
// touches the database; the renderer talks to the engine over HTTP like any browser would.

app.setName('Loupe');

// One folder for everything: Chromium's profile and the engine's database. By default it is the
// platform's "Loupe" app-data folder, the same one `loupe serve` uses; LOUPE_DATA_DIR overrides
// both (tests, several installs side by side — each data dir gets its own single-instance lock).
const dataDirOverride = process.env.LOUPE_DATA_DIR?.trim();
const dataDir = dataDirOverride || join(app.getPath('appData'), 'Loupe');
app.setPath('userData', dataDir);

app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let engineInfo: EngineReadyInfo | null = null;
let engine: EngineSupervisor | null = null;
let engineStopped = false;

const trustedOrigin = (): string | null => (engineInfo ? originOf(engineInfo.uiUrl) : null);
const currentWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

// The engine's V8 flags (see engine-node-flags.ts), for the processes started from here on. Whether
// Electron hands js-flags on to a utility process could not be checked here (no Electron binary in
// CI); if it does not, the engine simply starts with V8's defaults.
app.commandLine.appendSwitch('js-flags', ENGINE_NODE_FLAGS.join(' '));

if (!app.requestSingleInstanceLock()) {
  // Another Loupe owns this data dir; it focuses its window (below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(currentWindow()));

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, trustedOrigin, currentWindow);
  });

  app.on('window-all-closed', () => {
    // macOS keeps the app (and its collector) running until Quit, as Mac apps do.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (engineInfo && !currentWindow()) openWindow(engineInfo);
    else focusWindow(currentWindow());
  });

  // Ask the engine to flush and exit before the app goes; it gets a few seconds.
  app.on('before-quit', (event) => {
    if (engineStopped || !engine) return;
    if (!engine.running) {
      // Between a crash and its restart: cancel the pending restart.
      void engine.stop();
      engineStopped = true;
      return;
    }
    event.preventDefault();
    void engine.stop(3000).finally(() => {
      engineStopped = true;
      app.quit();
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  void app.whenReady().then(start);
}

function start(): void {
  hardenSession(session.defaultSession, trustedOrigin);
  registerNativeIpc({ window: currentWindow, trustedOrigin, dataDir: () => engineInfo?.dataDir ?? dataDir });
  installAppMenu({
    window: currentWindow,
    engine: () => {
      const origin = trustedOrigin();
      return engineInfo && origin ? { origin, token: engineInfo.token } : null;
    },
    readmeUrl: readmeUrl(),
  });

  const sqliteBinding = resolveSqliteBinding({
    env: process.env,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
  });
  if (!sqliteBinding) {
    console.warn(
      '[loupe] no better-sqlite3 build for Electron found; the engine will try the default one. ' +
        'Run `node scripts/electron-native.mjs` (npm start does this) if it fails to load.',
    );
  }

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.LOUPE_DATA_DIR = dataDir;
  if (sqliteBinding) env.LOUPE_SQLITE_BINDING = sqliteBinding;

  engine = new EngineSupervisor({
    entryPath: engineEntryPath,
    env,
    onReady: (info) => {
      const previous = engineInfo;
      engineInfo = info;
      const win = currentWindow();
      if (!win) {
        openWindow(info);
      } else if (
        !previous ||
        stripFragment(previous.uiUrl) !== stripFragment(info.uiUrl) ||
        previous.token !== info.token
      ) {
        // A restarted engine on another port (or with a new token): follow it.
        void loadUi(win, info.uiUrl);
      }
    },
    onGiveUp: (reason) => void handleGiveUp(reason),
  });
  engine.start();
}

/** package.json's `homepage` (the README on the web), for Help; null when it has none. */
function readmeUrl(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as { homepage?: unknown };
    return typeof pkg.homepage === 'string' ? pkg.homepage : null;
  } catch {
    return null;
  }
}

function openWindow(info: EngineReadyInfo): void {
  // Window size and position live beside the database (userData is the data dir).
  mainWindow = createMainWindow({ uiUrl: info.uiUrl, preloadPath, ...initialWindowState(dataDir) });
  rememberWindowState(mainWindow, dataDir);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function handleGiveUp(reason: string): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'error',
    title: 'Loupe',
    message: 'Loupe’s engine keeps stopping',
    detail:
      `The engine (collector, database and UI server) crashed several times in a row.\n\n${reason}\n\n` +
      `Data folder: ${dataDir}`,
    buttons: ['Try again', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const win = currentWindow();
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response === 0) engine?.retry();
  else app.quit();
}
