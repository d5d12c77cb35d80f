// The built main process (dist/main/main.js) started against the strict stand-in for electron, as
// on Windows, macOS and Linux: what the shell did before and after `ready`, the toolbar window it
// made, what it listens to, and that Electron would have refused nothing of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PUSH_CHANNELS } from '../../../src-main/common/ipc/contract.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { launchShell, root, toolbarOf, type Shell } from '../../electron-standin/harness.ts';
import type { Snapshot } from '../../electron-standin/control.ts';

const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  executableName?: string;
  linux?: { syncDesktopName?: boolean; executableName?: string };
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; desktopName?: string };

/** The .desktop file the deb installs, as electron-builder names it (LinuxTargetHelper.getDesktopFileName). */
function debDesktopFile(): string {
  if (builder.linux?.syncDesktopName && pkg.desktopName?.trim())
    return `${pkg.desktopName.trim().replace(/\.desktop$/, '')}.desktop`;
  return `${(builder.linux?.executableName ?? builder.executableName ?? pkg.name).toLowerCase()}.desktop`;
}

const shown = (s: Snapshot) => {
  const toolbar = toolbarOf(s);
  return toolbar?.visible && toolbar.url === 'app://toolbar/index.html' ? toolbar : undefined;
};

async function started(
  platform: 'win32' | 'darwin' | 'linux',
  options: Parameters<typeof launchShell>[0] = { platform },
): Promise<{ shell: Shell; toolbar: Snapshot['windows'][number] }> {
  const shell = await launchShell(options);
  const toolbar = await shell.until('the toolbar shown', shown);
  return { shell, toolbar };
}

for (const platform of ['win32', 'darwin', 'linux'] as const) {
  test(`${platform}: a locked-down, always-on-top toolbar window, and nothing Electron would refuse`, async (t) => {
    const { shell, toolbar } = await started(platform);
    t.after(() => shell.stop());
    const prefs = toolbar.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.match(String(prefs.preload), /[/\\]dist[/\\]preload[/\\]preload\.cjs$/);
    assert.equal(toolbar.options.frame, false);
    assert.equal(toolbar.alwaysOnTop, true);
    // macOS: the first click on Answer acts instead of only focusing the window; the toolbar stays
    // on every Space and over a full-screen CRM.
    assert.equal(toolbar.options.acceptFirstMouse, true);
    if (platform === 'darwin')
      assert.deepEqual(toolbar.allWorkspaces, { visible: true, options: { visibleOnFullScreen: true } });
    const s = await shell.snapshot();
    assert.deepEqual(s.handledSchemes, ['app']);
    assert.deepEqual(s.preloadScripts, [], 'no preload in the default session (electron-log initialised without one)');
    assert.deepEqual(s.protocolClients, {}, 'tel:/callto: links left to the app the agent chose');
    assert.deepEqual(await shell.refusals(), []);
    assert.deepEqual(s.mainErrors, []);
  });

  test(`${platform}: the handlers the OS reaches the app by are there`, async (t) => {
    const { shell, toolbar } = await started(platform);
    t.after(() => shell.stop());
    const s = await shell.snapshot();
    assert.ok(s.appListeners['second-instance'], 'second-instance');
    assert.ok(s.appListeners['before-quit'], 'before-quit');
    if (platform === 'darwin') assert.ok(s.appListeners['open-url'], 'open-url');
    if (platform === 'win32') {
      assert.ok(toolbar.listeners['query-session-end'], 'query-session-end');
      assert.ok(toolbar.listeners['session-end'], 'session-end');
    } else {
      assert.ok(s.powerListeners.shutdown, 'powerMonitor shutdown');
    }
    // A clicked tel: link arrives as a second instance (Windows, Linux) or open-url (macOS).
    if (platform === 'darwin')
      assert.equal(await shell.op('openUrl', 'tel:+82-2-555-0100'), true, 'open-url handled (default prevented)');
    else await shell.op('secondInstance', ['/opt/app', 'tel:+82-2-555-0100']);
    await shell.until(
      'the link offered in the toolbar',
      (x) => (toolbarOf(x)?.sent[PUSH_CHANNELS.state]?.last as AppState | undefined)?.pendingDial,
    );
  });
}

test('Windows: the AppUserModelID is the appId of electron-builder.yml, set before anything else', async (t) => {
  const { shell } = await started('win32');
  t.after(() => shell.stop());
  const journal = await shell.journal();
  const first = journal.find((e) => e.api.startsWith('app.') || e.api.startsWith('new '));
  assert.deepEqual(first && { api: first.api, args: first.args, ready: first.ready }, {
    api: 'app.setAppUserModelId',
    args: [builder.appId],
    ready: false,
  });
});

test('Linux: the desktop name is set before ready, to the .desktop file the deb installs', async (t) => {
  const { shell } = await started('linux');
  t.after(() => shell.stop());
  const set = (await shell.journal()).filter((e) => e.api === 'app.setDesktopName');
  assert.deepEqual(
    set.map((e) => ({ args: e.args, ready: e.ready })),
    [{ args: [debDesktopFile()], ready: false }],
  );
});

test("the tray: held for the app's life (still there after garbage collection); 16 pt icons with @2x on macOS", async (t) => {
  for (const platform of ['darwin', 'linux'] as const) {
    const { shell } = await started(platform);
    t.after(() => shell.stop());
    const collected = await shell.op('gc');
    assert.deepEqual(collected.trays, [true], `${platform}: the tray survives gc`);
    const [tray] = (await shell.snapshot()).trays;
    const image = tray!.image as { width: number; height: number; scales: number[] };
    const expected = platform === 'darwin' ? 16 : 32;
    assert.deepEqual([image.width, image.height, image.scales], [expected, expected, [1, 2]], platform);
  }
});

test('a start that fails still shows the window, with the error in a dialog; the app then quits', async (t) => {
  const shell = await launchShell({ platform: 'win32', faults: ['safeStorage.isAsyncEncryptionAvailable'] });
  t.after(() => shell.stop());
  const s = await shell.until('the error dialog', (x) => x.dialogs.length > 0 && x);
  assert.equal(toolbarOf(s)?.visible, true, 'the toolbar window is on screen');
  const dialog = s.dialogs[0]!.options as { type: string; message: string; detail: string };
  assert.equal(dialog.type, 'error');
  assert.equal(dialog.message, 'Nexus Toolbar could not start.');
  assert.match(dialog.detail, /safeStorage\.isAsyncEncryptionAvailable failed/);
  assert.equal(s.quit, false, 'waits for the agent to read it');
  await shell.op('answerDialog', 0, 0);
  await shell.until('the app quits (releasing the single-instance lock)', (x) => x.quit);
});

test('a second start while one runs: no window, it quits at once', async (t) => {
  const shell = await launchShell({ platform: 'linux', lockFree: false });
  t.after(() => shell.stop());
  const s = await shell.until('quit', (x) => x.quit && x);
  assert.deepEqual(s.windows, []);
  assert.deepEqual(s.dialogs, [], 'quietly: the running one shows itself');
  assert.deepEqual(await shell.refusals(), []);
});

test('an error nobody caught in the main process goes to the app log', async (t) => {
  const { shell } = await started('linux');
  t.after(() => shell.stop());
  await shell.op('throwUncaught', 'boom-in-main-7c1f');
  const logFile = join(shell.userData, 'logs', 'main.log'); // electron-log's place on Linux
  const deadline = Date.now() + 5000;
  let text = '';
  while (Date.now() < deadline && !text.includes('boom-in-main-7c1f')) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      text = '';
    }
  }
  assert.match(text, /\[error\].*boom-in-main-7c1f/);
});
