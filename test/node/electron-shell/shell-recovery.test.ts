// Issue 11, "Renderer crashes and hangs", through the built shell on the stand-in: a toolbar page
// whose renderer crashed is loaded again, one that hangs is ended and loaded again, each with the
// state from main; at most 3 a minute, then a plain dialog (load again, or quit) while the tray and
// the core go on. Errors in the main process are logged and leave the app (and its tray) working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUSH_CHANNELS, commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { launchShell, toolbarOf, type LaunchOptions, type Shell } from '../../electron-standin/harness.ts';
import type { Snapshot } from '../../electron-standin/control.ts';
import { pushed } from './connected-shell.ts';

/** What the agent gets (README: "At most 3 a minute"), not the constant the code uses. */
const RELOADS_PER_MINUTE = 3;

const page = (s: Snapshot) => toolbarOf(s)!;

/** The shell in demo mode, its toolbar page loaded once and the core connected. */
async function running(
  t: { after(fn: () => unknown): void },
  options: LaunchOptions,
): Promise<{ shell: Shell; toolbar: number }> {
  const shell = await launchShell(options);
  t.after(() => shell.stop());
  const s = await shell.until(
    'the toolbar connected',
    (x) => toolbarOf(x)?.visible && pushed(x)?.core.connection.status === 'connected' && x,
  );
  return { shell, toolbar: toolbarOf(s)!.id };
}

const loadedTimes = (shell: Shell, n: number) =>
  shell.until(
    `the toolbar page loaded ${n} times`,
    (x) => page(x).loads === n && !page(x).crashed && !page(x).hung && page(x).url === 'app://toolbar/index.html' && x,
  );
const logOn = async (shell: Shell, toolbar: number) => {
  await shell.op('invoke', toolbar, commandChannel('logon'), {});
  await shell.until('the agent logged on', (x) => pushed(x)?.core.agent.state === 'notReady');
};
/** The tray's "Ready" acts on the core, and its icon follows. */
const trayFollows = async (shell: Shell) => {
  await shell.op('trayMenu', ['Ready']);
  await shell.until(
    'the tray icon follows the state',
    (x) => (x.trays[0]!.image as { file: string }).file === 'tray-ready.png',
  );
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** The log file electron-log writes (its folder differs by OS). */
function logText(home: string): string {
  const files = readdirSync(home, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name === 'main.log',
  );
  return files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
}

test('a toolbar page whose renderer crashed is loaded again and shows the same state, from main', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'win32' });
  await logOn(shell, toolbar);
  assert.equal(page(await shell.snapshot()).loads, 1);
  await shell.op('rendererGone', toolbar, 'crashed', 139);
  const after = await loadedTimes(shell, 2);
  assert.equal(toolbarOf(after)!.id, toolbar, 'the same window: its place, size and always-on-top stay');
  // What the new page's preload asks first (getState) answers what the old page showed.
  const state = (await shell.op('invoke', toolbar, commandChannel('getState'), {})) as AppState;
  assert.equal(state.core.agent.state, 'notReady');
  assert.equal(state.core.connection.status, 'connected', 'the core never noticed: the link stayed up');
  const pushes = page(after).sent[PUSH_CHANNELS.state]?.count ?? 0;
  await shell.op('invoke', toolbar, commandChannel('ready'), {});
  await shell.until(
    'state pushes reach the new page',
    (x) => (page(x).sent[PUSH_CHANNELS.state]?.count ?? 0) > pushes && pushed(x)?.core.agent.state === 'ready',
  );
  assert.deepEqual(await shell.refusals(), []);
});

test('a hung toolbar page is ended first, then loaded again (a reload alone would hang with it), once', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux' });
  await shell.op('hang', toolbar);
  await loadedTimes(shell, 2);
  const journal = await shell.journal();
  const crash = journal.findLast((e) => e.api === 'webContents.forcefullyCrashRenderer');
  const load = journal.findLast((e) => e.api === 'webContents.loadURL');
  assert.ok(crash && load && crash.seq < load.seq, 'forcefullyCrashRenderer, then the load');
  await settle();
  assert.equal(page(await shell.snapshot()).loads, 2, 'the end of the process it ended itself is no new failure');
  assert.deepEqual((await shell.snapshot()).dialogs, []);
});

test(`at most ${RELOADS_PER_MINUTE} reloads a minute, then a plain dialog while the tray goes on: "load again" starts over, "quit" quits`, async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'darwin' });
  await logOn(shell, toolbar);
  for (let n = 1; n <= RELOADS_PER_MINUTE; n++) {
    await shell.op('rendererGone', toolbar, 'oom', 0);
    await loadedTimes(shell, n + 1);
  }
  await shell.op('rendererGone', toolbar, 'crashed', 139);
  const s = await shell.until('the dialog', (x) => x.dialogs.length === 1 && x);
  const dialog = s.dialogs[0]!.options as { type: string; message: string; buttons: string[] };
  assert.equal(dialog.type, 'error');
  assert.equal(dialog.message, 'The toolbar keeps stopping.');
  assert.deepEqual(dialog.buttons, ['Load the toolbar again', 'Quit']);
  assert.equal(page(s).loads, RELOADS_PER_MINUTE + 1, 'no fourth reload within the minute');
  assert.equal(s.trays.length, 1);
  assert.equal(s.trays[0]?.destroyed, false, 'the tray is still there, and still acts:');
  await trayFollows(shell);

  await shell.op('answerDialog', 0, 0);
  await loadedTimes(shell, RELOADS_PER_MINUTE + 2);
  for (let n = 1; n <= RELOADS_PER_MINUTE; n++) {
    await shell.op('rendererGone', toolbar, 'crashed', 139);
    await loadedTimes(shell, RELOADS_PER_MINUTE + 2 + n);
  }
  await shell.op('rendererGone', toolbar, 'crashed', 139);
  await shell.until('the dialog again', (x) => x.dialogs.length === 2);
  await shell.op('answerDialog', 1, 1);
  await shell.until('the app quit', (x) => x.quit);
});

test('a development run with DevTools open: a page paused in the debugger is left alone', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux' });
  assert.equal((await shell.op('pressKeys', toolbar, 'Ctrl+Shift+I')).devToolsOpened, true);
  await shell.op('hang', toolbar);
  await settle();
  const s = await shell.snapshot();
  assert.equal(page(s).loads, 1);
  assert.equal(page(s).hung, true);
});

test('an error nobody caught in main is logged, and the app goes on: the tray still acts and follows the state', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux' });
  await shell.op('throwUncaught', 'boom-in-main-4e2a');
  await shell.until('logged', () => /boom-in-main-4e2a/.test(logText(shell.home)));
  await shell.op('minimize', toolbar);
  await shell.op('trayMenu', ['Show toolbar']);
  assert.equal(page(await shell.snapshot()).visible, true);
  await logOn(shell, toolbar);
  await trayFollows(shell);
});

test('the core fails in main (an error nobody caught): the toolbar is told it stopped, and Restart relaunches the app', async (t) => {
  const { shell, toolbar } = await running(t, { platform: 'linux' });
  const restart = () => shell.op('invoke', toolbar, commandChannel('restartApp'), {});
  const relaunched = async () => (await shell.journal()).filter((e) => e.api === 'app.relaunch').length;
  assert.deepEqual(await restart(), { ok: false }, 'no restart while the core runs');
  assert.equal(await relaunched(), 0);
  assert.equal(page(await shell.snapshot()).sent[PUSH_CHANNELS.stopped], undefined);

  await shell.op('throwUncaught', 'boom-in-core-9b3d');
  await shell.until('the toolbar told the core stopped', (x) => page(x).sent[PUSH_CHANNELS.stopped]?.count === 1);
  await shell.until('logged as the core failing', () =>
    /the app core failed \(an error nobody caught\)[^\n]*boom-in-core-9b3d/.test(logText(shell.home)),
  );
  // A page loaded again after the failure (its renderer crashed) is told again, after its state.
  await shell.op('rendererGone', toolbar, 'crashed', 139);
  await loadedTimes(shell, 2);
  await shell.op('invoke', toolbar, commandChannel('getState'), {});
  await shell.until('told again', (x) => page(x).sent[PUSH_CHANNELS.stopped]?.count === 2);

  assert.deepEqual(await restart(), { ok: true });
  const s = await shell.until('the app exits', (x) => x.quit && x);
  assert.equal(await relaunched(), 1, 'app.relaunch, then app.exit');
  assert.equal(s.exitCode, 0);
});

test('a shell listener that fails (the OS refusing the login item) is logged; the app starts and the tray follows the state', async (t) => {
  const { shell, toolbar } = await running(t, {
    platform: 'win32',
    packaged: true,
    faults: ['app.setLoginItemSettings'],
    settings: (s) => (s.desktop.startAtLogin = true),
  });
  await shell.until('logged', () =>
    /start at login failed[\s\S]*app\.setLoginItemSettings failed/.test(logText(shell.home)),
  );
  const s = await shell.snapshot();
  assert.deepEqual(s.dialogs, [], 'not "could not start"');
  assert.equal(s.quit, false);
  await logOn(shell, toolbar);
  await trayFollows(shell);
});
