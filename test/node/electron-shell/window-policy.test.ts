// The shell's security decisions, held to Electron's security checklist without the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  allowNavigation,
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  GESTURE_WINDOW_MS,
  isAppUrl,
  isExternalWebUrl,
  screenPopWebPreferences,
  toolbarWebPreferences,
  UserGesture,
  isKeyAct,
  isPressAct,
} from '../../../src-main/electron-main/window-policy.ts';
import { appMenuTemplate } from '../../../src-main/electron-main/app-menu.ts';
import { buildCtiApi } from '../../../src-main/common/ipc/api-builder.ts';
import { API_KEYS, COMMAND_NAMES, commandChannel } from '../../../src-main/common/ipc/contract.ts';

const root = new URL('../../..', import.meta.url).pathname;

test('the toolbar window: context isolation and sandbox on, no Node anywhere, web security on', () => {
  const prefs = toolbarWebPreferences('/x/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  const pop = screenPopWebPreferences();
  assert.equal('preload' in pop, false, 'the screen-pop window gets no preload');
  assert.equal(pop.sandbox, true);
  assert.equal(pop.nodeIntegration, false);
  assert.equal(prefs.devTools, false, 'no DevTools unless asked (a development run)');
  assert.equal(pop.devTools, false);
  assert.equal(toolbarWebPreferences('/x/preload.cjs', true).devTools, true);
});

test("a page may open the browser only just after the agent's own click or key in it, once per act", () => {
  let now = 1000;
  const gesture = new UserGesture(() => now);
  assert.equal(gesture.consume(), false, 'no input yet');
  for (const type of ['mouseMove', 'mouseWheel', 'mouseEnter', 'gestureScrollUpdate', 'keyUp', 'undefined'])
    assert.equal(isPressAct(type), false, `${type}: not the agent asking`);
  for (const type of ['mouseUp', 'pointerDown', 'pointerUp', 'touchEnd', 'rawKeyDown', 'char'])
    assert.equal(isPressAct(type), false, `${type}: part of a press (or a key) counted once`);
  assert.ok(isPressAct('mouseDown') && isPressAct('gestureTap'));
  const key = { type: 'keyDown', key: 'Enter', isAutoRepeat: false };
  assert.equal(isKeyAct(key), true);
  assert.equal(isKeyAct({ ...key, isAutoRepeat: true }), false, 'a held key repeating');
  assert.equal(isKeyAct({ ...key, type: 'keyUp' }), false, 'a release');
  assert.equal(isKeyAct({ ...key, key: 'Escape' }), false, 'Escape');
  gesture.act();
  now += GESTURE_WINDOW_MS;
  assert.equal(gesture.consume(), true, 'within the window');
  assert.equal(gesture.consume(), false, 'used up');
  gesture.act();
  now += GESTURE_WINDOW_MS + 1;
  assert.equal(gesture.consume(), false, 'too late');
});

test('the application menu: no DevTools when installed, the macOS app menu kept, what agents use everywhere', () => {
  const roles = (items: ReturnType<typeof appMenuTemplate>): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    const installed = roles(appMenuTemplate(platform, true));
    assert.equal(
      installed.includes('toggleDevTools') || installed.includes('viewMenu'),
      false,
      `${platform}: not even through the viewMenu role`,
    );
    assert.ok(
      ['editMenu', 'reload', 'zoomIn', 'zoomOut', 'resetZoom', 'windowMenu'].every((r) => installed.includes(r)),
      platform,
    );
    assert.equal(installed[0] === 'appMenu', platform === 'darwin', `${platform}: the app menu first on macOS only`);
    assert.ok(
      roles(appMenuTemplate(platform, false)).includes('toggleDevTools'),
      `${platform}: a development run keeps DevTools`,
    );
  }
});

test('navigation: only the app origin, compared as origins (not prefixes)', () => {
  assert.equal(allowNavigation(APP_ENTRY), true);
  assert.equal(allowNavigation('app://toolbar/other.html?x=1#y'), true);
  for (const url of [
    'app://toolbar.evil.example/',
    'app://toolbarx/',
    'app://evil@toolbar.example/',
    'https://toolbar/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
  ]) {
    assert.equal(allowNavigation(url), false, url);
    assert.equal(isAppUrl(url), false, url);
  }
});

test('screen pops and links leave only as http(s)', () => {
  assert.equal(isExternalWebUrl('https://crm.example.com/x'), true);
  assert.equal(isExternalWebUrl('http://10.0.0.1:8080/'), true);
  for (const url of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://host/share',
    'app://toolbar/',
    'data:text/html,x',
    '',
  ]) {
    assert.equal(isExternalWebUrl(url), false, url);
  }
});

test('the CSP allows only the app itself: no inline script, no eval, no remote origin', () => {
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-|\*|https?:/);
  const html = readFileSync(`${root}src-renderer/index.html`, 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(meta, /script-src 'self';/);
  assert.doesNotMatch(meta, /unsafe-/);
});

test('the preload exposes exactly the contract: one method per command and onState, frozen', async () => {
  const calls: [string, unknown][] = [];
  const api = buildCtiApi({
    invoke: async (name, args) => calls.push([name, args]),
    subscribe: () => () => undefined,
  }) as unknown as Record<string, (a?: unknown) => unknown>;
  assert.deepEqual(Object.keys(api).sort(), [...API_KEYS].sort());
  assert.ok(Object.isFrozen(api));
  await api.answer!({ c1: 3 });
  await api.getState!();
  assert.deepEqual(calls, [
    ['answer', { c1: 3 }],
    ['getState', {}],
  ]);
  assert.equal(new Set(COMMAND_NAMES.map(commandChannel)).size, COMMAND_NAMES.length);
  const preload = readFileSync(`${root}src-main/electron-preload/preload.ts`, 'utf8');
  assert.equal(preload.match(/exposeInMainWorld\(/g)?.length, 1);
  assert.match(preload, /exposeInMainWorld\('cti', api\)/);
  assert.doesNotMatch(preload, /exposeInMainWorld\([^)]*ipcRenderer/);
});

test('electron-builder: fuses set for shipping; the test build differs only in what _electron needs', () => {
  const ship = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as {
    electronFuses: Record<string, boolean>;
    asar: boolean;
  };
  assert.equal(ship.asar, true);
  assert.deepEqual(ship.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
    resetAdHocDarwinSignature: true,
  });
  const testBuild = parse(readFileSync(`${root}electron-builder.test.yml`, 'utf8')) as {
    extends: string;
    electronFuses: Record<string, boolean>;
  };
  assert.equal(testBuild.extends, 'electron-builder.yml');
  // electron-builder merges an extending config into its parent key by key.
  assert.deepEqual(
    { ...ship.electronFuses, ...testBuild.electronFuses },
    { ...ship.electronFuses, enableNodeCliInspectArguments: true },
  );
});
