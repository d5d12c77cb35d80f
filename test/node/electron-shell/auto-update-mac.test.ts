// macOS self-update with electron-updater's real MacUpdater: its quitAndInstall only starts
// Squirrel.Mac's fetch of the downloaded zip (autoInstallOnAppQuit is off), and once Squirrel has
// it, relaunches the app when autoRunAppAfterInstall, else quits. So at quit the quit must wait for
// Squirrel, and "stays closed" is autoRunAppAfterInstall false (quitAndInstall's isForceRunAfter is
// ignored there). Squirrel.Mac itself (Electron's native autoUpdater) is a stand-in here: it takes
// the update a moment after checkForUpdates, or fails.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { AutoUpdate, MAC_INSTALL_WAIT_MS, type Updater } from '../../../src-main/electron-main/auto-update.ts';
import type { PolicySource } from '../../../src-main/node/settings/managed-policy.ts';

const require = createRequire(import.meta.url);

/** Squirrel.Mac as MacUpdater drives it: checkForUpdates fetches from its feed; 'update-downloaded' or 'error' after. */
class Squirrel extends EventEmitter {
  readonly calls: string[] = [];
  outcome: 'takes' | 'fails' | 'hangs' = 'takes';
  checkForUpdates() {
    this.calls.push('checkForUpdates');
    if (this.outcome === 'takes') setTimeout(() => this.emit('update-downloaded'), 20);
    if (this.outcome === 'fails') setTimeout(() => this.emit('error', new Error('code signature invalid')), 20);
  }
  quitAndInstall() {
    this.calls.push('quitAndInstall (relaunch)');
  }
}

function macUpdater() {
  const squirrel = new Squirrel();
  const app = {
    quits: 0,
    version: '1.0.0',
    name: 'Nexus Toolbar',
    isPackaged: true,
    appUpdateConfigPath: '/nonexistent/app-update.yml',
    userDataPath: '/nonexistent',
    baseCachePath: '/nonexistent',
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => void app.quits++,
    onQuit: () => undefined,
  };
  // MacUpdater takes Electron's autoUpdater (Squirrel.Mac) from require('electron') when made.
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = (request: string, ...rest: unknown[]) =>
    request === 'electron' ? { autoUpdater: squirrel } : load(request, ...rest);
  let updater: Updater;
  try {
    const { MacUpdater } = require('electron-updater') as typeof import('electron-updater');
    const real = new MacUpdater(undefined, app);
    // What the feed and the download would do: the scheduler sees 1.1.0 offered, then downloaded.
    real.checkForUpdates = async () => ({ isUpdateAvailable: true, updateInfo: { version: '1.1.0' } }) as never;
    real.downloadUpdate = async () => [];
    updater = real as unknown as Updater;
  } finally {
    Module._load = load;
  }
  return { squirrel, app, updater };
}

const policy: PolicySource = {
  path: '/Library/Application Support/Nexus Toolbar/policy.json',
  read: async () => ({
    kind: 'ok',
    policy: {
      base: {} as never,
      locked: [],
      updates: { url: 'https://updates.example.com/', channel: 'stable', enabled: true, checkHours: 4 },
    },
  }),
  watch: () => () => undefined,
};

function state(agent: string): AppState {
  return { core: { connection: { status: 'connected' }, agent: { state: agent }, calls: {} } } as unknown as AppState;
}

async function downloaded(agent: string) {
  const mac = macUpdater();
  const logs: string[] = [];
  let push: (key: string) => void = () => undefined;
  const select: { fn?: (s: AppState) => string } = {};
  const updates = new AutoUpdate({
    policy,
    version: '1.0.0',
    log: (level, message) => logs.push(`${level} ${message}`),
    onChange: (fn, listener) => {
      select.fn = fn;
      push = listener;
      listener(fn(state(agent)));
      return () => undefined;
    },
    install: { selfUpdate: true, kind: 'mac-app' },
    platform: 'darwin',
    updater: () => mac.updater,
  });
  updates.start();
  for (let i = 0; i < 5 && !logs.some((l) => /1\.1\.0 downloaded/.test(l)); i++)
    await new Promise((resolve) => setImmediate(resolve));
  assert.ok(
    logs.some((l) => /update 1\.1\.0 downloaded/.test(l)),
    logs.join('\n'),
  );
  return { ...mac, updates, logs, set: (next: string) => push(select.fn!(state(next))) };
}

test('macOS, at quit: the quit waits for Squirrel to take the update, then MacUpdater quits — not relaunched', async (t) => {
  const { squirrel, app, updates } = await downloaded('ready');
  t.after(() => updates.stop());
  const hold = updates.quitting();
  assert.ok(hold, 'the quit is held: without it the app is gone before Squirrel fetched anything');
  assert.deepEqual(squirrel.calls, ['checkForUpdates'], 'Squirrel is only now asked to fetch the update');
  assert.equal(app.quits, 0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(app.quits, 1, 'MacUpdater quits once Squirrel has it (Squirrel installs on the way out)');
  assert.ok(!squirrel.calls.includes('quitAndInstall (relaunch)'), 'the app stays closed after a quit');
  assert.equal(updates.quitting(), undefined, 'the second before-quit goes through');
});

test('macOS, at logoff: installed and started again (no quit held)', async (t) => {
  const { squirrel, app, updates, set } = await downloaded('ready');
  t.after(() => updates.stop());
  set('loggedOff');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(squirrel.calls, ['checkForUpdates', 'quitAndInstall (relaunch)']);
  assert.equal(app.quits, 0);
});

test('macOS, at quit: Squirrel failing or never answering does not keep the app from quitting', async (t) => {
  const failing = await downloaded('ready');
  t.after(() => failing.updates.stop());
  failing.squirrel.outcome = 'fails';
  await failing.updates.quitting();
  assert.ok(
    failing.logs.some((l) => /Squirrel\.Mac did not take the update: code signature invalid/.test(l)),
    failing.logs.join('\n'),
  );

  const hanging = await downloaded('ready');
  t.after(() => hanging.updates.stop());
  hanging.squirrel.outcome = 'hangs';
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  let released = false;
  const hold = hanging.updates.quitting()!.then(() => (released = true));
  mock.timers.tick(MAC_INSTALL_WAIT_MS - 1);
  await Promise.resolve();
  assert.equal(released, false);
  mock.timers.tick(1);
  await hold;
  assert.equal(released, true, 'the app quits without the update after the wait');
});

test('a start with no update server in the policy says so in the log (IT looks there first), and makes no updater', async () => {
  const logs: string[] = [];
  let made = 0;
  const updates = new AutoUpdate({
    policy: { path: policy.path, read: async () => ({ kind: 'none' }), watch: () => () => undefined },
    version: '1.0.0',
    log: (level, message) => logs.push(`${level} ${message}`),
    onChange: (fn, listener) => {
      listener(fn(state('ready')));
      return () => undefined;
    },
    install: { selfUpdate: true, kind: 'mac-app' },
    platform: 'darwin',
    updater: () => {
      made++;
      return macUpdater().updater;
    },
  });
  updates.start();
  await new Promise((resolve) => setImmediate(resolve)); // the policy's read answers
  assert.deepEqual(logs, ['info updates: no update server in the policy']);
  assert.equal(made, 0);
});
