// The built shell on the stand-in: what it leaves in the OS for the agent (start at login, the
// tel:/callto: handler, where the window was) and how it copes with Wayland.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { en } from '../../../src-main/common/i18n/en.ts';
import { PUSH_CHANNELS, commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import { launchShell, toolbarOf, type LaunchOptions, type Shell } from '../../electron-standin/harness.ts';
import type { Snapshot } from '../../electron-standin/control.ts';

const pushed = (s: Snapshot) => toolbarOf(s)?.sent[PUSH_CHANNELS.state]?.last as AppState | undefined;
const notice = (s: Snapshot) => pushed(s)?.notice?.message.en;

async function running(
  t: { after(fn: () => unknown): void },
  options: LaunchOptions,
): Promise<{ shell: Shell; toolbar: number; s: Snapshot }> {
  const shell = await launchShell(options);
  t.after(() => shell.stop());
  const s = await shell.until('the toolbar shown with its state', (x) => toolbarOf(x)?.visible && pushed(x) && x);
  return { shell, toolbar: toolbarOf(s)!.id, s };
}

/** Saves changed settings through the toolbar's own IPC path, as the settings form does. */
async function saveSettings(shell: Shell, toolbar: number, change: (s: Settings) => void): Promise<void> {
  const settings = structuredClone(pushed(await shell.snapshot())!.settings.settings);
  change(settings);
  const result = (await shell.op('invoke', toolbar, commandChannel('saveSettings'), { settings })) as { ok: boolean };
  assert.equal(result.ok, true, JSON.stringify(result));
}

const setAsDefault = async (shell: Shell) =>
  (await shell.journal()).filter((e) => e.api === 'app.setAsDefaultProtocolClient').map((e) => e.args[0]);

// --- start at login -------------------------------------------------------------------------

test('Linux, installed: "Start at login" writes an XDG autostart entry naming the app (never the login-item API Linux lacks)', async (t) => {
  const { shell, toolbar } = await running(t, {
    platform: 'linux',
    packaged: true,
    settings: (s) => (s.desktop.startAtLogin = true),
  });
  const desktopName = (await shell.snapshot()).desktopName!;
  const entry = join(shell.home, 'config', 'autostart', desktopName);
  await shell.until('the autostart entry', () => existsSync(entry));
  const text = readFileSync(entry, 'utf8');
  assert.match(text, /^\[Desktop Entry\]$/m);
  assert.match(text, /^Type=Application$/m);
  assert.match(
    text,
    /^Exec="\/opt\/Nexus Toolbar\/nexus-toolbar"$/m,
    'the installed executable, quoted (its path has a space)',
  );
  assert.deepEqual(await shell.refusals(), []);
  await saveSettings(shell, toolbar, (s) => (s.desktop.startAtLogin = false));
  await shell.until('the entry removed', () => !existsSync(entry));
});

test('Linux AppImage: the autostart entry names the AppImage file, not its temporary mount', async (t) => {
  const { shell } = await running(t, {
    platform: 'linux',
    packaged: true,
    env: { APPIMAGE: '/home/agent/Apps/Nexus-Toolbar.AppImage' },
    settings: (s) => (s.desktop.startAtLogin = true),
  });
  const entry = join(shell.home, 'config', 'autostart', (await shell.snapshot()).desktopName!);
  await shell.until('the autostart entry', () => existsSync(entry));
  assert.match(readFileSync(entry, 'utf8'), /^Exec=\/home\/agent\/Apps\/Nexus-Toolbar\.AppImage$/m);
});

test('macOS and Windows, installed: "Start at login" is the OS login item', async (t) => {
  for (const platform of ['darwin', 'win32'] as const) {
    const { shell } = await running(t, { platform, packaged: true, settings: (s) => (s.desktop.startAtLogin = true) });
    assert.equal((await shell.snapshot()).loginItem.openAtLogin, true, platform);
  }
});

test('a development run never registers at login (it would start the bare Electron binary); the agent is told', async (t) => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const { shell } = await running(t, { platform, settings: (s) => (s.desktop.startAtLogin = true) });
    const s = await shell.until('the notice', (x) => notice(x) === en['desktop.startAtLoginDev'] && x);
    assert.equal(s.loginItem.openAtLogin, false, platform);
    assert.equal(existsSync(join(shell.home, 'config', 'autostart')), false, platform);
    assert.deepEqual(
      (await shell.journal()).filter((e) => e.api === 'app.setLoginItemSettings'),
      [],
      platform,
    );
  }
});

// --- tel:/callto: links ---------------------------------------------------------------------

test('tel:/callto: links are never taken over at start, even with the setting on (only when the agent turns it on)', async (t) => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    const { shell } = await running(t, { platform, settings: (s) => (s.desktop.handleTelLinks = true) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await setAsDefault(shell), [], platform);
    assert.deepEqual((await shell.snapshot()).protocolClients, {});
  }
});

test('Windows: turning "Open tel: and callto: links" on makes the app their handler (the development command line in a dev run); off gives them back', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'win32' });
  await saveSettings(shell, toolbar, (s) => (s.desktop.handleTelLinks = true));
  const s = await shell.until('registered', (x) => Object.keys(x.protocolClients).length === 2 && x);
  assert.deepEqual(s.protocolClients, { tel: 'this app', callto: 'this app' });
  const calls = (await shell.journal()).filter((e) => e.api === 'app.setAsDefaultProtocolClient');
  const appDir = JSON.parse(shell.env.STANDIN_OPTIONS!).appPath as string;
  for (const call of calls) assert.deepEqual(call.args.slice(2), [[appDir]], 'electron.exe is told to run the app');
  await saveSettings(shell, toolbar, (s) => (s.desktop.handleTelLinks = false));
  await shell.until('given back', (x) => Object.keys(x.protocolClients).length === 0);
});

test('Linux without an installed .desktop entry: the system cannot name the app, and the agent is told so', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux', packaged: true });
  await saveSettings(shell, toolbar, (s) => (s.desktop.handleTelLinks = true));
  await shell.until('the notice', (x) => notice(x) === en['desktop.telLinksNotInstalled']);
});

test('Linux, installed from the deb: the registration names the installed entry and works', async (t) => {
  const { shell, toolbar, s: started } = await running(t, { platform: 'linux', packaged: true });
  // The deb's entry, under the name the app gave Electron (shell-start.test.ts: the name the deb installs).
  const entry = join(shell.home, 'system-data', 'applications', started.desktopName!);
  mkdirSync(dirname(entry), { recursive: true });
  writeFileSync(entry, '[Desktop Entry]\nMimeType=x-scheme-handler/tel;x-scheme-handler/callto;\n');
  await saveSettings(shell, toolbar, (s) => (s.desktop.handleTelLinks = true));
  const s = await shell.until('registered', (x) => Object.keys(x.protocolClients).length === 2 && x);
  assert.equal(notice(s), undefined);
});

test("Linux AppImage: turning the links on adds the app's own entry (the AppImage file, %U, the tel/callto MIME types) and registers it", async (t) => {
  const appImage = '/home/agent/Apps/Nexus Toolbar.AppImage';
  const { shell, toolbar } = await running(t, { platform: 'linux', packaged: true, env: { APPIMAGE: appImage } });
  await saveSettings(shell, toolbar, (s) => (s.desktop.handleTelLinks = true));
  const s = await shell.until('registered', (x) => Object.keys(x.protocolClients).length === 2 && x);
  const entry = readFileSync(join(shell.home, 'data', 'applications', s.desktopName!), 'utf8');
  assert.match(entry, /^Exec="\/home\/agent\/Apps\/Nexus Toolbar\.AppImage" %U$/m);
  assert.match(entry, /^MimeType=x-scheme-handler\/tel;x-scheme-handler\/callto;$/m);
});

// --- Wayland --------------------------------------------------------------------------------

const WAYLAND = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' };

test('Wayland with XWayland: the toolbar runs through XWayland, so it stays on top; the agent is told what is limited', async (t) => {
  const { shell, s } = await running(t, { platform: 'linux', env: { ...WAYLAND, DISPLAY: ':0' } });
  assert.equal(s.switches['ozone-platform'], 'x11');
  assert.equal(s.nativeWayland, false);
  assert.equal(toolbarOf(s)?.alwaysOnTop, true);
  await shell.until('the Wayland notice', (x) => notice(x) === en['desktop.waylandXwayland']);
  assert.deepEqual(await shell.refusals(), []);
});

test('Wayland without XWayland: shortcuts through the desktop\'s portal, and a plain word on what cannot work (not "another app")', async (t) => {
  const { shell, s } = await running(t, {
    platform: 'linux',
    env: WAYLAND,
    takenShortcuts: ['CommandOrControl+Alt+H'],
  });
  assert.equal(s.nativeWayland, true);
  assert.match(s.switches['enable-features'] ?? '', /GlobalShortcutsPortal/);
  const after = await shell.until(
    'the shortcuts notice',
    (x) => notice(x)?.includes('Wayland') && notice(x)?.includes('CommandOrControl+Alt+H') && x,
  );
  assert.doesNotMatch(notice(after)!, /another app/);
  assert.ok(after.shortcuts.includes('CommandOrControl+Alt+A'), 'the others are held through the portal');
  await shell.op('invoke', toolbarOf(after)!.id, commandChannel('dismissError'), {});
  await shell.until('the notice dismissed', (x) => notice(x) === undefined);
});

test('an X11 desktop: a shortcut another app holds is reported as such', async (t) => {
  const { shell } = await running(t, {
    platform: 'linux',
    env: { DISPLAY: ':0' },
    takenShortcuts: ['CommandOrControl+Alt+H'],
  });
  await shell.until(
    'the clash notice',
    (x) => notice(x)?.includes('another app') && notice(x)?.includes('CommandOrControl+Alt+H'),
  );
});

// --- where the window was -------------------------------------------------------------------

const placeFile = (shell: Shell) => join(shell.userData, 'window-state.json');
const savedPlace = (shell: Shell) => {
  const saved = JSON.parse(readFileSync(placeFile(shell), 'utf8')) as {
    byDisplay: Record<string, { x: number; y: number }>;
  };
  return saved.byDisplay['1'];
};

for (const platform of ['linux', 'darwin', 'win32'] as const) {
  test(`${platform}: dragging the toolbar saves its place once it rests (one write, not one per pixel)`, async (t) => {
    const { shell, toolbar, s } = await running(t, { platform });
    const writes = () => shell.snapshot().then((x) => x.fileWrites['window-state.json'] ?? 0);
    const before = await writes();
    const start = toolbarOf(s)!.bounds;
    await shell.op('drag', toolbar, 150);
    await new Promise((resolve) => setTimeout(resolve, 900));
    assert.equal((await writes()) - before, 2, 'byDisplay and lastDisplay, once');
    assert.deepEqual(savedPlace(shell), { ...start, x: start.x + 150, y: start.y + 150 });
  });
}

test('closing the toolbar saves its place at once, and the next start puts it back there', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'standin-restart-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const first = await running(t, { platform: 'linux', home });
  const start = toolbarOf(first.s)!.bounds;
  await first.shell.op('drag', first.toolbar, 40);
  await first.shell.op('close', first.toolbar);
  assert.deepEqual(savedPlace(first.shell), { ...start, x: start.x + 40, y: start.y + 40 });
  await first.shell.stop();
  const second = await running(t, { platform: 'linux', home });
  assert.deepEqual([toolbarOf(second.s)!.bounds.x, toolbarOf(second.s)!.bounds.y], [start.x + 40, start.y + 40]);
});

test('native Wayland: no place is saved (the position cannot be read there: it would restore 0,0)', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux', env: WAYLAND });
  await shell.op('drag', toolbar, 20);
  await shell.op('close', toolbar);
  const place = existsSync(placeFile(shell)) ? savedPlace(shell) : undefined;
  assert.equal(place, undefined);
});
