// The stand-in's Electron 45 behaviours added for issue 29 (each from electron.d.ts; README,
// "Testing the Electron shell itself"): each rule shown to bite, so the shell tests built on it
// can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BrowserWindow,
  Notification,
  attachWebview,
  httpAuthentication,
  installStandin,
  notificationTimesOut,
  pagePermission,
  remoteDebugging,
  subresourcesOf,
  type Os,
} from '../../electron-standin/electron.ts';

const root = join(import.meta.dirname, '..', '..', '..');

function fresh(platform: Os, env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'standin-45-'));
  const standin = installStandin({ platform, home, appPath: root, execPath: '/x/electron', packaged: false, env });
  return { standin, electron: standin.module(), home };
}
const notes = (standin: ReturnType<typeof fresh>['standin'], api: string) =>
  standin.journal.filter((e) => e.refused && e.api === api).map((e) => e.refused);

test('BrowserWindow options are held to electron.d.ts: an unknown name, a wrong type, a value outside a union, modal without parent', () => {
  const { standin } = fresh('win32');
  standin.becomeReady();
  new BrowserWindow({
    show: false,
    width: 400,
    title: 'ok',
    titleBarStyle: 'hidden',
    webPreferences: { sandbox: true },
  });
  assert.deepEqual(notes(standin, 'new BrowserWindow'), [], 'valid options pass');
  // What a typo or a wrong type in the shell would pass to Electron at run time.
  const wrong: Record<string, unknown> = {
    show: false,
    widht: 400,
    height: '300',
    titleBarStyle: 'hiddenInsett',
    modal: true,
    webPreferences: { sandbox: 'yes', contextIsolaton: true },
  };
  new BrowserWindow(wrong);
  const said = notes(standin, 'new BrowserWindow').join('\n');
  for (const part of [
    'widht is not an option',
    'height must be number',
    'titleBarStyle must be',
    'webPreferences.sandbox must be boolean',
    'webPreferences.contextIsolaton is not an option',
    'modal needs a parent',
  ])
    assert.ok(said.includes(part), part);
});

test('Windows: a toast that times out emits close (timedOut) once; close() then takes it from the Action Center without a second close', () => {
  const { standin } = fresh('win32');
  standin.becomeReady();
  const toast = new Notification({ title: 'ring' });
  const reasons: string[] = [];
  toast.on('close', (event: { reason?: string }) => reasons.push(event.reason ?? ''));
  toast.show();
  notificationTimesOut(toast);
  assert.equal(toast.shown?.inActionCenter, true);
  toast.close();
  assert.deepEqual(reasons, ['timedOut']);
  assert.equal(toast.shown?.closedByApp, true);
  assert.throws(() => {
    fresh('linux').standin.becomeReady();
    notificationTimesOut(new Notification({ title: 'x' }));
  }, /only a Windows toast/);
});

test('permissions: granted when main sets no handler (Electron default); the check handler first, then the request handler', async () => {
  const { standin, electron } = fresh('linux');
  standin.becomeReady();
  const win = new BrowserWindow({ show: false });
  await win.loadURL('https://crm.example.com/');
  assert.equal(await pagePermission(win.webContents, 'media'), true, 'no handlers: granted');
  const asked: string[] = [];
  electron.session.defaultSession.setPermissionCheckHandler(
    (_c: unknown, p: string) => (asked.push(`check ${p}`), false),
  );
  electron.session.defaultSession.setPermissionRequestHandler((_c: unknown, p: string, cb: (g: boolean) => void) => {
    asked.push(`request ${p}`);
    cb(p === 'notifications');
  });
  assert.equal(await pagePermission(win.webContents, 'geolocation'), false);
  assert.equal(await pagePermission(win.webContents, 'notifications'), true);
  assert.deepEqual(asked, ['check geolocation', 'request geolocation', 'check notifications', 'request notifications']);
  assert.equal(attachWebview(win.webContents, 'https://x.example/'), true, 'a <webview> attaches unless prevented');
});

test('HTTP authentication: cancelled unless main prevents the default and answers', async () => {
  const { standin, electron } = fresh('darwin');
  standin.becomeReady();
  const win = new BrowserWindow({ show: false });
  assert.equal(await httpAuthentication(win.webContents, { host: 'crm.example.com' }), 'cancelled');
  electron.app.on('login', (event: { preventDefault(): void }, ...rest: unknown[]) => {
    event.preventDefault();
    (rest[3] as (u?: string, p?: string) => void)('me', 'pw');
  });
  assert.deepEqual(await httpAuthentication(win.webContents, { host: 'crm.example.com' }), {
    username: 'me',
    password: 'pw',
  });
});

test("removeSwitch takes a switch off Chromium's command line (argv included); the debugging port opens at ready only if it is still there", () => {
  process.argv.push('--remote-debugging-port=9222');
  try {
    const kept = fresh('linux').standin;
    kept.becomeReady();
    assert.equal(remoteDebugging(kept), 'remote-debugging-port=9222');
    const { standin, electron } = fresh('linux');
    electron.app.commandLine.removeSwitch('remote-debugging-port');
    standin.becomeReady();
    assert.equal(remoteDebugging(standin), null);
  } finally {
    process.argv.pop();
  }
});

test('the single-instance lock fails when the user-data folder cannot be made; an app that exited before ready never becomes ready', () => {
  const { standin, electron, home } = fresh('win32');
  assert.equal(electron.app.requestSingleInstanceLock(), true);
  rmSync(join(home, 'userData'), { recursive: true, force: true });
  writeFileSync(join(home, 'userData'), '');
  assert.equal(electron.app.requestSingleInstanceLock(), false);
  electron.app.exit(1);
  standin.becomeReady();
  assert.equal(standin.ready, false);
});

test('safeStorage: the synchronous calls are noted as deprecated; basic_text on Linux is available but cannot read what a keyring sealed', async () => {
  const { standin, electron } = fresh('linux', { STANDIN_NO_KEYRING: '1' });
  assert.equal(electron.safeStorage.getSelectedStorageBackend!(), 'unknown', 'before ready');
  standin.becomeReady();
  assert.equal(electron.safeStorage.getSelectedStorageBackend!(), 'basic_text');
  assert.equal(await electron.safeStorage.isAsyncEncryptionAvailable(), true);
  const sealed = await electron.safeStorage.encryptStringAsync('pw');
  assert.deepEqual(await electron.safeStorage.decryptStringAsync(sealed), { shouldReEncrypt: false, result: 'pw' });
  const keyring = Buffer.from('standin-encrypted:' + Buffer.from('pw').toString('base64'));
  await assert.rejects(electron.safeStorage.decryptStringAsync(keyring));
  electron.safeStorage.isEncryptionAvailable();
  electron.safeStorage.decryptString(sealed);
  assert.equal(standin.journal.filter((e) => e.refused?.startsWith('deprecated')).length, 2);
});

test("a page's scripts and stylesheets go through the scheme's handler: a module script served with the wrong type is not used", async () => {
  const { standin, electron } = fresh('linux');
  standin.becomeReady();
  const page = '<script type="module" src="./a.js"></script><link rel="stylesheet" href="/b.css">';
  electron.protocol.handle('app', (request: Request) => {
    const path = new URL(request.url).pathname;
    const type = path.endsWith('.html') ? 'text/html' : 'text/plain';
    return new Response(path.endsWith('.html') ? page : '', {
      headers: { 'content-type': type, 'x-content-type-options': 'nosniff' },
    });
  });
  const win = new BrowserWindow({ show: false });
  await win.loadURL('app://toolbar/index.html');
  assert.deepEqual(
    subresourcesOf(win.webContents).map((l) => [l.url, l.used]),
    [
      ['app://toolbar/a.js', false],
      ['app://toolbar/b.css', false],
    ],
  );
});
