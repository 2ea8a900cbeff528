import { dialog, ipcMain, shell, type BrowserWindow } from 'electron';
import { IpcChannel } from '../preload/ipc-channels';
import { assertTrustedSender, type TrustedOrigin } from './security';

export interface NativeIpcContext {
  window: () => BrowserWindow | null;
  trustedOrigin: TrustedOrigin;
  dataDir: () => string;
}

/** Trace export formats the engine imports (OTLP JSON / JSON Lines / protobuf, Jaeger JSON; gzip'd or not). */
const TRACE_FILE_EXTENSIONS = ['json', 'jsonl', 'ndjson', 'gz', 'pb', 'protobuf', 'bin'];

/** The open dialog for trace files (several at once); the chosen paths, [] when cancelled. */
export async function showTraceFileDialog(win: BrowserWindow | null): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import trace files',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Trace exports', extensions: TRACE_FILE_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** One handler per preload method; each checks its sender first. */
export function registerNativeIpc(ctx: NativeIpcContext): void {
  ipcMain.handle(IpcChannel.openTraceFiles, async (event): Promise<string[]> => {
    assertTrustedSender(event, ctx.trustedOrigin, ctx.window);
    return showTraceFileDialog(ctx.window());
  });

  ipcMain.handle(IpcChannel.revealDataDir, async (event): Promise<void> => {
    assertTrustedSender(event, ctx.trustedOrigin, ctx.window);
    const error = await shell.openPath(ctx.dataDir());
    if (error) throw new Error(`Could not open the data folder: ${error}`);
  });
}
