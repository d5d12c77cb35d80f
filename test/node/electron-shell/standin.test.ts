// The stand-in for `electron` that the shell tests run against: it must refuse what Electron
// refuses, or the shell tests built on it prove nothing. Each rule here is one of electron.d.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  BrowserWindow,
  ElectronRefused,
  Menu,
  nativeImage,
  Notification,
  Tray,
  installStandin,
  type Os,
} from '../../electron-standin/electron.ts';
import { operations } from '../../electron-standin/control.ts';

const root = join(import.meta.dirname, '..', '..', '..');
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function fresh(platform: Os, env: Record<string, string> = {}) {
  const standin = installStandin({
    platform,
    home: mkdtempSync(join(tmpdir(), 'standin-self-')),
    appPath: root,
    execPath: '/x/electron',
    packaged: false,
    env,
  });
  return { standin, electron: standin.module() };
}

test('before ready: windows, tray, notifications, screen, session, protocol.handle, shortcuts, safeStorage and powerMonitor are refused', () => {
  const { standin, electron } = fresh('linux');
  const refusedBeforeReady: [string, () => unknown][] = [
    ['new BrowserWindow', () => new BrowserWindow({ show: false })],
    ['new Tray', () => new Tray(nativeImage.createEmpty())],
    ['new Notification', () => new Notification({ title: 'x' })],
    ['Notification.isSupported', () => Notification.isSupported()],
    ['screen.getAllDisplays', () => electron.screen.getAllDisplays()],
    ['session.defaultSession', () => electron.session.defaultSession],
    ['protocol.handle', () => electron.protocol.handle('app', () => new Response(''))],
    ['globalShortcut.register', () => electron.globalShortcut.register('Ctrl+A', () => undefined)],
    ['safeStorage.isEncryptionAvailable', () => electron.safeStorage.isEncryptionAvailable()],
    ['powerMonitor.on', () => electron.powerMonitor.on('shutdown', () => undefined)],
    ['app.getLocale', () => electron.app.getLocale()],
  ];
  for (const [api, use] of refusedBeforeReady) assert.throws(use, ElectronRefused, api);
  assert.deepEqual(
    standin.journal.filter((e) => e.refused).map((e) => e.api),
    refusedBeforeReady.map(([api]) => api),
  );
  standin.becomeReady();
  for (const [api, use] of refusedBeforeReady) assert.doesNotThrow(use, api);
});

test('registerSchemesAsPrivileged: once, and only before ready; setDesktopName and command-line switches only before ready', () => {
  const { standin, electron } = fresh('linux', { DISPLAY: ':0' });
  electron.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
  assert.throws(() => electron.protocol.registerSchemesAsPrivileged([{ scheme: 'other' }]), /only be called once/);
  electron.app.commandLine.appendSwitch('ozone-platform', 'x11');
  (electron.app as { setDesktopName(name: string): void }).setDesktopName('com.example.app.desktop');
  standin.becomeReady();
  const late = fresh('linux');
  late.standin.becomeReady();
  assert.throws(
    () => late.electron.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]),
    /before the ready event/,
  );
  assert.throws(
    () => (late.electron.app as { setDesktopName(name: string): void }).setDesktopName('x.desktop'),
    /before the ready event/,
  );
  assert.throws(() => late.electron.app.commandLine.appendSwitch('ozone-platform', 'x11'), /no effect/);
});

test('a platform-only API is not a function on another platform, and the attempt is noted', () => {
  const linux = fresh('linux');
  type LoginItems = {
    setLoginItemSettings?: (s: { openAtLogin: boolean }) => void;
    setAppUserModelId?: (id: string) => void;
    setDesktopName?: (n: string) => void;
  };
  const onLinux = linux.electron.app as unknown as LoginItems;
  assert.throws(() => onLinux.setLoginItemSettings!({ openAtLogin: true }), TypeError);
  assert.throws(() => onLinux.setAppUserModelId!('x'), TypeError);
  assert.deepEqual(
    linux.standin.journal.filter((e) => e.refused).map((e) => e.api),
    ['app.setLoginItemSettings', 'app.setAppUserModelId'],
  );
  const windows = fresh('win32');
  const onWindows = windows.electron.app as unknown as LoginItems;
  onWindows.setAppUserModelId!('com.example');
  onWindows.setLoginItemSettings!({ openAtLogin: true });
  assert.equal(windows.standin.loginItem.openAtLogin, true);
  assert.throws(() => onWindows.setDesktopName!('x'), TypeError);
  const mac = fresh('darwin');
  assert.equal(
    typeof (mac.electron.safeStorage as { getSelectedStorageBackend?: unknown }).getSelectedStorageBackend,
    'undefined',
  );
  assert.equal(typeof mac.electron.app.dock, 'object');
  assert.equal(linux.electron.app.dock, undefined);
});

test('a relative or missing preload, a second handler for one channel and a malformed accelerator are refused', () => {
  const { standin, electron } = fresh('win32');
  standin.becomeReady();
  assert.throws(() => new BrowserWindow({ show: false, webPreferences: { preload: 'preload.cjs' } }), /absolute path/);
  assert.throws(
    () => new BrowserWindow({ show: false, webPreferences: { preload: '/nowhere/preload.cjs' } }),
    /absolute path/,
  );
  electron.ipcMain.handle('x', () => 1);
  assert.throws(() => electron.ipcMain.handle('x', () => 2), /second handler/);
  assert.throws(() => electron.globalShortcut.register('Ctrl+', () => undefined), /conversion failure/);
  assert.throws(() => electron.globalShortcut.register('Hyper+A', () => undefined), /conversion failure/);
  assert.equal(
    electron.globalShortcut.register('CommandOrControl+Alt+A', () => undefined),
    true,
  );
  assert.throws(() => Menu.buildFromTemplate([{ type: 'bogus', label: 'x' }]), /unknown type/);
});

test('each OS reports a drag its own way: Linux never says moved, macOS says it with every move', () => {
  const count = (platform: Os) => {
    const { standin } = fresh(platform);
    standin.becomeReady();
    const win = new BrowserWindow({ show: false });
    const seen = { move: 0, moved: 0 };
    win.on('move', () => seen.move++);
    win.on('moved', () => seen.moved++);
    win.drag(10);
    return seen;
  };
  assert.deepEqual(count('linux'), { move: 10, moved: 0 });
  assert.deepEqual(count('darwin'), { move: 10, moved: 10 });
  assert.deepEqual(count('win32'), { move: 10, moved: 1 });
});

test('native Wayland: always-on-top is ignored, the position reads 0,0, shortcuts need the portal; XWayland behaves as X11', () => {
  const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' };
  const native = fresh('linux', wayland);
  native.standin.becomeReady();
  const w = new BrowserWindow({ show: false, alwaysOnTop: true, x: 100, y: 100, width: 500, height: 60 });
  assert.equal(w.isAlwaysOnTop(), false);
  assert.deepEqual([w.getBounds().x, w.getBounds().y], [0, 0]);
  assert.equal(
    native.electron.globalShortcut.register('Ctrl+Alt+A', () => undefined),
    false,
  );
  const portal = fresh('linux', wayland);
  portal.electron.app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
  portal.standin.becomeReady();
  assert.equal(
    portal.electron.globalShortcut.register('Ctrl+Alt+A', () => undefined),
    true,
  );
  const xwayland = fresh('linux', wayland);
  xwayland.electron.app.commandLine.appendSwitch('ozone-platform', 'x11');
  xwayland.standin.becomeReady();
  const x = new BrowserWindow({ show: false, alwaysOnTop: true, x: 100, y: 100, width: 500, height: 60 });
  assert.equal(x.isAlwaysOnTop(), true);
  assert.deepEqual([x.getBounds().x, x.getBounds().y], [100, 100]);
  const noX = fresh('linux', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' });
  noX.electron.app.commandLine.appendSwitch('ozone-platform', 'x11');
  assert.throws(() => noX.standin.becomeReady(), /no X display/);
});

test('a Tray or Notification nobody holds is collected (the shell tests can see a missing reference)', async () => {
  const { standin } = fresh('darwin');
  standin.becomeReady();
  const held = new Tray(nativeImage.createEmpty());
  (() => {
    new Tray(nativeImage.createEmpty());
    new Notification({ title: 'dropped' }).show();
  })();
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(
    standin.trays.map((r) => r.deref() !== undefined),
    [true, false],
  );
  assert.deepEqual(
    standin.notifications.map((n) => n.deref() !== undefined),
    [false],
  );
  assert.equal(standin.shownNotifications.length, 1, 'the toast itself stays on screen');
  assert.ok(held);
});

test('quit: before-quit may hold it; then every window closes and the app quits', () => {
  const { standin, electron } = fresh('win32');
  standin.becomeReady();
  const win = new BrowserWindow();
  let hold = true;
  electron.app.on('before-quit', (event: { preventDefault(): void }) => {
    if (hold) event.preventDefault();
  });
  electron.app.quit();
  assert.equal(standin.quit, false);
  assert.equal(win.isDestroyed(), false);
  hold = false;
  electron.app.quit();
  assert.equal(standin.quit, true);
  assert.equal(win.isDestroyed(), true);
});

type MenuEntry = '-' | { label: string; role?: string; accelerator?: string; submenu?: MenuEntry[] };
const rolesIn = (items: unknown[]): string[] =>
  (items as MenuEntry[]).flatMap((i) => (i === '-' ? [] : [...(i.role ? [i.role] : []), ...rolesIn(i.submenu ?? [])]));

test("the application menu: Electron's default (View → Toggle Developer Tools) unless the app set one; roles bring their items per OS; only a Menu or null", () => {
  const linux = fresh('linux');
  linux.standin.becomeReady();
  assert.equal(linux.standin.applicationMenu?.byDefault, true);
  const defaults = rolesIn(linux.electron.Menu.getApplicationMenu()!.describe());
  assert.ok(defaults.includes('viewmenu') && defaults.includes('toggledevtools'), 'the default menu opens DevTools');
  assert.equal(defaults.includes('appmenu'), false);

  const mac = fresh('darwin');
  mac.electron.Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
  );
  mac.standin.becomeReady();
  assert.equal(mac.standin.applicationMenu?.byDefault, false, 'an app that set its own gets no default');
  const macRoles = rolesIn(mac.electron.Menu.getApplicationMenu()!.describe());
  assert.ok(macRoles.includes('pasteandmatchstyle') && macRoles.includes('front') && macRoles.includes('hide'));
  const win = fresh('win32');
  const winRoles = rolesIn(Menu.buildFromTemplate([{ role: 'editMenu' }, { role: 'windowMenu' }]).describe());
  assert.ok(
    winRoles.includes('close') && !winRoles.includes('pasteandmatchstyle'),
    'Windows: Close in Window, no Paste and Match Style',
  );
  assert.throws(() => win.electron.Menu.setApplicationMenu({} as Menu), /Invalid menu/);
  assert.throws(() => Menu.buildFromTemplate([{ role: 'toggleDevTool' }]), /unknown role/);
  win.electron.Menu.setApplicationMenu(null);
  win.standin.becomeReady();
  assert.equal(win.electron.Menu.getApplicationMenu(), null, 'null: no menu, and no default either');
});

test('a key reaches before-input-event first (kept there, the menu never sees it); devTools: false opens no DevTools', () => {
  const { standin } = fresh('linux');
  standin.becomeReady();
  const open = new BrowserWindow({ show: false });
  assert.deepEqual(standin.pressKeys(open, 'Ctrl+Shift+I'), { item: 'toggledevtools', devToolsOpened: true });
  const closed = new BrowserWindow({ show: false, webPreferences: { devTools: false } });
  assert.deepEqual(standin.pressKeys(closed, 'CommandOrControl+Shift+I'), {
    item: 'toggledevtools',
    devToolsOpened: false,
  });
  closed.webContents.openDevTools();
  assert.equal(closed.webContents.isDevToolsOpened(), false);
  const kept = new BrowserWindow({ show: false });
  kept.webContents.on('before-input-event', (event: { preventDefault(): void }) => event.preventDefault());
  assert.deepEqual(standin.pressKeys(kept, 'Ctrl+Shift+I'), { item: null, devToolsOpened: false });
  const seen: string[] = [];
  const win = new BrowserWindow({ show: false });
  win.webContents.on('input-event', (_e: unknown, input: { type: string }) => seen.push(input.type));
  win.webContents.input('click');
  win.webContents.input('mouse-move');
  win.webContents.input('key');
  assert.deepEqual(seen, ['mouseDown', 'mouseUp', 'mouseMove', 'rawKeyDown', 'char', 'keyUp']);
});

/** A ready stand-in with one window showing `url`. */
async function pageAt(platform: Os, url: string) {
  const { standin } = fresh(platform);
  standin.becomeReady();
  const win = new BrowserWindow({ show: false });
  await win.loadURL(url);
  return { standin, win };
}

test('a window-open handler gets the resolved URL and how it was opened, and must answer allow or deny', async () => {
  const { standin, win } = await pageAt('win32', 'https://crm.example.com/customers/view');
  const got: unknown[] = [];
  win.webContents.setWindowOpenHandler((details) => {
    got.push(details);
    return { action: 'deny' };
  });
  assert.equal(win.webContents.open('42?tab=1', { disposition: 'background-tab' }), 'deny');
  assert.deepEqual(got, [
    {
      url: 'https://crm.example.com/customers/42?tab=1',
      frameName: '',
      features: '',
      disposition: 'background-tab',
      referrer: { url: 'https://crm.example.com/customers/view', policy: 'strict-origin-when-cross-origin' },
    },
  ]);
  win.webContents.setWindowOpenHandler(() => undefined);
  assert.equal(
    win.webContents.open('https://crm.example.com/x'),
    'deny',
    'Electron refuses the window and reports the handler',
  );
  assert.deepEqual(
    standin.journal.filter((e) => e.refused).map((e) => e.api),
    ['webContents.setWindowOpenHandler'],
  );
});

test('a hung page: a load in it waits for ever until its process is ended; the end is told later (render-process-gone, killed)', async () => {
  const { win } = await pageAt('darwin', 'https://crm.example.com/');
  const events: string[] = [];
  win.on('unresponsive', () => events.push('window unresponsive'));
  win.webContents.on('unresponsive', () => events.push('contents unresponsive'));
  win.webContents.on('render-process-gone', (_e: unknown, details: { reason: string }) =>
    events.push(`gone ${details.reason}`),
  );
  win.webContents.hang();
  let reloaded = false;
  void win.loadURL('https://crm.example.com/').then(() => (reloaded = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(reloaded, false, 'the reload waits on the hung renderer');
  assert.equal(win.webContents.loads, 1);
  win.webContents.forcefullyCrashRenderer();
  assert.equal(win.webContents.isCrashed(), true);
  await win.loadURL('https://crm.example.com/');
  assert.equal(win.webContents.loads, 2, 'a new process loads it');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(events, ['contents unresponsive', 'window unresponsive', 'gone killed']);
  win.webContents.processGone('oom', 0);
  assert.equal(win.webContents.isCrashed(), true);
  win.webContents.send('x', 1);
  assert.equal(win.webContents.sent.size, 0, 'nothing reaches a page whose renderer is gone');
});

test('powerMonitor idle and lock (electron.d.ts): idle time and state only after ready; lock-screen emitted on macOS and Windows, never on Linux', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const { standin, electron } = fresh(platform);
    assert.throws(() => electron.powerMonitor.getSystemIdleTime(), ElectronRefused, 'getSystemIdleTime before ready');
    assert.throws(
      () => electron.powerMonitor.getSystemIdleState(60),
      ElectronRefused,
      'getSystemIdleState before ready',
    );
    standin.becomeReady();
    const desk = operations(standin).desk;
    const heard: string[] = [];
    electron.powerMonitor.on('lock-screen', () => heard.push('lock'));
    electron.powerMonitor.on('unlock-screen', () => heard.push('unlock'));
    desk({ idleSeconds: 90 });
    assert.equal(electron.powerMonitor.getSystemIdleTime(), 90);
    assert.equal(electron.powerMonitor.getSystemIdleState(60), 'idle');
    assert.equal(electron.powerMonitor.getSystemIdleState(120), 'active');
    assert.throws(() => electron.powerMonitor.getSystemIdleState(1.5), TypeError);
    desk({ locked: true });
    assert.equal(electron.powerMonitor.getSystemIdleState(60), 'locked');
    desk({ locked: false });
    assert.deepEqual(heard, platform === 'linux' ? [] : ['lock', 'unlock'], platform);
  }
});
