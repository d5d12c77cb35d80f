// The built shell on the stand-in, connected to the real simulator: what an agent sees of a call
// outside the toolbar (notifications, screen pops, the tray) and what the server hears when the
// app, the toolbar or the computer goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import { root, toolbarOf } from '../../electron-standin/harness.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { connectedShell, crmPop, pushed, ring } from './connected-shell.ts';

const appId = (parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { appId: string }).appId;

test("an incoming call's notification: held until clicked (a click after garbage collection still works), attributed to the app on Windows", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32');
  await shell.op('minimize', toolbar);
  ring(sim);
  const s = await shell.until('a notification', (x) => x.shownNotifications.length === 1 && x);
  assert.match(s.shownNotifications[0]!.title, /Incoming call: 01055512345/);
  const { notifications } = await shell.op('gc');
  assert.deepEqual(notifications, [true], 'still alive after garbage collection');
  assert.equal(await shell.op('clickNotification', 0), true, 'the click reaches the app');
  const after = await shell.snapshot();
  assert.equal(toolbarOf(after)?.visible, true, 'a click brings the toolbar back');
  assert.equal(await shell.op('focusedWindow'), toolbar);
  assert.equal(s.shownNotifications[0]!.appId, appId, 'the toast names the installed app (AppUserModelID)');
});

test('a notification is closed when its call stops ringing (no stale "incoming call" toasts pile up)', async (t) => {
  const { shell, sim } = await connectedShell(t, 'linux');
  const first = ring(sim, '01011112222');
  await shell.until('the first toast', (x) => x.shownNotifications.length === 1);
  sim.hangup(first.c1);
  await shell.until('the first toast closed by the app', (x) => x.shownNotifications[0]!.closedByApp);
  ring(sim, '01033334444');
  const s = await shell.until('the second toast', (x) => x.shownNotifications.length === 2 && x);
  assert.equal(s.shownNotifications[1]!.closedByApp, false, 'a call still ringing keeps its toast');
});

test("Windows: a toast that timed out into the Action Center stays the app's: its click still reaches the app, and it goes when the call stops ringing", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32');
  await shell.op('minimize', toolbar);
  const first = ring(sim, '01011112222');
  await shell.until('the first toast', (x) => x.shownNotifications.length === 1);
  await shell.op('notificationTimesOut', 0);
  await shell.op('gc');
  sim.hangup(first.c1);
  await shell.until('the timed-out toast taken out of the Action Center', (x) => x.shownNotifications[0]!.closedByApp);
  ring(sim, '01033334444');
  await shell.until('the second toast', (x) => x.shownNotifications.length === 2);
  await shell.op('notificationTimesOut', 1);
  const { notifications } = await shell.op('gc');
  assert.equal(notifications[1], true, 'still held after its close by timeout');
  assert.equal(await shell.op('clickNotification', 1), true, 'a click from the Action Center reaches the app');
  assert.equal(toolbarOf(await shell.snapshot())?.visible, true, 'and brings the toolbar back');
});

test('a call that rings and hangs up within one state push: its toast is closed all the same (every time)', async (t) => {
  const { shell, sim } = await connectedShell(t, 'linux');
  // Notifications are limited to 5 in any 10 s: 5 rounds of ring → hang up in the same instant.
  for (let round = 0; round < 5; round++) {
    const call = ring(sim, `0105555000${round}`);
    sim.hangup(call.c1);
    await shell.until(`toast ${round + 1}`, (x) => x.shownNotifications.length === round + 1);
  }
  const s = await shell.until('every toast closed', (x) => x.shownNotifications.every((n) => n.closedByApp) && x, 3000);
  assert.equal(s.shownNotifications.length, 5);
});

test('a screen pop window has its own navigation policy: a CRM may redirect, sign on and follow links; the toolbar stays on app://', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'linux', crmPop);
  ring(sim, '01077778888');
  const s = await shell.until('the screen pop window', (x) => x.windows.find((w) => w.id !== toolbar) ?? false);
  assert.equal(s.url, 'https://crm.example.com/search?ani=01077778888');
  const prefs = s.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.preload, undefined, 'no preload in a CRM page');
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(
    await shell.op('navigate', s.id, 'https://sso.example.com/login?next=%2Fsearch', 'redirect'),
    true,
    '302 to single sign-on',
  );
  assert.equal(
    await shell.op('navigate', s.id, 'https://crm.example.com/contact/42', 'link'),
    true,
    'a link or a form post',
  );
  assert.equal(await shell.op('navigate', s.id, 'file:///etc/passwd', 'link'), false);
  assert.equal(
    await shell.op('navigate', s.id, 'app://toolbar/index.html', 'link'),
    false,
    "never into the app's own pages",
  );
  await shell.op('userInput', s.id, 'click');
  assert.equal(
    await shell.op('windowOpen', s.id, 'https://crm.example.com/popup'),
    'deny',
    "new windows go to the system browser (on the agent's click: shell-crm-window.test.ts)",
  );
  assert.deepEqual((await shell.snapshot()).opened, ['https://crm.example.com/popup']);
  assert.equal(
    await shell.op('navigate', toolbar, 'https://crm.example.com/', 'link'),
    false,
    'the toolbar itself stays on app://',
  );
  assert.equal(await shell.op('navigate', toolbar, 'https://crm.example.com/', 'redirect'), false);
  assert.deepEqual(
    (await shell.snapshot()).preloadScripts,
    [],
    'nothing is injected into the CRM page through the session',
  );
});

test('closing the toolbar while a screen pop is open quits the app: the pop closes and the server hears goodbye', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32', crmPop);
  ring(sim);
  await shell.until('the screen pop window', (x) => x.windows.length === 2);
  await shell.op('close', toolbar);
  const s = await shell.until('the app quit', (x) => x.quit && x);
  assert.deepEqual(s.windows, [], 'no window left behind');
  assert.deepEqual(
    sim.state().sessions.filter((x) => x.loggedIn),
    [],
    'logged out of the server',
  );
});

test('the tray\'s "Show toolbar" brings a minimized toolbar back and focuses it', async (t) => {
  const { shell, toolbar } = await connectedShell(t, 'darwin');
  await shell.op('minimize', toolbar);
  assert.equal(toolbarOf(await shell.snapshot())?.visible, false);
  await shell.op('trayMenu', ['Show toolbar']);
  assert.equal(toolbarOf(await shell.snapshot())?.visible, true);
  assert.equal(await shell.op('focusedWindow'), toolbar);
});

test('the tray menu is rebuilt only when a label or an enabled state changes (a ring changes only the icon)', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'linux');
  const builds = async () => (await shell.snapshot()).trays[0]!.menuBuilds;
  const before = await builds();
  const call = ring(sim);
  await shell.until('the ringing icon', (x) => (x.trays[0]!.image as { file: string }).file === 'tray-ringing.png');
  assert.equal(await builds(), before, 'an open tray menu is not closed by a ring');
  sim.hangup(call.c1);
  await shell.until('the icon back', (x) => (x.trays[0]!.image as { file: string }).file !== 'tray-ringing.png');
  await new Promise((resolve) => setTimeout(resolve, 300)); // latency and queue figures tick meanwhile
  assert.equal(await builds(), before);
  await shell.op('invoke', toolbar, commandChannel('logon'), {});
  await shell.until('the agent logged on', (x) => pushed(x)?.core.agent.state === 'notReady');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = (await shell.snapshot()).trays[0]!;
  assert.equal(after.menuBuilds, before + 1, 'one rebuild for one change of the enabled states');
  assert.deepEqual(
    (after.menu as { enabled: boolean }[]).slice(0, 4).map((i) => i.enabled),
    [true, true, true, true],
  );
});

test('Windows: shutdown or sign-out (no before-quit there) says the same goodbye as a quit, logging the agent off when set', async (t) => {
  const { shell, sim } = await connectedShell(t, 'win32', (s) => (s.desktop.logoffOnQuit = true), true);
  assert.equal(sim.state().sessions.filter((x) => x.loggedIn).length, 1);
  // Windows ends the process right after `session-end` (the stand-in does too): the goodbye must
  // start at `query-session-end`, holding the end back until it is said.
  const { delayed } = await shell.op('endSession');
  assert.equal(delayed, true, 'the end of the session waits for the goodbye');
  await waitFor(() => sim.state().sessions.every((x) => !x.loggedIn), 8000, 'the goodbye reached the server');
  assert.deepEqual(
    sim.state().agents.map((a) => a.agentId),
    [],
    'the agent is logged off, not left Ready on the switch',
  );
});

for (const platform of ['linux', 'darwin'] as const) {
  test(`${platform}: a system shutdown is held back until the goodbye is said, then the app quits`, async (t) => {
    const { shell, sim } = await connectedShell(t, platform, undefined, true);
    const { delayed } = await shell.op('endSession');
    assert.equal(delayed, true, 'the shutdown waits for the app');
    await shell.until('the app quit', (x) => x.quit);
    assert.deepEqual(
      sim.state().sessions.filter((x) => x.loggedIn),
      [],
    );
  });
}

test('the computer sleeps and wakes: the shell tells the core, which drops the link and comes back at once', async (t) => {
  const { shell, sim } = await connectedShell(t, 'win32');
  await shell.op('power', 'suspend');
  await shell.until('the link closed for sleep', () => sim.state().sessions.length === 0);
  await shell.op('power', 'resume');
  await shell.until(
    'connected again',
    (x) => sim.state().sessions.some((s) => s.loggedIn) && pushed(x)?.core.connection.status === 'connected',
  );
});

test("a queue reaching its alert threshold: one desktop notification, in the agent's language, whose click brings the toolbar back (issue 27 item 10)", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(
    t,
    'win32',
    (s) => {
      s.ui.language = 'ko';
      s.queueAlerts = { notify: true, thresholds: [{ queue: '401', waiting: 2, longestWaitSeconds: 0 }] };
    },
    true,
  );
  await shell.op('minimize', toolbar);
  for (const from of ['01011110001', '01011110002', '01011110003']) sim.inbound({ from, to: '401' });
  const s = await shell.until('three waiting', (x) => pushed(x)?.core.queues['401']?.waiting === 3 && x);
  assert.deepEqual(pushed(s)?.queueAlerts, { '401': ['waiting'] });
  assert.deepEqual(
    s.shownNotifications.map((n) => [n.title, n.body]),
    [['대기열 401: 대기 통화 2건', '설정한 알림 기준에 도달했습니다.']],
    'once, at the crossing: not again at the third caller',
  );
  await shell.op('gc');
  assert.equal(await shell.op('clickNotification', 0), true, 'the click reaches the app after garbage collection');
  assert.equal(toolbarOf(await shell.snapshot())?.visible, true, 'a click brings the toolbar back');
});
