// The toolbar window: frameless, compact, always on top (level 'floating', above normal windows
// but below system dialogs and the screen saver), draggable by its bar, growing downwards for
// panels, and back where it was on the same display next time. On macOS it also shows on every
// Space and over full-screen apps, and its first click acts (Answer) instead of only focusing it.
import { BrowserWindow, screen, type Rectangle } from 'electron';
import Store from 'electron-store';
import { PRIVATE_FILE } from '../node/files/atomic-file.ts';
import { TOOLBAR_SIZE, toolbarWebPreferences } from './window-policy.ts';

interface PlacementData {
  byDisplay: Record<string, Rectangle>;
  lastDisplay?: number;
  waylandNotice?: string;
}

/** Where the window was, by display (window-state.json in the user-data folder). */
export interface PlacementStore {
  get<K extends keyof PlacementData>(key: K): PlacementData[K];
  set<K extends keyof PlacementData>(key: K, value: PlacementData[K]): void;
}

/** Moving the window emits an event per pixel (macOS, and `move` everywhere): one write after it rests. */
export const SAVE_PLACE_AFTER_MS = 400;

function restoredBounds(placements: PlacementStore): Partial<Rectangle> {
  const last = placements.get('lastDisplay');
  const display = screen.getAllDisplays().find((d) => d.id === last);
  const saved = display ? placements.get('byDisplay')[String(display.id)] : undefined;
  if (!display || !saved) return {};
  const area = display.workArea;
  const inside =
    saved.x >= area.x && saved.y >= area.y && saved.x < area.x + area.width && saved.y < area.y + area.height;
  return inside ? { x: saved.x, y: saved.y, width: saved.width } : {};
}

export interface ToolbarWindowOptions {
  preloadPath: string;
  alwaysOnTop: boolean;
  /** Native Wayland: the position can be neither read nor set, so none is kept. */
  keepsPlace: boolean;
  /** DevTools: a development run only. */
  devTools?: boolean;
}

/**
 * The placements on disk; when the user-data folder cannot be read or written, in memory for this
 * run (`failed` says why, once): a place not remembered never keeps the toolbar from showing.
 */
export function placementStore(failed: (error: unknown) => void): PlacementStore {
  const memory: PlacementData = { byDisplay: {} };
  let file: Store<PlacementData> | undefined;
  let told = false;
  const fail = (error: unknown) => {
    file = undefined;
    if (!told) failed(error);
    told = true;
  };
  try {
    file = new Store<PlacementData>({
      name: 'window-state',
      defaults: { byDisplay: {} },
      configFileMode: PRIVATE_FILE,
    });
  } catch (error) {
    fail(error);
  }
  return {
    get: (key) => {
      try {
        if (file) return file.get(key);
      } catch (error) {
        fail(error);
      }
      return memory[key];
    },
    set: (key, value) => {
      memory[key] = value;
      try {
        file?.set(key, value);
      } catch (error) {
        fail(error);
      }
    },
  };
}

export function createToolbarWindow(options: ToolbarWindowOptions, placements: PlacementStore): BrowserWindow {
  const restored = options.keepsPlace ? restoredBounds(placements) : {};
  const win = new BrowserWindow({
    ...restored,
    height: TOOLBAR_SIZE.height,
    width: restored.width ?? TOOLBAR_SIZE.width,
    minWidth: TOOLBAR_SIZE.minWidth,
    maxWidth: TOOLBAR_SIZE.maxWidth,
    minHeight: TOOLBAR_SIZE.minHeight,
    frame: false,
    resizable: true,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: options.alwaysOnTop,
    acceptFirstMouse: true,
    show: false,
    title: 'Nexus Toolbar',
    backgroundColor: '#f7f8fa',
    webPreferences: toolbarWebPreferences(options.preloadPath, options.devTools ?? false),
  });
  if (options.alwaysOnTop) win.setAlwaysOnTop(true, 'floating');
  if (process.platform === 'darwin') win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  win.once('ready-to-show', () => win.show());
  if (!options.keepsPlace) return win;

  const remember = () => {
    const bounds = win.getBounds();
    const display = screen.getDisplayMatching(bounds);
    placements.set('byDisplay', { ...placements.get('byDisplay'), [String(display.id)]: bounds });
    placements.set('lastDisplay', display.id);
  };
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(remember, SAVE_PLACE_AFTER_MS);
  };
  // `move`/`resize` fire on every OS (`moved`/`resized` never on Linux).
  win.on('move', later);
  win.on('resize', later);
  win.on('close', () => {
    clearTimeout(timer);
    remember();
  });
  return win;
}

/** Grows or shrinks the window downwards to fit the open panel. */
export function fitHeight(win: BrowserWindow, height: number): void {
  const bounds = win.getBounds();
  const clamped = Math.min(TOOLBAR_SIZE.maxHeight, Math.max(TOOLBAR_SIZE.minHeight, Math.round(height)));
  if (clamped !== bounds.height) win.setBounds({ ...bounds, height: clamped });
}
