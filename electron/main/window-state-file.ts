import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WindowState, parseWindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

/** The saved window state in `dir` (the userData folder); null when there is none or it is unreadable. */
export function loadWindowState(dir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** Saves it atomically (a crash mid-write leaves the previous file); a failure is logged, never thrown. */
export function saveWindowState(dir: string, state: WindowState): void {
  const path = join(dir, WINDOW_STATE_FILE);
  try {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${path}.tmp`, path);
  } catch (err) {
    console.error('[loupe] could not save the window state:', err instanceof Error ? err.message : err);
  }
}
