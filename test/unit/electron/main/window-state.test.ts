import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  fitWindowState,
  parseWindowState,
} from '../../../../electron/main/window-state';
import { WINDOW_STATE_FILE, loadWindowState, saveWindowState } from '../../../../electron/main/window-state-file';
import { makeTempDir } from '../../../helpers/temp-dir';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('fitWindowState', () => {
  it('opens at the default size, centered, the first time', () => {
    expect(fitWindowState(null, [monitorRight])).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false });
    // A small screen: fitted into it.
    expect(fitWindowState(null, [{ x: 0, y: 0, width: 1280, height: 720 }]).bounds).toEqual({
      width: 1280,
      height: 720,
    });
  });

  it('restores a position that is still on a display, maximized or not', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: true };
    expect(fitWindowState(saved, [laptop, monitorRight])).toEqual({ bounds: saved.bounds, maximized: true });
  });

  it('pulls a window that hangs over the edge back onto its display and shrinks it to fit', () => {
    const saved = { bounds: { x: 3500, y: 10, width: 3000, height: 2000 }, maximized: false };
    expect(fitWindowState(saved, [laptop, monitorRight]).bounds).toEqual({ x: 1440, y: 0, width: 2560, height: 1440 });
  });

  it('centers on the primary display when the saved one is gone (only a sliver would show)', () => {
    const saved = { bounds: { x: 1440 + 2000, y: 200, width: 1200, height: 800 }, maximized: false };
    expect(fitWindowState(saved, [laptop])).toEqual({ bounds: { width: 1200, height: 800 }, maximized: false });
    // Title bar above the top of every display.
    const above = { bounds: { x: 100, y: -500, width: 1200, height: 800 }, maximized: false };
    expect(fitWindowState(above, [laptop]).bounds).toEqual({ width: 1200, height: 800 });
    // Too small a saved size grows to the minimum.
    const tiny = { bounds: { x: 5000, y: 5000, width: 200, height: 100 }, maximized: false };
    expect(fitWindowState(tiny, [laptop]).bounds).toEqual({ ...MIN_WINDOW_SIZE });
  });
});

describe('window state file', () => {
  const tmp = makeTempDir('loupe-window-state-');

  it('round-trips, and a missing, damaged or odd file is no state', () => {
    expect(loadWindowState(tmp.dir)).toBeNull();
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };
    saveWindowState(tmp.dir, state);
    expect(loadWindowState(tmp.dir)).toEqual(state);
    writeFileSync(join(tmp.dir, WINDOW_STATE_FILE), '{"bounds": {"x": 1');
    expect(loadWindowState(tmp.dir)).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: -5, height: 10 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: '5', height: 10 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 5, height: 10 }, maximized: 'yes' })).toEqual({
      bounds: { x: 0, y: 0, width: 5, height: 10 },
      maximized: false,
    });
    tmp.remove();
  });
});
