// Self-update as an installed Windows app does it, on the stand-in: the built main with a policy
// whose `updates` names the organisation's server (a local one here) reads latest.yml there with
// electron-updater, downloads in the background, and installs only when the agent is off a call
// and not ringing — at logoff or quit. A download whose sha512 or size is not the feed's is
// refused by electron-updater's own check, and nothing is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { Shell } from '../../electron-standin/harness.ts';
import { connectedShell, pushed, ring } from './connected-shell.ts';

const NEXT = '9.9.9';
const SETUP = 'Nexus-Toolbar-Setup-9.9.9.exe';
// Not a program: if anything tried to run it, it could not.
const installer = Buffer.from('not a real installer '.repeat(20_000));
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const latestYml = (hash = sha512(installer), size = installer.length) =>
  `version: ${NEXT}\nfiles:\n  - url: ${SETUP}\n    sha512: ${hash}\n    size: ${size}\npath: ${SETUP}\nsha512: ${hash}\nreleaseDate: '2026-11-25T09:00:00.000Z'\n`;

/** The organisation's update server: what it serves, what it was asked; the feed held back until `open()`. */
function updateServer(t: { after(fn: () => unknown): void }) {
  const asked: string[] = [];
  let feed = latestYml();
  let body: Buffer = installer;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname; // electron-updater adds ?noCache=…
    asked.push(path);
    void gate.then(() => {
      if (path === '/toolbar/latest.yml') res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed);
      else if (path === `/toolbar/${SETUP}`) res.writeHead(200, { 'content-length': body.length }).end(body);
      else res.writeHead(404).end();
    });
  });
  server.listen(0, '127.0.0.1');
  t.after(() => {
    release();
    server.closeAllConnections();
    server.close();
  });
  return {
    asked,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/toolbar/`,
    listening: new Promise((resolve) => server.once('listening', resolve)),
    open: () => release(),
    openAtOnce: () => (gate = Promise.resolve()),
    serve: (next: { feed?: string; body?: Buffer }) => {
      feed = next.feed ?? feed;
      body = next.body ?? body;
    },
  };
}

/** electron-log's file (the updater's lines and ours go there). */
function logText(home: string): string {
  return readdirSync(home, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'main.log')
    .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
    .join('\n');
}

async function logged(shell: Shell, pattern: RegExp, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = logText(shell.home);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} in the log:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function updatingShell(t: Parameters<typeof connectedShell>[0], server: ReturnType<typeof updateServer>, agentOn: boolean) {
  await server.listening;
  return connectedShell(t, 'win32', undefined, agentOn, {
    packaged: true,
    policy: { version: 1, updates: { url: server.url(), channel: 'stable', enabled: true } },
    // What electron-builder writes beside an app built with `publish` (electron-builder.yml).
    appUpdateConfig: { provider: 'generic', url: 'https://updates.invalid/nexus-toolbar/', updaterCacheDirName: 'nexus-toolbar-updater' },
  });
}

test('Windows: the policy\'s server is asked; a download waits out the call and is installed at logoff', async (t) => {
  const server = updateServer(t);
  const { shell, sim, toolbar } = await updatingShell(t, server, true);
  const { c1 } = ring(sim);
  await shell.until('ringing', (x) => Object.keys(pushed(x)?.core.calls ?? {}).length > 0);
  server.open();
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  assert.ok(server.asked.includes('/toolbar/latest.yml'), `the policy's address was used: ${server.asked.join(', ')}`);
  assert.ok(server.asked.includes(`/toolbar/${SETUP}`));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const during = await shell.snapshot();
  assert.deepEqual(during.updaterEvents, [], 'nothing installed while the call rings');
  assert.equal(during.quit, false);

  sim.hangup(c1);
  await shell.until('the call gone', (x) => Object.keys(pushed(x)?.core.calls ?? {}).length === 0);
  await shell.op('invoke', toolbar, commandChannel('logoff'), { reason: 0 });
  await shell.until('installed and quitting', (x) => x.updaterEvents.includes('before-quit-for-update'));
  const text = await logged(shell, /isForceRunAfter: true/, 'the install');
  assert.match(text, new RegExp(`installing update ${NEXT} \\(logged-off\\)`));
  assert.match(text, /Install: isSilent: true, isForceRunAfter: true/, 'a silent install, and the toolbar back after it');
  assert.deepEqual(await shell.refusals(), []);
});

test('Windows: a downloaded update waits while the agent is Ready, and goes in when the app quits (not started again)', async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  const { shell, toolbar } = await updatingShell(t, server, true);
  await shell.op('invoke', toolbar, commandChannel('ready'), {});
  await shell.until('Ready', (x) => pushed(x)?.core.agent.state === 'ready');
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual((await shell.snapshot()).updaterEvents, [], 'not while Ready');

  await shell.op('close', toolbar);
  await shell.until('installed', (x) => x.updaterEvents.includes('before-quit-for-update'));
  const text = await logged(shell, /isForceRunAfter: false/, 'the install at quit');
  assert.match(text, new RegExp(`installing update ${NEXT} \\(quit\\)`));
});

for (const [fault, serve] of [
  ['a sha512 that is not the file\'s', { feed: latestYml(sha512(Buffer.from('another file'))) }],
  ['a truncated file', { body: installer.subarray(0, 100_000) }],
] as const) {
  test(`Windows: ${fault} is refused by electron-updater; nothing is installed, even at quit`, async (t) => {
    const server = updateServer(t);
    server.serve(serve);
    server.openAtOnce();
    const { shell, toolbar } = await updatingShell(t, server, false);
    const text = await logged(shell, new RegExp(`update ${NEXT} download failed \\(1 in a row`), 'the refused download');
    assert.match(text, /sha512 checksum mismatch|size/i);
    await shell.op('close', toolbar);
    const s = await shell.until('quit', (x) => x.quit && x);
    assert.deepEqual(s.updaterEvents, [], 'no installer run');
    assert.doesNotMatch(logText(shell.home), /installing update/);
    const pending = join(shell.home, 'LocalAppData', 'nexus-toolbar-updater', 'pending');
    assert.ok(!existsSync(join(pending, SETUP)), 'the refused file is not kept for install');
  });
}
