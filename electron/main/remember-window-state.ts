import { type BrowserWindow, screen } from 'electron';
import { type Rect, fitWindowState } from './window-state';
import { loadWindowState, saveWindowState } from './window-state-file';

const SAVE_DELAY_MS = 500;

/** The saved state in `dir`, fitted to the displays there are now (the primary first). */
export function initialWindowState(dir: string): ReturnType<typeof fitWindowState> {
  const primary = screen.getPrimaryDisplay();
  const areas: Rect[] = [
    primary.workArea,
    ...screen
      .getAllDisplays()
      .filter((d) => d.id !== primary.id)
      .map((d) => d.workArea),
  ];
  return fitWindowState(loadWindowState(dir), areas);
}

/** Saves the window's normal bounds and maximized state to `dir` as it is moved, resized and closed. */
export function rememberWindowState(win: BrowserWindow, dir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    saveWindowState(dir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
