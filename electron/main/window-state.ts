/** The main window's size, position and maximized state, remembered between launches (pure logic). */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds. */
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

/** How much of the title bar must be on a screen for a saved position to be used (so it can be dragged). */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 32;

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/** A saved state read back from disk; null when it is not one (a hand-edited or damaged file). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (!isRect(bounds) || bounds.width <= 0 || bounds.height <= 0) return null;
  return { bounds: { ...bounds }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function clampSize(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: Math.round(Math.max(Math.min(size.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width))),
    height: Math.round(Math.max(Math.min(size.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height))),
  };
}

/**
 * Where to open the window, given the saved state and the displays' work areas now (the first is
 * the primary). A saved position is kept when its title bar is still on a display (then the window
 * is fitted into that display); otherwise — a display unplugged, resolution changed — it opens at
 * the saved size (fitted to the primary display) and the caller centers it (no x/y).
 */
export function fitWindowState(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): { bounds: { width: number; height: number; x?: number; y?: number }; maximized: boolean } {
  const primary = workAreas[0];
  const size = saved?.bounds ?? DEFAULT_WINDOW_SIZE;
  if (!primary) return { bounds: { width: size.width, height: size.height }, maximized: saved?.maximized ?? false };
  const maximized = saved?.maximized ?? false;
  if (saved) {
    const titleBar: Rect = { x: saved.bounds.x, y: saved.bounds.y, width: saved.bounds.width, height: GRAB_HEIGHT };
    const home = workAreas.find((area) => {
      const o = overlap(titleBar, area);
      // At least a good part of the title bar, so the window can be grabbed and moved.
      return o.width >= Math.min(GRAB_WIDTH, saved.bounds.width) && o.height >= GRAB_HEIGHT / 2;
    });
    if (home) {
      const fitted = clampSize(saved.bounds, home);
      const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - fitted.width);
      const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - fitted.height);
      return { bounds: { ...fitted, x: Math.round(x), y: Math.round(y) }, maximized };
    }
  }
  return { bounds: clampSize(size, primary), maximized };
}
