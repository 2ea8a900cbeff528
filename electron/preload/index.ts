import { contextBridge, ipcRenderer } from 'electron';
import { APP_VERSION_ARG, IpcChannel } from './ipc-channels';

/**
 * `window.loupeNative` in the Electron window (absent in a browser). Native helpers only: nothing
 * here reaches the database — all data goes through the engine's HTTP API.
 */
export interface LoupeNative {
  /** The app's version (package.json). */
  readonly appVersion: string;
  /** Shows a file dialog for trace exports; resolves to the chosen paths ([] if cancelled). */
  openTraceFiles(): Promise<string[]>;
  /** Opens the data folder (database, settings) in the system file manager. */
  revealDataDir(): Promise<void>;
  /** Menu commands for the window (File → Export…, Help → Keyboard Shortcuts); returns the unsubscribe. */
  onMenuCommand(listener: (command: unknown) => void): () => void;
  /** How a File → Import… run by the shell goes (ImportJobEvents); returns the unsubscribe. */
  onImportEvent(listener: (event: unknown) => void): () => void;
}

/** Passes only the message on: the IPC event object (with its sender) never reaches the page. */
function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => {
    listener(payload);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const appVersion = process.argv.find((arg) => arg.startsWith(APP_VERSION_ARG))?.slice(APP_VERSION_ARG.length) ?? '';

const loupeNative: LoupeNative = {
  appVersion,
  openTraceFiles: () => ipcRenderer.invoke(IpcChannel.openTraceFiles) as Promise<string[]>,
  revealDataDir: () => ipcRenderer.invoke(IpcChannel.revealDataDir) as Promise<void>,
  onMenuCommand: (listener) => subscribe(IpcChannel.menuCommand, listener),
  onImportEvent: (listener) => subscribe(IpcChannel.importEvent, listener),
};

contextBridge.exposeInMainWorld('loupeNative', loupeNative);
