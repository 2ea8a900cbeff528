import { type BrowserWindow, Menu, app, nativeTheme, shell } from 'electron';
import type { MenuCommand } from '../../shared/domain/desktop-menu';
import { IpcChannel } from '../preload/ipc-channels';
import { type AppMenuOptions, appMenuTemplate, isHttpsUrl } from './app-menu';
import { showTraceFileDialog } from './native-ipc';
import { type EngineEndpoint, importPathsThroughEngine } from './upload-trace-files';

export interface AppMenuContext {
  window: () => BrowserWindow | null;
  /** The running engine's API origin and token; null while it starts or restarts. */
  engine: () => EngineEndpoint | null;
  readmeUrl: string | null;
}

/**
 * Sets the native menu. File → Import… is done here: the user picks files in the native dialog and
 * the shell streams them to the engine's upload route itself (it holds the token), telling the
 * window how it goes; the window never receives paths, and the engine never opens a path it is
 * given over HTTP. File → Export… asks the window to export what it shows.
 */
export function installAppMenu(ctx: AppMenuContext): void {
  const send = (channel: string, payload: unknown): void => {
    const win = ctx.window();
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const command = (c: MenuCommand) => () => {
    send(IpcChannel.menuCommand, c);
  };
  const build = (): void => {
    const options: AppMenuOptions = {
      platform: process.platform,
      appName: app.getName(),
      theme: nativeTheme.themeSource,
      readmeUrl: ctx.readmeUrl,
    };
    const template = appMenuTemplate(
      {
        importFiles: () => void importFromDialog(),
        exportView: command('export'),
        keyboardHelp: command('keyboard-help'),
        setTheme: (theme) => {
          nativeTheme.themeSource = theme;
          build();
        },
        openLink: (url) => {
          if (isHttpsUrl(url)) void shell.openExternal(url);
        },
      },
      options,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const importFromDialog = async (): Promise<void> => {
    const engine = ctx.engine();
    if (!engine) return;
    const paths = await showTraceFileDialog(ctx.window());
    if (paths.length === 0) return;
    await importPathsThroughEngine(engine, paths, (event) => {
      send(IpcChannel.importEvent, event);
    });
  };

  build();
}
