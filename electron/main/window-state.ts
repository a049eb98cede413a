/**
 * The main window's size, position and maximised flag, kept in <data dir>/window-state.json so the
 * app reopens where the user left it. A file that is missing, corrupt or describes a place no
 * longer on any screen (a monitor unplugged) falls back to a centred default window.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

/** At least 100x50 px of the title bar area must lie on one display's work area. */
function visibleOn(state: Required<Pick<WindowState, 'x' | 'y' | 'width' | 'height'>>, areas: Rectangle[]): boolean {
  return areas.some((a) => {
    const w = Math.min(state.x + state.width, a.x + a.width) - Math.max(state.x, a.x);
    const h = Math.min(state.y + 50, a.y + a.height) - Math.max(state.y, a.y);
    return w >= 100 && h >= 50;
  });
}

/** A usable state from whatever the file held; workAreas are the displays' work areas now. */
export function sanitizeWindowState(raw: unknown, workAreas: Rectangle[]): WindowState {
  const r = (raw ?? {}) as Record<string, unknown>;
  const width = int(r.width) && r.width >= MIN_SIZE.width ? r.width : DEFAULT_SIZE.width;
  const height = int(r.height) && r.height >= MIN_SIZE.height ? r.height : DEFAULT_SIZE.height;
  const maximized = r.maximized === true;
  if (int(r.x) && int(r.y) && visibleOn({ x: r.x, y: r.y, width, height }, workAreas)) return { width, height, x: r.x, y: r.y, maximized };
  return { width, height, maximized };
}

export function loadWindowState(dataDir: string, workAreas: Rectangle[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    raw = undefined;
  }
  return sanitizeWindowState(raw, workAreas);
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, WINDOW_STATE_FILE);
  // Write then rename: a crash mid-write leaves the old file, never half a JSON document.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The state to remember: the normal (un-maximised) bounds plus the maximised flag. */
export function currentWindowState(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const b = win.getNormalBounds();
  return { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() };
}

/** Saves on close, and after moves and resizes settle (a crash then loses at most the last second). */
export function trackWindowState(win: BrowserWindow, dataDir: string, debounceMs = 1000): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    try {
      saveWindowState(dataDir, currentWindowState(win));
    } catch {
      // a read-only data dir costs the remembered position, nothing else
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e as 'resize', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}
