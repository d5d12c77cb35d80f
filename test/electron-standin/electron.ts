// A strict stand-in for the `electron` module, for tests only: it answers `import 'electron'` and
// `require('electron')` in a Node process (see register.ts) and holds the shell to Electron's
// documented rules (electron.d.ts of the version in package.json). What Electron refuses, it
// refuses with an ElectronRefused error, recorded in the journal even when the caller catches it:
//   - BrowserWindow, Tray, Notification, screen, session, protocol.handle, globalShortcut,
//     safeStorage, powerMonitor, net.request, dialog.showMessageBox and app.getLocale before `ready`;
//   - net.request to anything but http(s), or with a `redirect` other than follow/error/manual;
//   - protocol.registerSchemesAsPrivileged more than once or after `ready`; app.setDesktopName and
//     app.commandLine switches after `ready` (Electron ignores them then: a silent no-op is a bug);
//   - a platform-only API on another platform: it is not a function there (app.setLoginItemSettings
//     on Linux, app.setAppUserModelId off Windows, app.setDesktopName off Linux…);
//   - a second ipcMain.handle for one channel, a relative or missing preload, a malformed accelerator;
//   - Menu.setApplicationMenu with anything but a Menu or null, a menu role electron.d.ts does not
//     name (Electron ignores it silently), a window-open handler answering anything but
//     {action: 'allow' | 'deny'} (noted, not thrown: Electron logs it and refuses the window).
// It keeps Electron's own behaviour where a shell could be fooled: the default application menu
// (View → Toggle Developer Tools) set at will-finish-launching unless the app set one, roles
// expanded per OS, keys to before-input-event first and then to the menu's accelerators,
// devTools: false opening no DevTools, input-event for clicks and keys (a held key repeating
// with isAutoRepeat, a press focusing the frame it lands in: WebContents.input), a page's frames
// (mainFrame, focusedFrame, WebFrameMain.parent; no frame in HandlerDetails), a crashed renderer
// getting nothing until the next load, a hung one never committing a load until
// forcefullyCrashRenderer (whose render-process-gone comes later).
// It also behaves as each OS does where the shell must cope: Linux never emits `moved`/`resized`,
// macOS emits `moved` with every `move`; native Wayland ignores always-on-top, reads positions as
// 0,0 and refuses global shortcuts; Tray and Notification objects are held only weakly (Electron
// destroys a collected Tray and drops a collected Notification's clicks), windows strongly until closed.
import { EventEmitter } from 'node:events';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { basename, isAbsolute, join } from 'node:path';

export type Os = 'win32' | 'darwin' | 'linux';

export interface StandinOptions {
  platform: Os;
  /** Folder for app.getPath(): userData, logs, temp… live below it. */
  home: string;
  /** The app's folder (its package.json gives name, productName, version, desktopName). */
  appPath: string;
  execPath: string;
  packaged: boolean;
  /** False: another instance holds the single-instance lock. */
  lockFree?: boolean;
  env?: Record<string, string | undefined>;
  /** API names (as in the journal) that throw, to stand for an OS failure. */
  faults?: string[];
  /** Accelerators another app already holds. */
  takenShortcuts?: string[];
  preferredLanguages?: string[];
  /** process.resourcesPath (default: the app's resources folder). */
  resourcesPath?: string;
}

/** Electron would refuse this (or silently ignore it, which for the shell is the same bug). */
export class ElectronRefused extends Error {
  override name = 'ElectronRefused';
}

/** powerMonitor: its events, and the idle reads electron.d.ts gives it. */
export type PowerMonitor = EventEmitter & {
  getSystemIdleTime(): number;
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown';
};

export interface JournalEntry {
  seq: number;
  api: string;
  args: unknown[];
  ready: boolean;
  refused?: string;
}

/** Electron's Event: preventDefault and defaultPrevented (and the fields some events add). */
export function electronEvent<T extends object>(fields?: T): { preventDefault(): void; defaultPrevented: boolean } & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...fields,
  };
  return event as { preventDefault(): void; defaultPrevented: boolean } & T;
}

/** What the journal keeps of an argument: plain data, never a live object. */
function plain(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return '[buffer]';
  if (value instanceof NativeImage) return { image: value.describe() };
  if (value instanceof BrowserWindow) return { window: value.id };
  if (value instanceof Menu) return { menu: value.describe() };
  if (depth > 5) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v, depth + 1);
  return out;
}

let current: Standin | undefined;
const standin = (): Standin => {
  if (!current) throw new Error('electron stand-in: not set up (import register.ts first)');
  return current;
};

// ---------------------------------------------------------------------------------------------
// nativeImage

function pngSize(file: string): { width: number; height: number } | undefined {
  try {
    const head = readFileSync(file).subarray(0, 24);
    if (head.toString('latin1', 1, 4) !== 'PNG') return undefined;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } catch {
    return undefined;
  }
}

export class NativeImage {
  readonly source: string;
  private readonly size: { width: number; height: number };
  private readonly scales: number[];

  constructor(source: string, size: { width: number; height: number }, scales: number[]) {
    this.source = source;
    this.size = size;
    this.scales = scales;
  }

  static createFromPath(path: string): NativeImage {
    standin().record('nativeImage.createFromPath', [path]);
    // Electron needs an absolute path; anything it cannot read gives an empty image, silently.
    const size = isAbsolute(path) ? pngSize(path) : undefined;
    if (!size) return new NativeImage(path, { width: 0, height: 0 }, []);
    const hidpi = path.replace(/\.png$/, '@2x.png');
    return new NativeImage(path, size, existsSync(hidpi) && pngSize(hidpi) ? [1, 2] : [1]);
  }

  static createEmpty(): NativeImage {
    return new NativeImage('', { width: 0, height: 0 }, []);
  }

  isEmpty(): boolean {
    return this.size.width === 0;
  }

  getSize(): { width: number; height: number } {
    return { ...this.size };
  }

  getScaleFactors(): number[] {
    return [...this.scales];
  }

  resize(options: { width?: number; height?: number }): NativeImage {
    const width =
      options.width ?? Math.round((this.size.width * (options.height ?? this.size.height)) / (this.size.height || 1));
    const height = options.height ?? Math.round((this.size.height * width) / (this.size.width || 1));
    return new NativeImage(this.source, { width, height }, this.scales);
  }

  toPNG(): Buffer {
    return Buffer.alloc(0);
  }

  describe() {
    return { file: basename(this.source), ...this.size, scales: this.scales };
  }
}

export const nativeImage = {
  createFromPath: (path: string) => NativeImage.createFromPath(path),
  createEmpty: () => NativeImage.createEmpty(),
};

// ---------------------------------------------------------------------------------------------
// Menu

export interface MenuItemOptions {
  label?: string;
  type?: string;
  enabled?: boolean;
  visible?: boolean;
  click?: (...args: unknown[]) => void;
  submenu?: MenuItemOptions[] | Menu;
  role?: string;
  accelerator?: string;
}

const MENU_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);

/** Every role electron.d.ts names (MenuItemConstructorOptions.role). */
const MENU_ROLES = new Set(
  'undo redo cut copy paste pasteAndMatchStyle delete selectAll reload forceReload toggleDevTools resetZoom zoomIn zoomOut toggleSpellChecker togglefullscreen window minimize close help about services hide hideOthers unhide quit showSubstitutions toggleSmartQuotes toggleSmartDashes toggleTextReplacement startSpeaking stopSpeaking zoom front appMenu fileMenu editMenu viewMenu shareMenu recentDocuments toggleTabBar selectNextTab selectPreviousTab showAllTabs mergeAllWindows clearRecentDocuments moveTabToNewWindow windowMenu'
    .split(' ')
    .map((r) => r.toLowerCase()),
);

/**
 * What a role brings when the template says no more (Electron's menu-item-roles.ts): its label,
 * its accelerator and, for the menu roles, the whole submenu. `viewMenu` holds Toggle Developer Tools.
 */
function roleDefaults(
  role: string,
  platform: Os,
  appName: string,
): { label: string; accelerator?: string; submenu?: MenuItemOptions[] } {
  const mac = platform === 'darwin';
  const win = platform === 'win32';
  const table: Record<string, { label: string; accelerator?: string; submenu?: MenuItemOptions[] }> = {
    about: { label: platform === 'linux' ? 'About' : `About ${appName}` },
    close: { label: mac ? 'Close Window' : 'Close', accelerator: 'CommandOrControl+W' },
    copy: { label: 'Copy', accelerator: 'CommandOrControl+C' },
    cut: { label: 'Cut', accelerator: 'CommandOrControl+X' },
    delete: { label: 'Delete' },
    forcereload: { label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R' },
    front: { label: 'Bring All to Front' },
    help: { label: 'Help' },
    hide: { label: `Hide ${appName}`, accelerator: 'Command+H' },
    hideothers: { label: 'Hide Others', accelerator: 'Command+Alt+H' },
    minimize: { label: 'Minimize', accelerator: 'CommandOrControl+M' },
    paste: { label: 'Paste', accelerator: 'CommandOrControl+V' },
    pasteandmatchstyle: {
      label: 'Paste and Match Style',
      accelerator: mac ? 'Cmd+Option+Shift+V' : 'Shift+CommandOrControl+V',
    },
    quit: {
      label: mac ? `Quit ${appName}` : win ? 'Exit' : 'Quit',
      ...(win ? {} : { accelerator: 'CommandOrControl+Q' }),
    },
    redo: { label: 'Redo', accelerator: win ? 'Control+Y' : 'Shift+CommandOrControl+Z' },
    reload: { label: 'Reload', accelerator: 'CmdOrCtrl+R' },
    resetzoom: { label: 'Actual Size', accelerator: 'CommandOrControl+0' },
    selectall: { label: 'Select All', accelerator: 'CommandOrControl+A' },
    services: { label: 'Services' },
    toggledevtools: { label: 'Toggle Developer Tools', accelerator: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I' },
    togglefullscreen: { label: 'Toggle Full Screen', accelerator: mac ? 'Control+Command+F' : 'F11' },
    undo: { label: 'Undo', accelerator: 'CommandOrControl+Z' },
    unhide: { label: 'Show All' },
    window: { label: 'Window' },
    zoom: { label: 'Zoom' },
    zoomin: { label: 'Zoom In', accelerator: 'CommandOrControl+Plus' },
    zoomout: { label: 'Zoom Out', accelerator: 'CommandOrControl+-' },
    appmenu: {
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    filemenu: { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    editmenu: {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac
          ? [{ role: 'pasteAndMatchStyle' }, { role: 'delete' }, { role: 'selectAll' }]
          : [{ role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }]),
      ],
    },
    viewmenu: {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    windowmenu: {
      label: 'Window',
      submenu: [
        { role: 'minimize' },
        { role: 'zoom' },
        ...(mac ? [{ type: 'separator' }, { role: 'front' }] : [{ role: 'close' }]),
      ],
    },
    sharemenu: { label: 'Share', submenu: [] },
  };
  return table[role] ?? { label: '' };
}

/** An accelerator as a comparable key: modifiers sorted, CommandOrControl resolved for the OS. */
export function acceleratorKey(accelerator: string, platform: Os): string {
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const names: Record<string, string> = {
    command: 'cmd',
    cmd: 'cmd',
    control: 'ctrl',
    ctrl: 'ctrl',
    option: 'alt',
    alt: 'alt',
    shift: 'shift',
    super: 'meta',
    meta: 'meta',
  };
  const mods = parts.map((p) =>
    p === 'commandorcontrol' || p === 'cmdorctrl' ? (platform === 'darwin' ? 'cmd' : 'ctrl') : (names[p] ?? p),
  );
  return [...new Set(mods)]
    .sort()
    .concat(key === '+' ? 'plus' : key)
    .join('+');
}

export interface MenuItemState {
  label: string;
  type: string;
  enabled: boolean;
  visible: boolean;
  /** Lower-cased, as Electron keeps it. */
  role?: string;
  accelerator?: string;
  click?: MenuItemOptions['click'];
  submenu?: Menu;
}

export class Menu {
  readonly items: MenuItemState[];

  constructor(items: MenuItemState[]) {
    this.items = items;
  }

  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    const s = current;
    return new Menu(
      template.map((t) => {
        if (t.type !== undefined && !MENU_TYPES.has(t.type))
          throw new TypeError(`Invalid template for MenuItem: unknown type ${t.type}`);
        if (t.type !== 'separator' && t.label === undefined && t.role === undefined)
          throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
        const role = t.role?.toLowerCase();
        // Electron ignores a role it does not know: the item then does nothing, silently.
        if (role !== undefined && !MENU_ROLES.has(role))
          s?.refuse('Menu.buildFromTemplate', `unknown role ${t.role} (Electron would ignore it silently)`);
        const defaults = role ? roleDefaults(role, s?.platform ?? 'linux', s?.app.getName() ?? 'Electron') : undefined;
        const given = t.submenu ?? defaults?.submenu;
        const submenu = given instanceof Menu ? given : given ? Menu.buildFromTemplate(given) : undefined;
        const accelerator = t.accelerator ?? defaults?.accelerator;
        return {
          label: t.label ?? defaults?.label ?? '',
          type: t.type ?? (submenu ? 'submenu' : 'normal'),
          enabled: t.enabled ?? true,
          visible: t.visible ?? true,
          ...(role ? { role } : {}),
          ...(accelerator ? { accelerator } : {}),
          ...(t.click ? { click: t.click } : {}),
          ...(submenu ? { submenu } : {}),
        };
      }),
    );
  }

  /** Electron's setApplicationMenu: a Menu or null (no menu, and no default one either), nothing else. */
  static setApplicationMenu(menu: Menu | null): void {
    const s = standin();
    s.record('Menu.setApplicationMenu', [menu]);
    if (menu !== null && !(menu instanceof Menu)) throw new TypeError('Invalid menu');
    s.applicationMenu = { menu, byDefault: false };
  }

  static getApplicationMenu(): Menu | null {
    return standin().applicationMenu?.menu ?? null;
  }

  labels(): unknown[] {
    return this.items.map((i) =>
      i.type === 'separator'
        ? '-'
        : { label: i.label, enabled: i.enabled, ...(i.submenu ? { submenu: i.submenu.labels() } : {}) },
    );
  }

  /** Label, role and accelerator of every item, submenus included (roles expanded as Electron does). */
  describe(): unknown[] {
    return this.items.map((i) =>
      i.type === 'separator'
        ? '-'
        : {
            label: i.label,
            ...(i.role ? { role: i.role } : {}),
            ...(i.accelerator ? { accelerator: i.accelerator } : {}),
            ...(i.submenu ? { submenu: i.submenu.describe() } : {}),
          },
    );
  }

  /** Every item, submenus included. */
  all(): MenuItemState[] {
    return this.items.flatMap((i) => [i, ...(i.submenu?.all() ?? [])]);
  }

  /** The item at a path of labels, e.g. ['Not ready', 'Meal']. */
  find(path: string[]): Menu['items'][number] | undefined {
    const [first, ...rest] = path;
    const item = this.items.find((i) => i.label === first);
    if (!item || rest.length === 0) return item;
    return item.submenu?.find(rest);
  }
}

// ---------------------------------------------------------------------------------------------
// webContents and BrowserWindow

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

let nextContentsId = 1;

/** What a window-open handler gets (electron.d.ts HandlerDetails). */
export interface HandlerDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  referrer: { url: string; policy: string };
}

/**
 * The agent's hand on a page, as Chromium reports it to main (`input-event`, `before-input-event`):
 * a click (or its press and release apart), a key pressed and released, or held down (`key-down`,
 * then any number of `key-repeat`, then `key-up`), a mouse move, a scroll.
 */
export type UserInput =
  'click' | 'mouse-down' | 'mouse-up' | 'key' | 'key-down' | 'key-repeat' | 'key-up' | 'mouse-move' | 'wheel';

/**
 * A frame of a page (electron.d.ts `WebFrameMain`): `parent` "would be `null` if `frame` is the
 * top frame in the frame hierarchy"; `frames`, its child frames.
 */
export class WebFrameMain {
  readonly frames: WebFrameMain[] = [];

  public url: string;
  readonly parent: WebFrameMain | null;

  constructor(url: string, parent: WebFrameMain | null) {
    this.url = url;
    this.parent = parent;
    parent?.frames.push(this);
  }

  get top(): WebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

export class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  private url = '';
  /** electron.d.ts `mainFrame`: "the top frame of the page's frame hierarchy". */
  readonly mainFrame = new WebFrameMain('', null);
  /**
   * electron.d.ts `focusedFrame`: "the currently focused frame in this WebContents. Can be the top
   * frame, an inner `<iframe>`, or `null` if nothing is focused". A loaded page has its top frame
   * focused; a press in a frame moves the focus there (after main has seen the press); keys go to it.
   */
  focusedFrame: WebFrameMain | null = null;
  /** The key held down (`key-down` until `key-up`): Chromium repeats it with isAutoRepeat set. */
  private heldKey: string | undefined;
  private destroyed = false;
  /** The page's renderer process is gone (crashed, killed) until the next load starts a new one. */
  private crashed = false;
  /** The renderer stopped answering (`unresponsive`): a load in the same process hangs with it. */
  private hung = false;
  private devToolsOpen = false;
  /** Pages loaded (a reload counts): how often the page started over. */
  loads = 0;
  windowOpenHandler: ((details: HandlerDetails) => unknown) | undefined;
  /** What main sent to the page, by channel (the last message and how many). */
  readonly sent = new Map<string, { count: number; last: unknown }>();

  readonly owner: BrowserWindow;

  constructor(owner: BrowserWindow) {
    super();
    this.owner = owner;
  }

  get session(): Session {
    return standin().session.defaultSession;
  }

  getType(): string {
    return 'window';
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return this.crashed;
  }

  isHung(): boolean {
    return this.hung && !this.crashed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new ElectronRefused('Object has been destroyed');
    // A page whose renderer is gone gets nothing (Electron drops the message, silently).
    if (this.crashed) return;
    const entry = this.sent.get(channel) ?? { count: 0, last: undefined };
    entry.count += 1;
    entry.last = args[0];
    this.sent.set(channel, entry);
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => unknown): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    const s = standin();
    s.record('webContents.loadURL', [this.owner.id, url]);
    if (this.destroyed) throw new ElectronRefused('Object has been destroyed');
    // A hung renderer never commits the next page: the navigation waits on it for ever
    // (electron.d.ts, forcefullyCrashRenderer: end the process first, then reload).
    if (this.isHung()) return new Promise<void>(() => undefined);
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = s.protocol.handlers.get(scheme);
    if (!['http', 'https', 'file', 'data', 'about'].includes(scheme)) {
      if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
      const response = await handler(new Request(url));
      if (response.status !== 200)
        throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE (-379) loading '${url}' (${response.status})`);
      await loadSubresources(this, url, response, handler);
    }
    this.startNavigation(url);
    // A new document: in a new renderer process if the last one was gone, without the old one's frames.
    this.crashed = false;
    this.hung = false;
    this.url = url;
    this.mainFrame.url = url;
    this.mainFrame.frames.length = 0;
    this.focusedFrame = this.mainFrame;
    this.loads += 1;
    this.emitDidNavigate(url);
    this.emit('did-finish-load');
    this.owner.emit('ready-to-show');
  }

  /**
   * electron.d.ts `did-start-navigation`: details (WebContentsDidStartNavigationEventParams: url,
   * isSameDocument, isMainFrame, frame, initiator), then the deprecated url, isInPlace, isMainFrame.
   */
  private startNavigation(url: string): void {
    const details = { url, isSameDocument: false, isMainFrame: true, frame: this.mainFrame, initiator: null };
    this.emit('did-start-navigation', electronEvent(details), url, false, true);
  }

  reload(): void {
    standin().record('webContents.reload', [this.owner.id]);
    if (this.url) void this.loadURL(this.url).catch(() => undefined);
  }

  /** electron.d.ts: ends the renderer; `render-process-gone` follows (reason killed), later. */
  forcefullyCrashRenderer(): void {
    standin().record('webContents.forcefullyCrashRenderer', [this.owner.id]);
    if (this.crashed || this.destroyed) return;
    this.crashed = true;
    setImmediate(() => {
      if (!this.destroyed) this.emit('render-process-gone', electronEvent(), { reason: 'killed', exitCode: 9 });
    });
  }

  /** webPreferences.devTools false: "can not use openDevTools()" (nothing opens, nothing said). */
  openDevTools(): void {
    standin().record('webContents.openDevTools', [this.owner.id]);
    if (this.owner.options.webPreferences?.devTools !== false) this.devToolsOpen = true;
  }

  closeDevTools(): void {
    this.devToolsOpen = false;
  }

  toggleDevTools(): void {
    if (this.devToolsOpen) this.closeDevTools();
    else this.openDevTools();
  }

  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }

  /** A navigation the page starts (a link, a form, location.href): main may refuse it. */
  navigate(url: string, kind: 'link' | 'redirect'): boolean {
    const event = electronEvent({ url, isMainFrame: true });
    this.emit(kind === 'redirect' ? 'will-redirect' : 'will-navigate', event, url, false, true);
    if (event.defaultPrevented) return false;
    if (kind === 'link') this.startNavigation(url); // a redirect is the same navigation
    this.url = url;
    this.mainFrame.url = url;
    this.emitDidNavigate(url);
    return true;
  }

  /**
   * electron.d.ts `did-navigate`: "Emitted when a main frame navigation is done" (event, url,
   * httpResponseCode, httpStatusText); "not emitted for in-page navigations".
   */
  private emitDidNavigate(url: string): void {
    const http = /^https?:/.test(url);
    this.emit('did-navigate', electronEvent(), url, http ? 200 : -1, http ? 'OK' : '');
  }

  /**
   * An in-page navigation of the top frame (an anchor, `location.hash`, `history.pushState`):
   * electron.d.ts `did-navigate-in-page` (event, url, isMainFrame, frameProcessId, frameRoutingId).
   */
  navigateInPage(url: string): void {
    if (new URL(url).origin !== new URL(this.url).origin) throw new Error('an in-page navigation stays on its origin');
    this.url = url;
    this.mainFrame.url = url;
    this.emit('did-navigate-in-page', electronEvent(), url, true, 1, 1);
  }

  /** An `<iframe>` of the page's top frame, loaded from `url`; its number for `frame()` (1, 2…). */
  addFrame(url: string): number {
    new WebFrameMain(url, this.mainFrame);
    return this.mainFrame.frames.length;
  }

  /** 0: the top frame; n: the page's n-th iframe. */
  frame(index: number): WebFrameMain {
    const frame = index === 0 ? this.mainFrame : this.mainFrame.frames[index - 1];
    if (!frame) throw new Error(`the page has no frame ${index}`);
    return frame;
  }

  /**
   * window.open (or a target=_blank link) in the page, from its top frame or the `frame`-th iframe:
   * what the window-open handler decides. Its details do not say which frame opened (electron.d.ts
   * HandlerDetails: url, frameName, features, disposition, referrer, postBody; no frame). A handler
   * must answer {action: 'allow' | 'deny'}; anything else Electron reports as an error and treats
   * as a refusal.
   */
  open(url: string, details: Partial<Omit<HandlerDetails, 'url'>> = {}, frame = 0): string {
    const s = standin();
    if (!this.windowOpenHandler) return 'allow';
    const opener = this.frame(frame);
    let resolved = url;
    try {
      resolved = new URL(url, opener.url || undefined).href; // the handler gets the resolved URL
    } catch {
      // kept as given
    }
    const response = this.windowOpenHandler({
      url: resolved,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: opener.url, policy: 'strict-origin-when-cross-origin' },
      ...details,
    });
    const action =
      typeof response === 'object' && response !== null ? (response as { action?: unknown }).action : undefined;
    if (action !== 'allow' && action !== 'deny') {
      s.note('webContents.setWindowOpenHandler', "the handler must return an object with action 'allow' or 'deny'");
      return 'deny';
    }
    return action;
  }

  /**
   * The agent's hand on the page, as Chromium tells main: keys first to `before-input-event`
   * (which may keep them from the page and the menu), then every input to `input-event`. Returns
   * false when main kept a key from the page. A press goes to `frame` (0: the top frame), which
   * then has the focus; keys go to the focused frame. A key held down repeats as Chromium's does:
   * electron.d.ts Input.isAutoRepeat ("Equivalent to KeyboardEvent.repeat") on before-input-event's
   * keyDown, and InputEvent.modifiers `isautorepeat` on input-event's rawKeyDown and char.
   */
  input(
    kind: UserInput,
    key: { key?: string; control?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {},
    frame = 0,
  ): boolean {
    if (this.destroyed || this.crashed) return false;
    const keyboard = kind === 'key' || kind === 'key-down' || kind === 'key-repeat' || kind === 'key-up';
    if (keyboard && frame !== 0) throw new Error('keys go to the focused frame: press in the frame first');
    if (kind === 'key-repeat' || kind === 'key-up') {
      if (this.heldKey === undefined) throw new Error(`${kind}: no key is held down`);
    } else if (keyboard && this.heldKey !== undefined) {
      throw new Error(`${kind}: ${this.heldKey} is still held down`);
    }
    if (keyboard) {
      const base = {
        key: this.heldKey ?? key.key ?? 'Enter',
        code: '',
        isAutoRepeat: false,
        isComposing: false,
        shift: !!key.shift,
        control: !!key.control,
        alt: !!key.alt,
        meta: !!key.meta,
        location: 0,
        modifiers: [] as string[],
      };
      const down = (repeat: boolean): boolean => {
        const before = electronEvent();
        this.emit('before-input-event', before, { ...base, type: 'keyDown', isAutoRepeat: repeat });
        if (before.defaultPrevented) return false;
        const modifiers = repeat ? ['isautorepeat'] : [];
        this.emit('input-event', electronEvent(), { type: 'rawKeyDown', modifiers });
        this.emit('input-event', electronEvent(), { type: 'char', modifiers });
        return true;
      };
      const up = () => {
        this.emit('before-input-event', electronEvent(), { ...base, type: 'keyUp' });
        this.emit('input-event', electronEvent(), { type: 'keyUp', modifiers: [] });
      };
      if (kind === 'key') {
        if (!down(false)) return false;
        up();
        return true;
      }
      if (kind === 'key-up') {
        this.heldKey = undefined;
        up();
        return true;
      }
      if (kind === 'key-down') this.heldKey = base.key;
      return down(kind === 'key-repeat');
    }
    const target = this.frame(frame);
    const emit = (type: string) => this.emit('input-event', electronEvent(), { type, modifiers: [] });
    if (kind === 'click' || kind === 'mouse-down') {
      emit('mouseDown');
      this.focusedFrame = target;
    }
    if (kind === 'click' || kind === 'mouse-up') emit('mouseUp');
    if (kind === 'mouse-move') emit('mouseMove');
    if (kind === 'wheel') emit('mouseWheel');
    return true;
  }

  /** The renderer process ends by itself (a crash, the OS killing it for memory…). */
  processGone(reason: string, exitCode: number): void {
    this.crashed = true;
    this.emit('render-process-gone', electronEvent(), { reason, exitCode });
  }

  /** The page stops answering: Chromium's hang monitor fires `unresponsive` (window and contents). */
  hang(): void {
    this.hung = true;
    this.emit('unresponsive');
    this.owner.emit('unresponsive');
  }

  /** A hung page answers again. */
  recover(): void {
    if (!this.hung) return;
    this.hung = false;
    this.emit('responsive');
    this.owner.emit('responsive');
  }
}

export interface WebPreferences {
  preload?: string;
  sandbox?: boolean;
  contextIsolation?: boolean;
  nodeIntegration?: boolean;
  [key: string]: unknown;
}

export interface WindowOptions extends Partial<Bounds> {
  show?: boolean;
  alwaysOnTop?: boolean;
  webPreferences?: WebPreferences;
  [key: string]: unknown;
}

let nextWindowId = 1;

export class BrowserWindow extends EventEmitter {
  readonly id: number;
  readonly webContents: WebContents;
  readonly options: WindowOptions;
  private bounds: Bounds;
  private visible = false;
  private minimized = false;
  private destroyed = false;
  private onTop: boolean;
  private allWorkspaces: { visible: boolean; options?: unknown } = { visible: false };
  focused = false;

  constructor(options: WindowOptions = {}) {
    super();
    const s = standin();
    s.requireReady('new BrowserWindow');
    s.record('new BrowserWindow', [options]);
    checkWindowOptions(s, options);
    const preload = options.webPreferences?.preload;
    if (preload !== undefined && (!isAbsolute(preload) || !existsSync(preload))) {
      s.refuse('new BrowserWindow', `webPreferences.preload must be an absolute path to an existing file: ${preload}`);
    }
    this.id = nextWindowId++;
    this.options = options;
    const primary = s.displays[0]!.workArea;
    this.bounds = {
      x: options.x ?? primary.x + Math.round((primary.width - (options.width ?? 800)) / 2),
      y: options.y ?? primary.y + Math.round((primary.height - (options.height ?? 600)) / 2),
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.onTop = (options.alwaysOnTop ?? false) && !s.nativeWayland;
    this.webContents = new WebContents(this);
    s.windows.add(this);
    s.app.emit('web-contents-created', electronEvent(), this.webContents);
    s.app.emit('browser-window-created', electronEvent(), this);
    if (options.show !== false) this.show();
  }

  static getAllWindows(): BrowserWindow[] {
    return [...standin().windows];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return [...standin().windows].find((w) => w.focused) ?? null;
  }

  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return [...standin().windows].find((w) => w.webContents === contents) ?? null;
  }

  private alive(api: string): void {
    if (this.destroyed) standin().refuse(`BrowserWindow.${api}`, 'Object has been destroyed');
  }

  getBounds(): Bounds {
    this.alive('getBounds');
    // Native Wayland does not let a client read where its window is.
    return standin().nativeWayland ? { ...this.bounds, x: 0, y: 0 } : { ...this.bounds };
  }

  getContentBounds(): Bounds {
    return this.options.frame === false ? this.getBounds() : { ...this.getBounds(), height: this.bounds.height - 28 };
  }

  setBounds(bounds: Partial<Bounds>): void {
    this.alive('setBounds');
    const s = standin();
    const next = { ...this.bounds, ...bounds };
    if (s.nativeWayland) {
      next.x = this.bounds.x;
      next.y = this.bounds.y;
    }
    const moved = next.x !== this.bounds.x || next.y !== this.bounds.y;
    const resized = next.width !== this.bounds.width || next.height !== this.bounds.height;
    this.bounds = next;
    if (resized) this.emit('resize');
    if (moved) {
      this.emit('move');
      if (s.platform === 'darwin') this.emit('moved');
    }
  }

  /** The user drags the window by `steps` pixels, as each OS reports it. */
  drag(steps: number): void {
    const s = standin();
    for (let i = 0; i < steps; i++) {
      if (!s.nativeWayland) this.bounds = { ...this.bounds, x: this.bounds.x + 1, y: this.bounds.y + 1 };
      this.emit('move');
      // macOS: `moved` is an alias of `move`; Windows: once at the end; Linux: never.
      if (s.platform === 'darwin') this.emit('moved');
    }
    if (s.platform === 'win32') this.emit('moved');
  }

  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alive('setAlwaysOnTop');
    standin().record('BrowserWindow.setAlwaysOnTop', [this.id, flag, level ?? null]);
    if (!standin().nativeWayland) this.onTop = flag;
  }

  isAlwaysOnTop(): boolean {
    return this.onTop;
  }

  setVisibleOnAllWorkspaces(
    visible: boolean,
    options?: { visibleOnFullScreen?: boolean; skipTransformProcessType?: boolean },
  ): void {
    this.alive('setVisibleOnAllWorkspaces');
    standin().record('BrowserWindow.setVisibleOnAllWorkspaces', [this.id, visible, options ?? null]);
    // "This API does nothing on Windows."
    if (standin().platform !== 'win32') this.allWorkspaces = { visible, ...(options ? { options } : {}) };
  }

  isVisibleOnAllWorkspaces(): boolean {
    return this.allWorkspaces.visible;
  }

  workspaces() {
    return this.allWorkspaces;
  }

  show(): void {
    this.alive('show');
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }

  showInactive(): void {
    this.show();
  }

  hide(): void {
    this.alive('hide');
    this.visible = false;
    this.emit('hide');
  }

  isVisible(): boolean {
    return this.visible && !this.minimized;
  }

  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.alive('restore');
    this.minimized = false;
    this.emit('restore');
  }

  focus(): void {
    this.alive('focus');
    for (const w of standin().windows) w.focused = false;
    this.focused = true;
    this.emit('focus');
  }

  isFocused(): boolean {
    return this.focused;
  }

  moveTop(): void {
    this.alive('moveTop');
  }

  setTitle(_title: string): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  reload(): void {
    this.webContents.reload();
  }

  /** As a click on the close button: `close` may be prevented, then `closed`. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    const s = standin();
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    s.windows.delete(this);
    this.emit('closed');
    if (s.windows.size === 0 && !s.quitting) s.allWindowsClosed();
  }
}

// ---------------------------------------------------------------------------------------------
// Tray, Notification

export class Tray extends EventEmitter {
  private destroyed = false;
  image: NativeImage;
  tooltip = '';
  menu: Menu | undefined;
  menuBuilds = 0;
  imageChanges = 0;

  constructor(image: NativeImage | string, _guid?: string) {
    super();
    const s = standin();
    s.requireReady('new Tray');
    s.record('new Tray', [image]);
    this.image = typeof image === 'string' ? NativeImage.createFromPath(image) : image;
    s.trays.push(new WeakRef(this));
  }

  setImage(image: NativeImage | string): void {
    this.alive('setImage');
    this.image = typeof image === 'string' ? NativeImage.createFromPath(image) : image;
    this.imageChanges += 1;
  }

  setToolTip(tooltip: string): void {
    this.alive('setToolTip');
    this.tooltip = tooltip;
  }

  setContextMenu(menu: Menu | null): void {
    this.alive('setContextMenu');
    this.menu = menu ?? undefined;
    this.menuBuilds += 1;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  private alive(api: string): void {
    if (this.destroyed) standin().refuse(`Tray.${api}`, 'Object has been destroyed');
  }

  describe() {
    return {
      image: this.image.describe(),
      tooltip: this.tooltip,
      menu: this.menu?.labels() ?? null,
      menuBuilds: this.menuBuilds,
      imageChanges: this.imageChanges,
      destroyed: this.destroyed,
    };
  }
}

/** What the OS shows: it outlives the JS object, as a toast does. */
export interface ShownNotification {
  title: string;
  body: string;
  /** The app the toast is attributed to (Windows: the AppUserModelID). */
  appId: string;
  closedByApp: boolean;
  /** Windows: timed out of the screen into the Action Center (still there until the app closes it). */
  inActionCenter?: boolean;
}

export class Notification extends EventEmitter {
  readonly options: { title?: string; body?: string; [key: string]: unknown };
  shown: ShownNotification | undefined;

  constructor(options: { title?: string; body?: string; [key: string]: unknown } = {}) {
    super();
    const s = standin();
    s.requireReady('new Notification');
    s.record('new Notification', [options]);
    this.options = options;
    s.notifications.push(new WeakRef(this));
  }

  static isSupported(): boolean {
    standin().requireReady('Notification.isSupported');
    return true;
  }

  show(): void {
    const s = standin();
    s.record('Notification.show', [this.options.title ?? '']);
    // Without an AppUserModelID a Windows toast is attributed to no installed app (or not shown).
    const appId = s.platform === 'win32' ? (s.appUserModelId ?? '') : s.app.getName();
    this.shown = { title: this.options.title ?? '', body: this.options.body ?? '', appId, closedByApp: false };
    s.shownNotifications.push(this.shown);
    this.emit('show', electronEvent());
  }

  close(): void {
    standin().record('Notification.close', [this.options.title ?? '']);
    if (this.shown) this.shown.closedByApp = true;
    if (this.shown && standin().platform === 'win32') closedOnce(this, 'applicationHidden');
  }
}

// ---------------------------------------------------------------------------------------------
// session, protocol

export class Session extends EventEmitter {
  readonly preloadScripts: { id: string; filePath: string; type: string }[] = [];
  permissionRequestHandler: unknown;
  permissionCheckHandler: unknown;

  registerPreloadScript(script: { type: string; filePath: string; id?: string }): string {
    standin().record('session.registerPreloadScript', [script]);
    const id = script.id ?? `preload-${this.preloadScripts.length + 1}`;
    this.preloadScripts.push({ id, filePath: script.filePath, type: script.type });
    return id;
  }

  getPreloadScripts() {
    return [...this.preloadScripts];
  }

  setPreloads(paths: string[]): void {
    standin().record('session.setPreloads', [paths]);
    for (const filePath of paths) this.preloadScripts.push({ id: filePath, filePath, type: 'frame' });
  }

  getPreloads(): string[] {
    return this.preloadScripts.map((p) => p.filePath);
  }

  setPermissionRequestHandler(handler: unknown): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: unknown): void {
    this.permissionCheckHandler = handler;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

// ---------------------------------------------------------------------------------------------
// The whole module

interface Display {
  id: number;
  bounds: Bounds;
  workArea: Bounds;
  scaleFactor: number;
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, w) * Math.max(0, h);
}

const ACCELERATOR_MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const ACCELERATOR_KEYS =
  /^([a-z0-9]|f([1-9]|1[0-9]|2[0-4])|plus|space|tab|capslock|numlock|scrolllock|backspace|delete|insert|return|enter|up|down|left|right|home|end|pageup|pagedown|escape|esc|printscreen|[-=[\];',./`\\])$/;

function checkAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  return parts.every((p) => ACCELERATOR_MODIFIERS.has(p.toLowerCase())) && ACCELERATOR_KEYS.test(key.toLowerCase());
}

export class Standin {
  readonly platform: Os;
  readonly journal: JournalEntry[] = [];
  readonly windows = new Set<BrowserWindow>();
  readonly trays: WeakRef<Tray>[] = [];
  readonly notifications: WeakRef<Notification>[] = [];
  readonly shownNotifications: ShownNotification[] = [];
  readonly displays: Display[] = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1,
    },
  ];
  readonly switches = new Map<string, string>();
  readonly protocolClients = new Map<string, string>();
  readonly loginItem = { openAtLogin: false };
  readonly dialogs: { kind: string; options: unknown; answer?: (response: number) => void }[] = [];
  readonly opened: string[] = [];
  /** Errors nobody handled in the main process (Electron shows or logs them and goes on). */
  readonly mainErrors: string[] = [];
  appUserModelId: string | undefined;
  desktopName: string | undefined;
  ready = false;
  quitting = false;
  quit = false;
  exitCode: number | undefined;
  nativeWayland = false;
  /** The desk as the OS sees it: seconds since the last input, and whether the screen is locked (control: desk). */
  readonly desk = { idleSeconds: 0, locked: false };
  /** The application menu: unset until Electron's default (at will-finish-launching) or the app's own. */
  applicationMenu: { menu: Menu | null; byDefault: boolean } | undefined;
  private seq = 0;
  private privilegedSchemes = 0;
  private readonly pkg: { name: string; productName?: string; version: string; desktopName?: string };
  private readonly readyWaiters: (() => void)[] = [];

  readonly app: ReturnType<Standin['makeApp']>;
  readonly ipcMain: ReturnType<Standin['makeIpcMain']>;
  readonly protocol: ReturnType<Standin['makeProtocol']>;
  readonly session: { readonly defaultSession: Session; fromPartition(partition: string): Session };
  readonly screen: ReturnType<Standin['makeScreen']>;
  readonly globalShortcut: ReturnType<Standin['makeGlobalShortcut']>;
  readonly safeStorage: ReturnType<Standin['makeSafeStorage']>;
  readonly powerMonitor: PowerMonitor;
  readonly clipboard = {
    text: '',
    writeText: (text: string) => (this.clipboard.text = text),
    readText: () => this.clipboard.text,
  };
  readonly shell = {
    openExternal: async (url: string) => {
      this.record('shell.openExternal', [url]);
      this.opened.push(url);
    },
    /** Opens a file with its default app; Electron answers an error message, '' when it worked. */
    openPath: async (path: string) => {
      this.record('shell.openPath', [path]);
      return '';
    },
  };
  /**
   * Electron's own autoUpdater (Squirrel): electron-updater emits `before-quit-for-update` on it
   * when it runs an installer and quits; the events emitted on it are kept in order.
   */
  readonly autoUpdater = Object.assign(new EventEmitter(), { emitted: [] as string[] });
  /** Electron's net module: net.request as Chromium's network stack does it, here through Node's http(s). */
  readonly net = {
    request: (options: string | NetRequestOptions) => {
      this.record('net.request', [typeof options === 'string' ? options : { ...options, session: undefined }]);
      this.requireReady('net.request');
      return netRequest(this, options);
    },
  };
  readonly dialog: ReturnType<Standin['makeDialog']>;
  readonly webContents = {
    getAllWebContents: () => [...this.windows].map((w) => w.webContents),
    fromId: (id: number) => [...this.windows].map((w) => w.webContents).find((c) => c.id === id),
  };

  readonly options: StandinOptions;

  constructor(options: StandinOptions) {
    this.options = options;
    this.platform = options.platform;
    this.pkg = JSON.parse(readFileSync(join(options.appPath, 'package.json'), 'utf8')) as Standin['pkg'];
    this.app = this.makeApp(this);
    this.ipcMain = this.makeIpcMain(this);
    this.protocol = this.makeProtocol(this);
    const defaultSession = new Session();
    const partitions = new Map<string, Session>();
    this.session = {
      get defaultSession() {
        standin().requireReady('session.defaultSession');
        return defaultSession;
      },
      fromPartition: (partition: string) => {
        this.requireReady('session.fromPartition');
        const found = partitions.get(partition) ?? new Session();
        if (!partitions.has(partition)) {
          partitions.set(partition, found);
          this.app.emit('session-created', found);
        }
        return found;
      },
    };
    this.screen = this.makeScreen(this);
    this.globalShortcut = this.makeGlobalShortcut(this);
    this.safeStorage = this.makeSafeStorage(this);
    this.powerMonitor = this.makePowerMonitor(this);
    this.dialog = this.makeDialog(this);
    const emit = this.autoUpdater.emit.bind(this.autoUpdater);
    this.autoUpdater.emit = (event: string | symbol, ...args: unknown[]) => {
      this.record('autoUpdater.emit', [String(event)]);
      this.autoUpdater.emitted.push(String(event));
      return emit(event, ...args);
    };
  }

  get env(): Record<string, string | undefined> {
    return this.options.env ?? {};
  }

  record(api: string, args: unknown[]): void {
    this.journal.push({ seq: ++this.seq, api, args: args.map((a) => plain(a)), ready: this.ready });
    if (this.options.faults?.includes(api)) throw new Error(`${api} failed (a fault the test asked for)`);
  }

  refuse(api: string, why: string): never {
    this.note(api, why);
    throw new ElectronRefused(`${api}: ${why}`);
  }

  /** What Electron reports as an error but goes on after (it logs it): noted as a refusal, nothing thrown. */
  note(api: string, why: string): void {
    this.journal.push({ seq: ++this.seq, api, args: [], ready: this.ready, refused: why });
  }

  requireReady(api: string): void {
    if (!this.ready) this.refuse(api, 'cannot be used before the app is ready');
  }

  /** An API that exists only on some platforms: elsewhere it is not a function, as in Electron. */
  private only<F extends (...args: never[]) => unknown>(platforms: Os[], fn: F): F | undefined {
    return platforms.includes(this.platform) ? fn : undefined;
  }

  /** Reading a platform-only API elsewhere: undefined (calling it throws a TypeError), and noted. */
  private absent(target: object, api: string, key: string, platforms: Os[]): void {
    Object.defineProperty(target, key, {
      configurable: true,
      get: () => {
        this.journal.push({
          seq: ++this.seq,
          api,
          args: [],
          ready: this.ready,
          refused: `${platforms.join(',')} only: not a function on ${this.platform}`,
        });
        return undefined;
      },
    });
  }

  /** The app becomes ready, as Electron after the main script ran. */
  becomeReady(): void {
    if (this.ready || exitedBeforeReady(this)) return;
    const env = this.env;
    // Electron 38+ runs natively on Wayland wherever a compositor is there, unless told --ozone-platform=x11.
    const waylandSession = this.platform === 'linux' && !!env.WAYLAND_DISPLAY;
    const platformSwitch = this.app.commandLine.getSwitchValue('ozone-platform') || undefined;
    if (platformSwitch === 'x11' && this.platform === 'linux' && !env.DISPLAY) {
      this.refuse('app ready', 'ozone-platform=x11 but there is no X display (no XWayland): Electron cannot start');
    }
    this.nativeWayland = waylandSession && platformSwitch !== 'x11';
    this.ready = true;
    // Electron's own first listener: its default menu (File, Edit, View with Toggle Developer
    // Tools, Window, Help) unless the app set one before (lib/browser/default-menu.ts).
    if (!this.applicationMenu) this.applicationMenu = { menu: this.defaultMenu(), byDefault: true };
    this.app.emit('will-finish-launching');
    this.app.emit('ready', electronEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  private defaultMenu(): Menu {
    const help: MenuItemOptions = {
      role: 'help',
      submenu: this.options.packaged
        ? []
        : [{ label: 'Learn More', click: () => void this.shell.openExternal('https://electronjs.org') }],
    };
    return Menu.buildFromTemplate([
      ...(this.platform === 'darwin' ? [{ role: 'appMenu' }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
      help,
    ]);
  }

  /**
   * A key pressed in a window: the page's input first (main may keep it from the menu), then
   * the application menu's item with that accelerator, if any, does what its role or click does.
   */
  pressKeys(win: BrowserWindow, accelerator: string): { item: string | null; devToolsOpened: boolean } {
    const wanted = acceleratorKey(accelerator, this.platform);
    const mods = wanted.split('+').slice(0, -1);
    const reached = win.webContents.input('key', {
      key: wanted.split('+').at(-1),
      control: mods.includes('ctrl'),
      meta: mods.includes('cmd') || mods.includes('meta'),
      shift: mods.includes('shift'),
      alt: mods.includes('alt'),
    });
    const menu = this.applicationMenu?.menu;
    const item =
      reached && menu
        ? menu
            .all()
            .find(
              (i) => i.enabled && i.visible && i.accelerator && acceleratorKey(i.accelerator, this.platform) === wanted,
            )
        : undefined;
    if (item) {
      const contents = win.webContents;
      const roles: Record<string, () => void> = {
        toggledevtools: () => contents.toggleDevTools(),
        reload: () => contents.reload(),
        forcereload: () => contents.reload(),
        close: () => win.close(),
        minimize: () => win.minimize(),
        quit: () => this.app.quit(),
      };
      const act = item.role ? roles[item.role] : undefined;
      if (act) act();
      else if (!item.role) item.click?.(item, win, {});
    }
    return { item: item ? (item.role ?? item.label) : null, devToolsOpened: win.webContents.isDevToolsOpened() };
  }

  allWindowsClosed(): void {
    if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed');
    else this.app.quit();
  }

  /** Electron's own default desktop file name: desktopName, else the app name as a slug. */
  defaultDesktopName(): string {
    return (
      this.desktopName ??
      this.pkg.desktopName ??
      `${(this.pkg.productName ?? this.pkg.name).toLowerCase().replace(/\s+/g, '-')}.desktop`
    );
  }

  private makeApp(s: Standin) {
    const emitter = new EventEmitter();
    // A switch given on the command line (`--name=value` or `--name`), as Chromium reads it.
    const fromArgv = (name: string): string | undefined => {
      for (const arg of process.argv.slice(1)) {
        if (arg === `--${name}`) return '';
        if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
      }
      return undefined;
    };
    const removedSwitches = new Set<string>();
    const commandLine = {
      appendSwitch(name: string, value?: string) {
        s.record('app.commandLine.appendSwitch', [name, value ?? null]);
        if (s.ready) s.refuse('app.commandLine.appendSwitch', `--${name} after ready has no effect`);
        const previous = s.switches.get(name);
        s.switches.set(name, name === 'enable-features' && previous ? `${previous},${value ?? ''}` : (value ?? ''));
      },
      appendArgument(arg: string) {
        s.record('app.commandLine.appendArgument', [arg]);
      },
      hasSwitch: (name: string) => s.switches.has(name) || (!removedSwitches.has(name) && fromArgv(name) !== undefined),
      getSwitchValue: (name: string) =>
        s.switches.get(name) ?? (removedSwitches.has(name) ? undefined : fromArgv(name)) ?? '',
      // electron.d.ts: "Removes the specified switch from Chromium's command line. Note: This will not affect process.argv."
      removeSwitch: (name: string) => {
        s.record('app.commandLine.removeSwitch', [name]);
        s.switches.delete(name);
        removedSwitches.add(name);
      },
    };
    const paths = (name: string) => {
      const known: Record<string, string> = {
        home: join(s.options.home, 'home'),
        appData: join(s.options.home, 'appData'),
        userData: join(s.options.home, 'userData'),
        sessionData: join(s.options.home, 'userData'),
        temp: join(s.options.home, 'temp'),
        logs: join(s.options.home, 'logs'),
        exe: s.options.execPath,
        desktop: join(s.options.home, 'home', 'Desktop'),
        documents: join(s.options.home, 'home', 'Documents'),
        downloads: join(s.options.home, 'home', 'Downloads'),
        crashDumps: join(s.options.home, 'crashDumps'),
      };
      const path = known[name];
      if (!path) throw new Error(`Failed to get '${name}' path`);
      return path;
    };
    const registered = (protocol: string) => s.protocolClients.get(protocol) === 'this app';
    const extra = {
      get isPackaged() {
        return s.options.packaged;
      },
      get name() {
        return s.pkg.productName ?? s.pkg.name;
      },
      commandLine,
      getName: () => s.pkg.productName ?? s.pkg.name,
      getVersion: () => s.pkg.version,
      getAppPath: () => s.options.appPath,
      getPath: paths,
      setPath: (_name: string, _path: string) => undefined,
      isReady: () => s.ready,
      whenReady: () => (s.ready ? Promise.resolve() : new Promise<void>((resolve) => s.readyWaiters.push(resolve))),
      requestSingleInstanceLock: () => {
        s.record('app.requestSingleInstanceLock', []);
        return s.options.lockFree !== false && singletonLockPossible(paths('userData'));
      },
      hasSingleInstanceLock: () => s.options.lockFree !== false,
      releaseSingleInstanceLock: () => undefined,
      quit: () => {
        s.record('app.quit', []);
        if (s.quit) return;
        const before = electronEvent();
        emitter.emit('before-quit', before);
        if (before.defaultPrevented) return;
        s.quitting = true;
        for (const w of [...s.windows]) {
          w.close();
          if (!w.isDestroyed()) {
            s.quitting = false;
            return;
          }
        }
        const will = electronEvent();
        emitter.emit('will-quit', will);
        if (will.defaultPrevented) {
          s.quitting = false;
          return;
        }
        s.quit = true;
        emitter.emit('quit', electronEvent(), 0);
      },
      exit: (code = 0) => {
        s.record('app.exit', [code]);
        s.quit = true;
        s.exitCode = code;
      },
      relaunch: (options?: unknown) => s.record('app.relaunch', [options ?? null]),
      focus: (options?: unknown) => s.record('app.focus', [options ?? null]),
      getLocale: () => {
        s.requireReady('app.getLocale');
        return (s.options.preferredLanguages ?? ['en-US'])[0]!;
      },
      getPreferredSystemLanguages: () => [...(s.options.preferredLanguages ?? ['en-US'])],
      setAsDefaultProtocolClient: (protocol: string, path?: string, args?: string[]) => {
        s.record('app.setAsDefaultProtocolClient', [protocol, path ?? null, args ?? null]);
        // Linux: xdg-settings names the installed .desktop file; without one it fails.
        if (s.platform === 'linux' && !s.desktopFileInstalled()) return false;
        s.protocolClients.set(protocol, 'this app');
        return true;
      },
      removeAsDefaultProtocolClient: (protocol: string, path?: string, args?: string[]) => {
        s.record('app.removeAsDefaultProtocolClient', [protocol, path ?? null, args ?? null]);
        if (!registered(protocol)) return false;
        s.protocolClients.delete(protocol);
        return true;
      },
      isDefaultProtocolClient: (protocol: string) => registered(protocol),
      setAppUserModelId: s.only(['win32'], (id: string) => {
        s.record('app.setAppUserModelId', [id]);
        s.appUserModelId = id;
      }),
      setLoginItemSettings: s.only(['darwin', 'win32'], (settings: { openAtLogin?: boolean }) => {
        s.record('app.setLoginItemSettings', [settings]);
        s.loginItem.openAtLogin = settings.openAtLogin ?? false;
      }),
      getLoginItemSettings: s.only(['darwin', 'win32'], () => ({ ...s.loginItem })),
      setDesktopName: s.only(['linux'], (name: string) => {
        s.record('app.setDesktopName', [name]);
        if (s.ready) s.refuse('app.setDesktopName', 'must be called before the ready event');
        s.desktopName = name.endsWith('.desktop') ? name : `${name}.desktop`;
      }),
      get dock() {
        return s.platform === 'darwin'
          ? { hide: () => undefined, show: async () => undefined, setBadge: () => undefined }
          : undefined;
      },
    };
    const platformOnly = {
      setAppUserModelId: ['win32'],
      setLoginItemSettings: ['darwin', 'win32'],
      getLoginItemSettings: ['darwin', 'win32'],
      setDesktopName: ['linux'],
    } as const;
    for (const key of Object.keys(platformOnly) as (keyof typeof platformOnly)[]) {
      if (extra[key] === undefined) delete (extra as Record<string, unknown>)[key];
    }
    const app = Object.assign(emitter, extra) as EventEmitter & typeof extra;
    for (const [key, platforms] of Object.entries(platformOnly)) {
      if (!(key in extra)) s.absent(app, `app.${key}`, key, [...platforms]);
    }
    return app;
  }

  /** Whether the desktop file Electron names (desktopName) is installed in an XDG data folder. */
  desktopFileInstalled(): boolean {
    const env = this.env;
    const home = env.HOME ?? join(this.options.home, 'home');
    const dirs = [
      env.XDG_DATA_HOME ?? join(home, '.local', 'share'),
      ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'),
    ];
    return dirs.some((d) => existsSync(join(d, 'applications', this.defaultDesktopName())));
  }

  private makeIpcMain(s: Standin) {
    const emitter = new EventEmitter();
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    return Object.assign(emitter, {
      handlers,
      handle(channel: string, handler: (...args: unknown[]) => unknown) {
        if (handlers.has(channel))
          s.refuse('ipcMain.handle', `Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
      handleOnce(channel: string, handler: (...args: unknown[]) => unknown) {
        handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        handlers.delete(channel);
      },
    });
  }

  private makeProtocol(s: Standin) {
    const handlers = new Map<string, ProtocolHandler>();
    const privileged: unknown[] = [];
    return {
      handlers,
      privileged,
      registerSchemesAsPrivileged(schemes: unknown[]) {
        s.record('protocol.registerSchemesAsPrivileged', [schemes]);
        if (s.ready) s.refuse('protocol.registerSchemesAsPrivileged', 'can only be used before the ready event');
        if (++s.privilegedSchemes > 1) s.refuse('protocol.registerSchemesAsPrivileged', 'can only be called once');
        privileged.push(...schemes);
      },
      handle(scheme: string, handler: ProtocolHandler) {
        s.record('protocol.handle', [scheme]);
        s.requireReady('protocol.handle');
        if (handlers.has(scheme)) s.refuse('protocol.handle', `Failed to register protocol: ${scheme}`);
        handlers.set(scheme, handler);
      },
      unhandle(scheme: string) {
        handlers.delete(scheme);
      },
      isProtocolHandled: (scheme: string) => handlers.has(scheme),
    };
  }

  private makeScreen(s: Standin) {
    const ready = (api: string) => s.requireReady(`screen.${api}`);
    return Object.assign(new EventEmitter(), {
      getAllDisplays() {
        ready('getAllDisplays');
        return s.displays.map((d) => structuredClone(d));
      },
      getPrimaryDisplay() {
        ready('getPrimaryDisplay');
        return structuredClone(s.displays[0]!);
      },
      getDisplayMatching(rect: Bounds) {
        ready('getDisplayMatching');
        const best = [...s.displays].sort((a, b) => overlap(b.bounds, rect) - overlap(a.bounds, rect))[0]!;
        return structuredClone(best);
      },
      getCursorScreenPoint() {
        ready('getCursorScreenPoint');
        return { x: 0, y: 0 };
      },
    });
  }

  private makeGlobalShortcut(s: Standin) {
    const held = new Map<string, () => void>();
    return {
      held,
      register(accelerator: string, callback: () => void): boolean {
        s.record('globalShortcut.register', [accelerator]);
        s.requireReady('globalShortcut.register');
        if (!checkAccelerator(accelerator))
          s.refuse('globalShortcut.register', `conversion failure from ${accelerator}`);
        if (held.has(accelerator) || s.options.takenShortcuts?.includes(accelerator)) return false;
        // Native Wayland: no app may grab keys, unless the desktop's GlobalShortcuts portal is used.
        if (s.nativeWayland && !(s.switches.get('enable-features') ?? '').split(',').includes('GlobalShortcutsPortal'))
          return false;
        held.set(accelerator, callback);
        return true;
      },
      isRegistered(accelerator: string): boolean {
        s.requireReady('globalShortcut.isRegistered');
        return held.has(accelerator);
      },
      unregister(accelerator: string): void {
        s.requireReady('globalShortcut.unregister');
        held.delete(accelerator);
      },
      unregisterAll(): void {
        s.requireReady('globalShortcut.unregisterAll');
        held.clear();
      },
    };
  }

  private makeSafeStorage(s: Standin) {
    return safeStorageOf(s, (target, api, key, platforms) => this.absent(target, api, key, platforms));
  }

  private makePowerMonitor(s: Standin): PowerMonitor {
    const emitter = new EventEmitter();
    // electron.d.ts: "getSystemIdleTime(): number" (idle time in seconds) and
    // "getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown'" (`locked`
    // "available on supported systems only": this stand-in is one that reports it, Linux too).
    const idle = {
      getSystemIdleTime: () => s.desk.idleSeconds,
      getSystemIdleState: (threshold: unknown) => {
        if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0)
          throw new TypeError('getSystemIdleState: idleThreshold must be an integer');
        return s.desk.locked ? 'locked' : s.desk.idleSeconds >= threshold ? 'idle' : 'active';
      },
    };
    // Every use of powerMonitor needs the app ready ("cannot be used before ready").
    for (const method of [
      'on',
      'once',
      'addListener',
      'prependListener',
      'getSystemIdleState',
      'getSystemIdleTime',
      'isOnBatteryPower',
    ] as const) {
      const original =
        method === 'getSystemIdleState' || method === 'getSystemIdleTime'
          ? idle[method]
          : (emitter as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>)[method];
      Object.defineProperty(emitter, method, {
        value: (...args: unknown[]) => {
          s.requireReady(`powerMonitor.${method}`);
          s.record(`powerMonitor.${method}`, args.slice(0, 1));
          return original ? (original as (...a: unknown[]) => unknown).apply(emitter, args) : undefined;
        },
      });
    }
    return emitter as PowerMonitor;
  }

  private makeDialog(s: Standin) {
    return {
      showErrorBox(title: string, content: string) {
        s.record('dialog.showErrorBox', [title, content]);
        s.dialogs.push({ kind: 'error-box', options: { title, content } });
      },
      showMessageBox(
        windowOrOptions: unknown,
        maybeOptions?: unknown,
      ): Promise<{ response: number; checkboxChecked: boolean }> {
        s.requireReady('dialog.showMessageBox');
        const options = maybeOptions ?? windowOrOptions;
        s.record('dialog.showMessageBox', [options]);
        return new Promise((resolve) => {
          s.dialogs.push({
            kind: 'message-box',
            options: plain(options),
            answer: (response) => resolve({ response, checkboxChecked: false }),
          });
        });
      },
    };
  }

  /** The module object `import electron from 'electron'` gets. */
  module() {
    return {
      app: this.app,
      BrowserWindow,
      Menu,
      MenuItem: class MenuItem {},
      Notification,
      Tray,
      nativeImage,
      ipcMain: this.ipcMain,
      protocol: this.protocol,
      session: this.session,
      screen: this.screen,
      globalShortcut: this.globalShortcut,
      safeStorage: this.safeStorage,
      powerMonitor: this.powerMonitor,
      clipboard: this.clipboard,
      shell: this.shell,
      dialog: this.dialog,
      webContents: this.webContents,
      autoUpdater: this.autoUpdater,
      net: this.net,
    };
  }
}

interface NetRequestOptions {
  url?: string;
  method?: string;
  protocol?: string;
  hostname?: string;
  host?: string;
  port?: number | string;
  path?: string;
  headers?: Record<string, string | string[]>;
  redirect?: string;
  session?: unknown;
}

/**
 * Electron's ClientRequest, as far as a caller sees it: 'response' with status, headers and the
 * body as a stream, 'error', abort(), end(). A 3xx goes to 'redirect' (the caller follows or
 * aborts it; 'follow' is not modelled: nothing here is served through a redirect).
 */
function netRequest(s: Standin, options: string | NetRequestOptions): http.ClientRequest {
  const o: NetRequestOptions = typeof options === 'string' ? { url: options } : options;
  const url = o.url
    ? new URL(o.url)
    : new URL(
        `${o.protocol ?? 'http:'}//${o.hostname ?? o.host ?? 'localhost'}${o.port ? `:${o.port}` : ''}${o.path ?? '/'}`,
      );
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    s.refuse('net.request', `unsupported protocol ${url.protocol}`);
  if (o.redirect !== undefined && !['follow', 'error', 'manual'].includes(o.redirect))
    s.refuse('net.request', `redirect must be follow, error or manual, not ${o.redirect}`);
  const request = (url.protocol === 'https:' ? https : http).request(url, {
    method: o.method ?? 'GET',
    headers: o.headers ?? {},
  });
  // A redirect is the caller's to follow: 'redirect' instead of 'response' (Node's http follows none by itself).
  const emit = request.emit.bind(request) as (event: string | symbol, ...args: unknown[]) => boolean;
  request.emit = ((event: string | symbol, ...args: unknown[]) => {
    const response = args[0] as http.IncomingMessage | undefined;
    const location = event === 'response' ? response?.headers.location : undefined;
    if (location && response?.statusCode && response.statusCode >= 300 && response.statusCode < 400) {
      response.resume();
      if (o.redirect === 'error')
        return emit('error', new Error('net::ERR_TOO_MANY_REDIRECTS: redirect mode is error'));
      return emit('redirect', response.statusCode, o.method ?? 'GET', new URL(location, url).href, response.headers);
    }
    return emit(event, ...args);
  }) as typeof request.emit;
  return request;
}

/** Sets up the one stand-in of this process (register.ts does it before the app loads). */
export function installStandin(options: StandinOptions): Standin {
  current = new Standin(options);
  return current;
}

export function currentStandin(): Standin {
  return standin();
}

// ---------------------------------------------------------------------------------------------
// Electron 45 behaviours added for issue 29 (each cites the electron.d.ts text it follows)

const notificationsClosed = new WeakSet<Notification>();

/**
 * Notification `close` (electron.d.ts): "On Windows, the `close` event can be emitted in one of three
 * ways: programmatic dismissal with `notification.close()`, by the user closing the notification, or
 * via system timeout. If a notification is in the Action Center after the initial `close` event is
 * emitted, a call to `notification.close()` will remove the notification from the action center but
 * the `close` event will not be emitted again."
 */
function closedOnce(notification: Notification, reason: 'userCanceled' | 'applicationHidden' | 'timedOut'): void {
  if (notificationsClosed.has(notification)) return;
  notificationsClosed.add(notification);
  notification.emit('close', electronEvent({ reason }));
}

/** Windows: the toast leaves the screen by the system's timeout, into the Action Center. */
export function notificationTimesOut(notification: Notification): void {
  if (standin().platform !== 'win32') throw new Error('only a Windows toast times out into the Action Center');
  if (!notification.shown || notification.shown.closedByApp) return;
  notification.shown.inActionCenter = true;
  closedOnce(notification, 'timedOut');
}

type PermissionCheck = (contents: WebContents | null, permission: string, origin: string, details: unknown) => boolean;
type PermissionRequest = (
  contents: WebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;

/**
 * The origin Electron hands the permission handlers (`requestingOrigin`): scheme://host for a
 * scheme registered as standard (electron.d.ts, Privileges `standard`: "Default false."; protocol,
 * registerSchemesAsPrivileged: "A standard scheme adheres to what RFC 3986 calls generic URI
 * syntax", so `app://toolbar/index.html` has the origin `app://toolbar`), the URL's own otherwise.
 * Node's URL gives "null" for any scheme it does not know, which Electron never hands over for a
 * standard one.
 */
function requestingOrigin(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol.slice(0, -1);
  const standard = (standin().protocol.privileged as { scheme?: string; privileges?: { standard?: boolean } }[]).some(
    (p) => p.scheme === scheme && p.privileges?.standard === true,
  );
  return standard ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
}

/**
 * A page asks for a permission (camera, notifications, clipboard, geolocation…), as Chromium does
 * through the session's handlers (electron.d.ts, setPermissionRequestHandler: "Most web APIs do a
 * permission check and then make a permission request if the check is denied"). Without a handler
 * Electron grants it: "Passing `null` instead of a function resets the handler to its default
 * state", and the default approves (Electron's security checklist, item 5).
 */
export async function pagePermission(
  contents: WebContents,
  permission: string,
  details: Record<string, unknown> = {},
): Promise<boolean> {
  const session = contents.session;
  const origin = requestingOrigin(contents.getURL());
  const full = { requestingUrl: contents.getURL(), isMainFrame: true, ...details };
  const check = session.permissionCheckHandler as PermissionCheck | null | undefined;
  if (!check || check(contents, permission, origin, { ...full, requestingUrl: contents.getURL() })) return true;
  const request = session.permissionRequestHandler as PermissionRequest | null | undefined;
  if (!request) return true;
  return new Promise<boolean>((resolve) => request(contents, permission, (granted) => resolve(granted), full));
}

/**
 * A `<webview>` asks to attach to a page (electron.d.ts, `will-attach-webview`: "Emitted when a
 * `<webview>`'s web contents is being attached to this web contents. Calling `event.preventDefault()`
 * will destroy the guest page."). Emitted whatever `webviewTag` says: a compromised renderer can ask
 * for a guest without the tag, and main's refusal is what stops it. True when the guest attached.
 */
export function attachWebview(contents: WebContents, src: string): boolean {
  const event = electronEvent();
  contents.emit('will-attach-webview', event, { nodeIntegration: false }, { src });
  return !event.defaultPrevented;
}

/** How long Windows' "apps are preventing shutdown" screen stands here before "Shut down anyway". */
export const WINDOWS_SHUTDOWN_GRACE_MS = 30_000;

/**
 * Windows ends the session (shutdown, restart, sign-out), as it tells an app: `query-session-end`
 * first (electron.d.ts: "Calling `event.preventDefault()` can delay the system shutdown … you may
 * choose to use it if ending the session puts the user at risk of losing data"), then, unless an
 * app held it back, `session-end`, after which Windows ends the process: nothing asynchronous the
 * app started afterwards runs. An app that held it back is waited for until it quits (then the
 * process ends) or until the user picks "Shut down anyway".
 */
export function endWindowsSession(s: Standin): { delayed: boolean } {
  const query = electronEvent({ reasons: ['shutdown'] });
  for (const w of [...s.windows]) w.emit('query-session-end', query);
  const end = (): never => {
    const event = electronEvent({ reasons: ['shutdown'] });
    for (const w of [...s.windows]) w.emit('session-end', event);
    process.exit(0);
  };
  // Not held back: the end follows at once, and so does the process's (the worst Windows allows).
  if (!query.defaultPrevented) end();
  const deadline = Date.now() + WINDOWS_SHUTDOWN_GRACE_MS;
  const wait = setInterval(() => {
    if (s.quit) {
      clearInterval(wait);
      process.exit(0);
    } else if (Date.now() > deadline) {
      clearInterval(wait);
      end();
    }
  }, 20);
  return { delayed: true };
}

/**
 * Chromium's single-instance lock (ProcessSingleton) is a file in the user-data folder: where that
 * folder cannot be made or written, `app.requestSingleInstanceLock()` answers false, as it does when
 * another instance holds the lock (electron.d.ts: "returns whether or not this instance of your
 * application successfully obtained the lock").
 */
function singletonLockPossible(userData: string): boolean {
  try {
    mkdirSync(userData, { recursive: true });
    accessSync(userData, constants.W_OK);
    return statSync(userData).isDirectory();
  } catch {
    return false;
  }
}

/** electron.d.ts, app.exit: "Exits immediately with `exitCode`": a process gone before ready never gets there. */
function exitedBeforeReady(s: Standin): boolean {
  return !s.ready && s.exitCode !== undefined;
}

/**
 * Chromium's remote debugging (Electron's docs, command-line switches: "--remote-debugging-port=port
 * Enables remote debugging over HTTP on the specified port"): opened at ready when the switch is
 * on Chromium's command line then (app.commandLine.removeSwitch before ready takes it away).
 */
export function remoteDebugging(s: Standin): string | null {
  if (!s.ready) return null;
  for (const name of ['remote-debugging-port', 'remote-debugging-pipe'])
    if (s.app.commandLine.hasSwitch(name)) return `${name}=${s.app.commandLine.getSwitchValue(name)}`;
  return null;
}

/**
 * The server of a page asks for HTTP authentication (basic, digest, NTLM…): Electron emits `login`
 * on the page's webContents and then on `app` (electron.d.ts, app `login`: "The default behavior is
 * to cancel all authentications. To override this you should prevent the default behavior with
 * `event.preventDefault()` and call `callback(username, password)` with the credentials. If
 * `callback` is called without a username or password, the authentication request will be
 * cancelled"). Resolves with what went to the server, or 'cancelled' (the page then shows the 401).
 */
export function httpAuthentication(
  contents: WebContents,
  info: { host: string; port?: number; realm?: string; scheme?: string; isProxy?: boolean },
): Promise<{ username: string; password: string } | 'cancelled'> {
  return new Promise((resolve) => {
    let answered = false;
    const callback = (username?: string, password?: string) => {
      if (answered) return;
      answered = true;
      resolve(username === undefined || password === undefined ? 'cancelled' : { username, password });
    };
    const event = electronEvent();
    const details = { url: contents.getURL(), pid: 1 };
    const authInfo = { isProxy: false, scheme: 'basic', port: 443, realm: '', ...info };
    contents.emit('login', event, details, authInfo, callback);
    standin().app.emit('login', event, contents, details, authInfo, callback);
    if (!event.defaultPrevented) callback();
  });
}

/**
 * The person at the screen fills the page's form and presses one of its buttons (by its text): the
 * GET navigation Chromium starts for it (`will-navigate`, which main may prevent). Only pages
 * loaded from a data: URL are read here (the stand-in has no HTML of other pages).
 */
export function submitForm(contents: WebContents, fields: Record<string, string>, button: string): boolean {
  const url = contents.getURL();
  if (!url.startsWith('data:')) throw new Error(`no form to read in ${url.slice(0, 40)}`);
  const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
  const form = /<form\b[^>]*>/i.exec(html)?.[0] ?? '';
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  if ((attr(form, 'method') ?? 'get').toLowerCase() !== 'get') throw new Error('only GET forms are modelled');
  const target = new URL(attr(form, 'action') ?? url);
  for (const input of html.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (name) target.searchParams.append(name, fields[name] ?? '');
  }
  const pressed = [...html.matchAll(/<button\b([^>]*)>([^<]*)<\/button>/gi)].find((m) => m[2]!.trim() === button);
  if (!pressed) throw new Error(`no button "${button}" in the form`);
  const name = attr(pressed[1]!, 'name');
  if (name) target.searchParams.append(name, attr(pressed[1]!, 'value') ?? '');
  return contents.navigate(target.href, 'link');
}

/**
 * safeStorage as Electron 45 has it. STANDIN_NO_KEYRING=1: Linux without a keyring falls back to
 * `basic_text` (electron.d.ts, getSelectedStorageBackend: "When the desktop environment is not
 * recognised"), where encryption is still "available" (a hard-coded key: obfuscation only) and
 * what a keyring encrypted cannot be read; elsewhere it means no encryption at all. The
 * synchronous calls are noted when used: electron.d.ts marks them "**Deprecated:** Use
 * `safeStorage.isAsyncEncryptionAvailable()` / `encryptStringAsync` / `decryptStringAsync` instead".
 * decryptStringAsync resolves `{ shouldReEncrypt, result }` (shouldReEncrypt when the data was
 * sealed the deprecated way and should be sealed again).
 */
function safeStorageOf(s: Standin, absent: (target: object, api: string, key: string, platforms: Os[]) => void) {
  const KEYRING = 'standin-encrypted:';
  const BASIC = 'standin-basic-text:';
  const ASYNC = 'standin-async:';
  const noKeyring = () => s.env.STANDIN_NO_KEYRING === '1';
  const available = () => !noKeyring() || s.platform === 'linux';
  const mark = () => (noKeyring() ? BASIC : KEYRING);
  const deprecated = (api: string, instead: string) => s.note(`safeStorage.${api}`, `deprecated: use ${instead}`);
  const seal = (text: string, prefix: string) => {
    if (!available()) throw new Error('Encryption is not available.');
    return Buffer.from(prefix + mark() + Buffer.from(text, 'utf8').toString('base64'));
  };
  const open = (data: Buffer, api: string) => {
    let text = data.toString('utf8');
    const sync = !text.startsWith(ASYNC);
    if (!sync) text = text.slice(ASYNC.length);
    if (!available() || !text.startsWith(mark()))
      throw new Error(`Error while decrypting the ciphertext provided to safeStorage.${api}.`);
    return { result: Buffer.from(text.slice(mark().length), 'base64').toString('utf8'), sync };
  };
  const api = {
    isEncryptionAvailable(): boolean {
      s.record('safeStorage.isEncryptionAvailable', []);
      s.requireReady('safeStorage.isEncryptionAvailable');
      deprecated('isEncryptionAvailable', 'isAsyncEncryptionAvailable');
      return available();
    },
    encryptString(text: string): Buffer {
      s.requireReady('safeStorage.encryptString');
      deprecated('encryptString', 'encryptStringAsync');
      return seal(text, '');
    },
    decryptString(data: Buffer): string {
      s.requireReady('safeStorage.decryptString');
      deprecated('decryptString', 'decryptStringAsync');
      return open(data, 'decryptString').result;
    },
    async isAsyncEncryptionAvailable(): Promise<boolean> {
      s.record('safeStorage.isAsyncEncryptionAvailable', []);
      s.requireReady('safeStorage.isAsyncEncryptionAvailable');
      return available();
    },
    async encryptStringAsync(text: string): Promise<Buffer> {
      s.record('safeStorage.encryptStringAsync', []);
      s.requireReady('safeStorage.encryptStringAsync');
      return seal(text, ASYNC);
    },
    async decryptStringAsync(data: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
      s.record('safeStorage.decryptStringAsync', []);
      s.requireReady('safeStorage.decryptStringAsync');
      const { result, sync } = open(data, 'decryptStringAsync');
      return { shouldReEncrypt: sync, result };
    },
    getSelectedStorageBackend:
      s.platform === 'linux'
        ? () => {
            // electron.d.ts: "`unknown` - When the function is called before app has emitted the `ready` event."
            if (!s.ready) return 'unknown';
            return noKeyring() ? 'basic_text' : 'gnome_libsecret';
          }
        : undefined,
  };
  if (!api.getSelectedStorageBackend) {
    delete (api as Partial<typeof api>).getSelectedStorageBackend;
    absent(api, 'safeStorage.getSelectedStorageBackend', 'getSelectedStorageBackend', ['linux']);
  }
  return api;
}

export interface SubresourceLoad {
  url: string;
  kind: 'module script' | 'script' | 'stylesheet' | 'other';
  status: number;
  type: string;
  /** What Chromium does with it: used, or refused (and why). */
  used: boolean;
  why?: string;
}

const subresourceLoads = new WeakMap<WebContents, SubresourceLoad[]>();

/**
 * A page of a custom scheme fetches its scripts and stylesheets through the same `protocol.handle`
 * handler (electron.d.ts, protocol.handle: "Register a protocol handler for `scheme`. Requests made
 * to URLs with this scheme will delegate to this handler"), not only the page itself. Chromium uses
 * a module script only with a JavaScript MIME type ("Strict MIME type checking is enforced for
 * module scripts per HTML spec") and, under `X-Content-Type-Options: nosniff`, a stylesheet only as
 * text/css; a failed one leaves the page loaded but broken.
 */
async function loadSubresources(
  contents: WebContents,
  pageUrl: string,
  page: Response,
  handler: ProtocolHandler,
): Promise<void> {
  const loads: SubresourceLoad[] = [];
  subresourceLoads.set(contents, loads);
  if (!(page.headers.get('content-type') ?? '').startsWith('text/html')) return;
  const html = await page.clone().text();
  const scheme = new URL(pageUrl).protocol;
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}=["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];
  const wanted: { href: string; kind: SubresourceLoad['kind'] }[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const href = isScript ? attr(tag, 'src') : attr(tag, 'href');
    if (!href) continue;
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const kind: SubresourceLoad['kind'] = isScript
      ? attr(tag, 'type') === 'module'
        ? 'module script'
        : 'script'
      : rel === 'stylesheet'
        ? 'stylesheet'
        : rel === 'modulepreload'
          ? 'module script'
          : 'other';
    wanted.push({ href, kind });
  }
  for (const { href, kind } of wanted) {
    const url = new URL(href, pageUrl).href;
    if (new URL(url).protocol !== scheme) continue; // another scheme: not this handler's
    const response = await handler(new Request(url));
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const nosniff = response.headers.get('x-content-type-options') === 'nosniff';
    let why: string | undefined;
    if (response.status !== 200) why = `status ${response.status}`;
    else if ((kind === 'module script' || (kind === 'script' && nosniff)) && !/javascript|ecmascript/.test(type))
      why = `a script served as ${type || 'no type'}`;
    else if (kind === 'stylesheet' && nosniff && type !== 'text/css')
      why = `a stylesheet served as ${type || 'no type'}`;
    loads.push({ url, kind, status: response.status, type, used: why === undefined, ...(why ? { why } : {}) });
  }
}

export function subresourcesOf(contents: WebContents): SubresourceLoad[] {
  return subresourceLoads.get(contents) ?? [];
}

/** The properties of an interface of electron.d.ts (and the ones it extends), by name: their type as written. */
function typingsOf(interfaceName: string): Map<string, string> {
  const typings = readFileSync(
    join(import.meta.dirname, '..', '..', 'node_modules', 'electron', 'electron.d.ts'),
    'utf8',
  );
  const head = new RegExp(`\\n  interface ${interfaceName}(?: extends (\\w+))? \\{\\n`).exec(typings);
  if (!head) throw new Error(`electron.d.ts has no interface ${interfaceName}`);
  const body = typings.slice(head.index + head[0].length, typings.indexOf('\n  }\n', head.index));
  const props = new Map(head[1] ? typingsOf(head[1]) : []);
  for (const m of body.matchAll(/^ {4}(\w+)\??: (.+);$/gm)) props.set(m[1]!, m[2]!);
  return props;
}

const windowTypings = new Map<string, Map<string, string>>();
const typingsCached = (name: string) => windowTypings.get(name) ?? windowTypings.set(name, typingsOf(name)).get(name)!;

/** Whether a value fits a property's type as electron.d.ts writes it (primitives and string unions checked). */
function fitsTyping(value: unknown, typing: string): boolean {
  const literals = [...typing.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const alternatives = typing
    .replace(/[()]/g, '')
    .split('|')
    .map((t) => t.trim());
  if (alternatives.includes('boolean') && typeof value === 'boolean') return true;
  if (alternatives.includes('number') && typeof value === 'number' && Number.isFinite(value)) return true;
  if (alternatives.includes('string') && typeof value === 'string') return true;
  if (literals.length > 0 && typeof value === 'string') return literals.includes(value);
  if (alternatives.some((t) => t.endsWith('[]')) && Array.isArray(value)) return true;
  const objects = alternatives.filter((t) => /^[A-Z]/.test(t) || t.startsWith('Record<'));
  return objects.length > 0 && typeof value === 'object' && value !== null;
}

/**
 * `new BrowserWindow(options)` against BrowserWindowConstructorOptions and WebPreferences of
 * electron.d.ts: Electron converts each option it knows to its type and ignores what does not
 * convert, and ignores names it does not know (an option misspelt or of the wrong type is, for the
 * shell, a setting silently lost: noted as a refusal, nothing thrown). `modal` needs a `parent`
 * ("modal Boolean - Whether this is a modal window. This only works when the window is a child window").
 */
function checkWindowOptions(s: Standin, options: WindowOptions): void {
  const check = (values: Record<string, unknown>, interfaceName: string, where: string) => {
    const known = typingsCached(interfaceName);
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const typing = known.get(name);
      if (!typing) s.note('new BrowserWindow', `${where}${name} is not an option of ${interfaceName}: ignored`);
      else if (!fitsTyping(value, typing))
        s.note('new BrowserWindow', `${where}${name} must be ${typing}, not ${JSON.stringify(value)}: ignored`);
    }
  };
  if (typeof options !== 'object' || options === null) s.refuse('new BrowserWindow', 'options must be an object');
  const { webPreferences, ...rest } = options;
  check(rest, 'BrowserWindowConstructorOptions', '');
  if (webPreferences !== undefined) check(webPreferences, 'WebPreferences', 'webPreferences.');
  if (options.modal === true && !(options.parent instanceof BrowserWindow))
    s.note('new BrowserWindow', 'modal needs a parent window: shown as a plain window');
}
