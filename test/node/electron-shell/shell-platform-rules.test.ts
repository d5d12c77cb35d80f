// Issue 29, through the built shell on the stand-in: what real Electron 45 does on Windows, macOS
// and Linux that a lenient stand-in would let pass (permission requests, <webview>, the end of a
// Windows session, HTTP authentication in a CRM window, a user-data folder that cannot be written,
// debugging switches in an installed app) and the paths no test went down before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import { startSimulator, type Simulator } from '../../../src-main/node/simulator/index.ts';
import { launchShell, toolbarOf, type Shell } from '../../electron-standin/harness.ts';
import { connectedShell, crmPop, pushed, ring } from './connected-shell.ts';

/** A call rings and its screen pop opens in the app's own window (crmPop): that window's id. */
async function crmWindow(shell: Shell, sim: Simulator, toolbar: number): Promise<number> {
  ring(sim, '01077778888');
  return shell.until(
    'the screen pop window',
    (x) => x.windows.find((w) => w.id !== toolbar && w.url.startsWith('https://crm.example.com/'))?.id,
  );
}

test('a CRM page (and the toolbar) gets no camera, microphone, notifications, clipboard or location, and no <webview>', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32', crmPop);
  const pop = await crmWindow(shell, sim, toolbar);
  for (const win of [pop, toolbar]) {
    const asks: [string, Record<string, unknown>?][] = [
      ['media', { mediaTypes: ['video', 'audio'] }],
      ['notifications'],
      ['clipboard-read'],
      ['geolocation'],
    ];
    for (const [permission, details] of asks) {
      assert.equal(await shell.op('pagePermission', win, permission, details), false, `${permission} in window ${win}`);
    }
    assert.equal(await shell.op('attachWebview', win, 'https://evil.example.com/'), false, `no <webview> in ${win}`);
  }
});

test("the toolbar page passes the audio-output checks (the ring's output, issue 27 item 9); a CRM window passes none", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'linux', crmPop);
  const pop = await crmWindow(shell, sim, toolbar);
  const checks: [string, Record<string, unknown>][] = [
    ['media', { mediaType: 'audio' }],
    ['speaker-selection', {}],
  ];
  for (const [permission, details] of checks) {
    assert.equal(await shell.op('pagePermission', toolbar, permission, details), true, `${permission} in the toolbar`);
    assert.equal(await shell.op('pagePermission', pop, permission, details), false, `${permission} in the CRM window`);
  }
  // Neither the camera's check nor one from an iframe of the toolbar's page.
  assert.equal(await shell.op('pagePermission', toolbar, 'media', { mediaType: 'video' }), false);
  assert.equal(await shell.op('pagePermission', toolbar, 'media', { mediaType: 'audio', isMainFrame: false }), false);
});

test("the window's place cannot be read or written in the user-data folder: the toolbar shows all the same, and the agent is told", async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'standin-linux-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, 'userData', 'window-state.json'), { recursive: true }); // unreadable and unwritable as a file
  const shell = await launchShell({ platform: 'linux', home });
  t.after(() => shell.stop());
  const s = await shell.until(
    'the toolbar shown with its page',
    (x) => toolbarOf(x)?.visible && toolbarOf(x)?.url === 'app://toolbar/index.html' && pushed(x) && x,
  );
  assert.deepEqual(s.dialogs, [], 'no "could not start" dialog');
  await shell.until('the agent told', (x) => /cannot be saved/.test(pushed(x)?.notice?.message.en ?? ''));
  await shell.op('drag', toolbarOf(s)!.id, 5);
  await new Promise((resolve) => setTimeout(resolve, 600)); // past the save delay: the write fails again, quietly
  assert.deepEqual((await shell.snapshot()).mainErrors, []);
});

for (const [platform, args] of [
  ['linux', ['--remote-debugging-port=9222']],
  ['win32', ['/Remote-Debugging-Port=9222', '--inspect-brk=0']],
  ['darwin', ['--inspect=9229']],
] as const) {
  test(`${platform}: an installed app started with ${args.join(' ')} refuses to start, opening no debugging port`, async (t) => {
    const shell = await launchShell({ platform, packaged: true, argv: [...args] });
    t.after(() => shell.stop());
    const s = await shell.until('the refusal', (x) => x.ready && x.dialogs.length === 1 && x);
    assert.match(String((s.dialogs[0]!.options as { detail: string }).detail), /debugging switches/);
    assert.deepEqual(s.windows, [], 'no toolbar, no page to debug');
    assert.equal(await shell.op('remoteDebugging'), null, "Chromium's debugging port stays closed");
    await shell.op('answerDialog', 0, 0);
    await shell.until('the app gone', (x) => x.quit && x.exitCode === 1);
  });
}

test('a development run keeps --remote-debugging-port (a developer attaching DevTools)', async (t) => {
  const shell = await launchShell({ platform: 'linux', argv: ['--remote-debugging-port=9222'] });
  t.after(() => shell.stop());
  await shell.until('the toolbar', (x) => toolbarOf(x)?.visible);
  assert.equal(await shell.op('remoteDebugging'), 'remote-debugging-port=9222');
});

test('the single-instance lock fails because the user-data folder cannot be written: the agent is told why, not a silent quit', async (t) => {
  const shell = await launchShell({ platform: 'linux', userDataUnwritable: true });
  t.after(() => shell.stop());
  const s = await shell.until('the message', (x) => x.ready && x.dialogs.length === 1 && x);
  const { detail } = s.dialogs[0]!.options as { detail: string };
  assert.match(detail, /cannot be written/);
  assert.ok(detail.includes(shell.userData), 'names the folder');
  assert.deepEqual(s.windows, []);
  await shell.op('answerDialog', 0, 0);
  await shell.until('the app quit', (x) => x.quit);
});

// --- paths no test went down before (issue 29 item 9) ---------------------------------------

test('the Not ready menu and every panel grow the window downwards to fit it, and it shrinks back', async (t) => {
  const { shell, toolbar } = await connectedShell(t, 'linux');
  const height = async () => toolbarOf(await shell.snapshot())!.bounds.height;
  const top = toolbarOf(await shell.snapshot())!.bounds.y;
  await shell.op('invoke', toolbar, commandChannel('setPanel'), { panel: 'compact', height: 312 });
  assert.equal(await height(), 312, 'the reasons menu fits');
  assert.equal(toolbarOf(await shell.snapshot())!.bounds.y, top, 'downwards: the bar stays where it is');
  await shell.op('invoke', toolbar, commandChannel('setPanel'), { panel: 'settings', height: 900 });
  assert.equal(await height(), 900, 'the tallest panel');
  await shell.op('invoke', toolbar, commandChannel('setPanel'), { panel: 'compact', height: 64 });
  assert.equal(await height(), 64, 'back to the bar');
});

test("the system browser opens for a CRM page's window.open up to about 1 s after the agent's click, not 1.3 s after", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'linux', crmPop);
  const pop = await crmWindow(shell, sim, toolbar);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await shell.op('userInput', pop, 'click');
  await sleep(700);
  await shell.op('windowOpen', pop, 'https://crm.example.com/a');
  await shell.op('userInput', pop, 'click');
  await sleep(1300);
  await shell.op('windowOpen', pop, 'https://crm.example.com/b');
  assert.deepEqual((await shell.snapshot()).opened, ['https://crm.example.com/a']);
});

test('the screen is unlocked (Windows, macOS): a link that died meanwhile is found out at once and dropped, not at the next heartbeat', async (t) => {
  const { shell, sim } = await connectedShell(t, 'win32');
  await sim.fault({ kind: 'silence', ms: 60_000, endpoint: 0 });
  await shell.op('power', 'unlock-screen');
  await shell.until('the dead link dropped', (x) => pushed(x)?.core.connection.status !== 'connected', 3000);
});

test('a tel: link the app was started with (before its core was ready) is offered once the toolbar is up', async (t) => {
  const sim = await startSimulator({ port: 0 });
  const shell = await launchShell({
    platform: 'win32',
    password: 'cube123',
    argv: ['tel:+82-2-555-0100'],
    settings: (s) => (s.server.endpoints = [sim.endpoints[0]!]),
  });
  t.after(async () => {
    await shell.stop();
    await sim.stop();
  });
  const offered = await shell.until('the link offered', (x) => pushed(x)?.pendingDial);
  assert.deepEqual(offered, { number: '025550100' }, 'the number, as dialled from Korea');
});

test('a CRM behind HTTP authentication: a small sign-in prompt over the CRM window; what the agent types goes to the page once and is kept nowhere', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32', crmPop);
  const pop = await crmWindow(shell, sim, toolbar);
  const info = { host: 'crm.example.com', port: 443, realm: 'CRM <b>Intranet</b>', scheme: 'ntlm' };
  const signedIn = shell.op('httpAuth', pop, info);
  const prompt = await shell.until('the prompt', (x) => x.windows.find((w) => w.url.startsWith('data:text/html')));
  assert.equal(prompt.visible, true);
  assert.equal(prompt.options.parent !== undefined && prompt.options.modal, true, 'modal over the CRM window');
  const page = decodeURIComponent(prompt.url);
  assert.match(page, /crm\.example\.com asks you to sign in/);
  assert.match(page, /CRM &lt;b&gt;Intranet&lt;\/b&gt;/, "the server's realm shown as text, never as markup");
  assert.equal((prompt.options.webPreferences as { sandbox?: boolean }).sandbox, true);
  await shell.op('submitForm', prompt.id, { username: 'agent7', password: 'S3cret-pw!' }, 'Sign in');
  assert.deepEqual(await signedIn, { username: 'agent7', password: 'S3cret-pw!' });
  const after = await shell.until('the prompt gone', (x) => !x.windows.some((w) => w.id === prompt.id) && x);
  assert.equal(after.windows.length, 2);
  for (const file of readdirSync(shell.home, { recursive: true, withFileTypes: true }))
    if (file.isFile())
      assert.doesNotMatch(readFileSync(join(file.parentPath, file.name), 'latin1'), /S3cret-pw!/, file.name);

  const cancelled = shell.op('httpAuth', pop, info);
  const second = await shell.until('the prompt again', (x) => x.windows.find((w) => w.url.startsWith('data:')));
  await shell.op('submitForm', second.id, {}, 'Cancel');
  assert.equal(await cancelled, 'cancelled', 'Cancel: the page shows its own 401');
  const closed = shell.op('httpAuth', pop, info);
  const third = await shell.until('the prompt a third time', (x) => x.windows.find((w) => w.url.startsWith('data:')));
  await shell.op('close', third.id);
  assert.equal(await closed, 'cancelled', 'closing the prompt cancels too');
});

test('the toolbar itself never prompts for a sign-in', async (t) => {
  const { shell, toolbar } = await connectedShell(t, 'linux');
  assert.equal(await shell.op('httpAuth', toolbar, { host: 'evil.example.com' }), 'cancelled');
  assert.equal((await shell.snapshot()).windows.length, 1);
});

test('Linux without a keyring (basic_text): the agent is told, the password is kept only on their word; safeStorage is used through its asynchronous calls', async (t) => {
  const shell = await launchShell({ platform: 'linux', env: { STANDIN_NO_KEYRING: '1' } });
  t.after(() => shell.stop());
  const s = await shell.until('the toolbar', (x) => toolbarOf(x)?.url === 'app://toolbar/index.html' && pushed(x) && x);
  const toolbar = toolbarOf(s)!.id;
  const view = pushed(s)!.settings;
  assert.equal(view.secretStorage, 'basic_text');
  assert.equal(view.secretStorageInsecure, true, 'the settings say the password would only be obfuscated');
  const credentials = join(shell.userData, 'credentials.bin');
  const refused = await shell.op('invoke', toolbar, commandChannel('setPassword'), { password: 'pw-1234' });
  assert.equal((refused as { reason?: string }).reason, 'insecure-storage', 'asked first');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(existsSync(credentials), false, 'nothing kept without the agent agreeing');
  const kept = await shell.op('invoke', toolbar, commandChannel('setPassword'), {
    password: 'pw-1234',
    allowInsecure: true,
  });
  assert.equal((kept as { ok: boolean }).ok, true);
  await shell.until('the password kept', () => existsSync(credentials));
  assert.deepEqual(
    (await shell.refusals()).filter((e) => e.api.startsWith('safeStorage.')),
    [],
    'no deprecated synchronous safeStorage call',
  );
});

test("the toolbar page's scripts and stylesheets come through the app:// handler too, each with a type Chromium uses", async (t) => {
  const shell = await launchShell({ platform: 'darwin' });
  t.after(() => shell.stop());
  const s = await shell.until('the toolbar page', (x) => toolbarOf(x)?.url === 'app://toolbar/index.html' && x);
  const loads = await shell.op('subresources', toolbarOf(s)!.id);
  assert.ok(
    loads.some((l) => l.kind === 'module script') && loads.some((l) => l.kind === 'stylesheet'),
    JSON.stringify(loads),
  );
  assert.deepEqual(
    loads.filter((l) => !l.used),
    [],
    'every one used',
  );
});
