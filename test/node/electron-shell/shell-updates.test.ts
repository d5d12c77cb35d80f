// Self-update as an installed Windows app does it, on the stand-in: the built main with a policy
// whose `updates` names the organisation's server (a local one here) reads latest.yml there with
// electron-updater, downloads in the background, and installs only when the agent is connected,
// off a call and not ringing — at logoff or quit. A download whose sha512 is not the feed's is
// refused by electron-updater's own check, and nothing is installed. An MSI install is not
// updated by the app at all (IT's deployment does it), nor a Windows build that names no publisher
// to check installers' signatures against, nor (installed) from a plain-http server. The server is
// https with the test certificate (test/node/fixtures/tls), trusted as a company CA would be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import { launchShell, type LaunchOptions, type Shell } from '../../electron-standin/harness.ts';
import { connectedShell, pushed, ring } from './connected-shell.ts';

const NEXT = '9.9.9';
const SETUP = 'Nexus-Toolbar-Setup-9.9.9.exe';
// Not a program: if anything tried to run it, it could not.
const installer = Buffer.from('not a real installer '.repeat(20_000));
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const feedYml = (o: { version?: string; hash?: string; size?: number; extra?: string } = {}) => {
  const version = o.version ?? NEXT;
  const file = `Nexus-Toolbar-Setup-${version}.exe`;
  const hash = o.hash ?? sha512(installer);
  return `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${hash}\n    size: ${o.size ?? installer.length}\npath: ${file}\nsha512: ${hash}\nreleaseDate: '2026-11-25T09:00:00.000Z'\n${o.extra ?? ''}`;
};

const TLS = join(import.meta.dirname, '..', 'fixtures', 'tls');
/** The child trusts the test certificate as a machine trusts its company's CA. */
const TRUST_TEST_CA = { NODE_EXTRA_CA_CERTS: join(TLS, 'cert.pem') };

/** The organisation's update server: what it serves, what it was asked; the feed held back until `open()`. */
function updateServer(t: { after(fn: () => unknown): void }, scheme: 'https' | 'http' = 'https') {
  const asked: string[] = [];
  const feeds: Record<string, string> = { latest: feedYml() };
  let body: Buffer = installer;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const tls = { key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) };
  const server = (scheme === 'https' ? createHttpsServer.bind(null, tls) : createServer)((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname; // electron-updater adds ?noCache=…
    asked.push(path);
    void gate.then(() => {
      const feed = /^\/toolbar\/(\w+)\.yml$/.exec(path)?.[1];
      if (feed && feeds[feed] !== undefined) res.writeHead(200, { 'content-type': 'text/yaml' }).end(feeds[feed]);
      else if (path.startsWith('/toolbar/Nexus-Toolbar-Setup-'))
        res.writeHead(200, { 'content-length': body.length }).end(body);
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
    url: () => `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/toolbar/`,
    listening: new Promise((resolve) => server.once('listening', resolve)),
    open: () => release(),
    openAtOnce: () => (gate = Promise.resolve()),
    serve: (next: { feed?: string; beta?: string; body?: Buffer }) => {
      feeds.latest = next.feed ?? feeds.latest!;
      if (next.beta !== undefined) feeds.beta = next.beta;
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

async function logged(shell: Shell, pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = logText(shell.home);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} in the log:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Updates = { url?: string; channel?: string; enabled?: boolean };
const policyOf = (server: ReturnType<typeof updateServer>, updates: Updates = {}) => ({
  version: 1,
  updates: { url: server.url(), channel: 'stable', enabled: true, ...updates },
});
/** What electron-builder writes beside an app built with `publish` (electron-builder.yml). */
const APP_UPDATE_CONFIG = {
  provider: 'generic',
  url: 'https://updates.invalid/nexus-toolbar/',
  updaterCacheDirName: 'nexus-toolbar-updater',
  publisherName: ['NEXUSCUBE Co., Ltd.'],
};
/** The subject of the certificate the release installers are signed with, as Get-AuthenticodeSignature gives it. */
const SIGNER = 'CN="NEXUSCUBE Co., Ltd.", O="NEXUSCUBE Co., Ltd.", L=Seoul, C=KR';

async function updatingShell(
  t: Parameters<typeof connectedShell>[0],
  server: ReturnType<typeof updateServer>,
  agentOn: boolean,
  o: {
    updates?: Updates;
    installer?: 'nsis' | 'msi';
    home?: string;
    appUpdateConfig?: Record<string, unknown>;
    signedBy?: string | undefined;
  } = {},
) {
  await server.listening;
  return connectedShell(t, 'win32', undefined, agentOn, {
    packaged: true,
    env: TRUST_TEST_CA,
    ...('signedBy' in o ? (o.signedBy ? { installersSignedBy: o.signedBy } : {}) : { installersSignedBy: SIGNER }),
    policy: policyOf(server, o.updates),
    appUpdateConfig: o.appUpdateConfig ?? APP_UPDATE_CONFIG,
    windowsInstaller: o.installer ?? 'nsis',
    ...(o.home ? { home: o.home } : {}),
  });
}

const policyFile = (shell: Shell) => join(shell.home, 'ProgramData', 'Nexus Toolbar', 'policy.json');

test("Windows: the policy's server is asked; a download waits out the call and is installed at logoff", async (t) => {
  const server = updateServer(t);
  const { shell, sim, toolbar } = await updatingShell(t, server, true);
  const { c1 } = ring(sim);
  await shell.until('ringing', (x) => Object.keys(pushed(x)?.core.calls ?? {}).length > 0);
  server.open();
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  assert.ok(server.asked.includes('/toolbar/latest.yml'), `the policy's address was used: ${server.asked.join(', ')}`);
  assert.ok(server.asked.includes(`/toolbar/${SETUP}`));
  await logged(shell, new RegExp(`update ${NEXT} waits: (ringing|on a call)`), 'why it waits');
  const during = await shell.snapshot();
  assert.deepEqual(during.updaterEvents, [], 'nothing installed while the call rings');
  assert.equal(during.quit, false);

  sim.hangup(c1);
  await shell.until('the call gone', (x) => Object.keys(pushed(x)?.core.calls ?? {}).length === 0);
  await shell.op('invoke', toolbar, commandChannel('logoff'), { reason: 0 });
  await shell.until('installed and quitting', (x) => x.updaterEvents.includes('before-quit-for-update'));
  const text = await logged(shell, /isForceRunAfter: true/, 'the install');
  assert.match(text, new RegExp(`installing update ${NEXT} \\(logged-off\\)`));
  assert.match(
    text,
    /Install: isSilent: true, isForceRunAfter: true/,
    'a silent install, and the toolbar back after it',
  );
  assert.deepEqual(await shell.refusals(), []);
});

test('Windows: a downloaded update waits while the agent is Ready (not as a quiet state), and goes in when the app quits (not started again)', async (t) => {
  const server = updateServer(t);
  const { shell, toolbar } = await updatingShell(t, server, true);
  await shell.op('invoke', toolbar, commandChannel('ready'), {});
  await shell.until('Ready', (x) => pushed(x)?.core.agent.state === 'ready');
  server.open(); // only now: a download before the agent was Ready would go in as logged off
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  // Ready taken for a quiet state would wait out a quiet minute instead: the reason tells them apart.
  const text = await logged(shell, new RegExp(`update ${NEXT} waits: `), 'why it waits');
  assert.match(text, new RegExp(`update ${NEXT} waits: ready for calls`));
  assert.doesNotMatch(text, /waits: waiting for a quiet minute/);
  assert.deepEqual((await shell.snapshot()).updaterEvents, [], 'not while Ready');

  await shell.op('close', toolbar);
  await shell.until('installed', (x) => x.updaterEvents.includes('before-quit-for-update'));
  const atQuit = await logged(shell, /isForceRunAfter: false/, 'the install at quit');
  assert.match(atQuit, new RegExp(`installing update ${NEXT} \\(quit\\)`));
});

test("Windows: quitting during a call does not install (the call's end cannot be seen after the quit); the next start does, from the kept download", async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  const home = mkdtempSync(join(tmpdir(), 'standin-win32-')); // kept for the next start
  // Hooks run in the order they were added: this one before the shells' own stop, so it retries
  // while a shell still writes there (the body stops both first when it gets to its end).
  t.after(() => rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));
  const { shell, sim, toolbar } = await updatingShell(t, server, true, { home });
  ring(sim);
  await shell.until('ringing', (x) => Object.keys(pushed(x)?.core.calls ?? {}).length > 0);
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  await logged(shell, new RegExp(`update ${NEXT} waits: (ringing|on a call)`), 'why it waits');
  await shell.op('close', toolbar);
  const s = await shell.until('quit', (x) => x.quit && x);
  await sleep(300);
  assert.deepEqual(
    (await shell.snapshot()).updaterEvents,
    [],
    'no installer run, though the goodbye leaves no calls in the state',
  );
  assert.equal(s.quit, true);
  assert.doesNotMatch(logText(shell.home), /installing update/);

  // The next start: the download kept by electron-updater is taken again (checked, not fetched) and installed at a good moment.
  await shell.stop();
  const fetched = server.asked.filter((p) => p.endsWith('.exe')).length;
  const again = await updatingShell(t, server, false, { home });
  // The call up at the quit comes back unconfirmed (it may still be up: no install meanwhile); this
  // server never had it, so the agent removes it, as the bar offers.
  const back = await again.shell.until('the call kept from before', (x) => {
    const kept = Object.values(pushed(x)?.core.calls ?? {});
    return kept.length === 1 && kept[0]!.unconfirmed === true && kept[0];
  });
  await again.shell.op('invoke', again.toolbar, commandChannel('dismissCall'), { c1: back.c1 });
  // The server kept the agent logged on (Not ready): the quiet minute, or a logoff.
  await logged(
    again.shell,
    new RegExp(`Update has already been downloaded[^]*update ${NEXT} waits: waiting for a quiet minute`),
    'the kept download waiting',
  );
  await again.shell.op('invoke', again.toolbar, commandChannel('logoff'), { reason: 0 });
  await again.shell.until('installed at the next start', (x) => x.updaterEvents.includes('before-quit-for-update'));
  assert.match(logText(shell.home), new RegExp(`installing update ${NEXT} \\(logged-off\\)`));
  assert.equal(server.asked.filter((p) => p.endsWith('.exe')).length, fetched, 'not downloaded a second time');
  await again.shell.stop();
});

for (const [fault, serve, body] of [
  ["a sha512 that is not the file's", { feed: feedYml({ hash: sha512(Buffer.from('another file')) }) }, installer],
  ['a truncated file', { body: installer.subarray(0, 100_000) }, installer.subarray(0, 100_000)],
] as const) {
  test(`Windows: ${fault} is refused by electron-updater; nothing is installed, even at quit`, async (t) => {
    const server = updateServer(t);
    server.serve(serve);
    server.openAtOnce();
    const { shell, toolbar } = await updatingShell(t, server, false);
    const text = await logged(
      shell,
      new RegExp(`update ${NEXT} download failed \\(1 in a row`),
      'the refused download',
    );
    const expected = 'feed' in serve ? sha512(Buffer.from('another file')) : sha512(installer);
    assert.match(
      text,
      new RegExp(
        `download failed \\(1 in a row, retried in 60 s\\): sha512 checksum mismatch, expected ${escape(expected)}, got ${escape(sha512(body))}`,
      ),
    );
    await shell.op('close', toolbar);
    const s = await shell.until('quit', (x) => x.quit && x);
    assert.deepEqual(s.updaterEvents, [], 'no installer run');
    assert.doesNotMatch(logText(shell.home), /installing update/);
    const pending = join(shell.home, 'LocalAppData', 'nexus-toolbar-updater', 'pending');
    assert.ok(!existsSync(join(pending, SETUP)), 'the refused file is not kept for install');
  });
}

test('Windows: a release outside its staged rollout is not downloaded (electron-updater says it is not available here)', async (t) => {
  const server = updateServer(t);
  server.serve({ feed: feedYml({ extra: 'stagingPercentage: 0\n' }) });
  server.openAtOnce();
  const { shell } = await updatingShell(t, server, false);
  await logged(shell, new RegExp(`update ${NEXT} not offered to this computer`), 'the rollout seen');
  await sleep(500);
  assert.ok(!server.asked.some((p) => p.endsWith('.exe')), `nothing fetched: ${server.asked.join(', ')}`);
  assert.doesNotMatch(logText(shell.home), /download failed|Please check update first/);
});

test('Windows: an older version on the feed is refused end to end', async (t) => {
  const server = updateServer(t);
  server.serve({ feed: feedYml({ version: '0.0.1' }) });
  server.openAtOnce();
  const { shell, toolbar } = await updatingShell(t, server, false);
  await logged(shell, /update 0\.0\.1 refused: not newer than \d/, 'the refusal');
  await shell.op('close', toolbar);
  const s = await shell.until('quit', (x) => x.quit && x);
  assert.deepEqual(s.updaterEvents, []);
  assert.ok(!server.asked.some((p) => p.endsWith('.exe')), `nothing fetched: ${server.asked.join(', ')}`);
});

test('Windows: the beta channel reads beta.yml', async (t) => {
  const server = updateServer(t);
  server.serve({ feed: feedYml({ version: '1.0.0' }), beta: feedYml({ version: '9.9.10-beta.1' }) });
  server.openAtOnce();
  const { shell } = await updatingShell(t, server, false, { updates: { channel: 'beta' } });
  await logged(shell, /update 9\.9\.10-beta\.1 downloaded/, 'the beta download');
  assert.ok(server.asked.includes('/toolbar/beta.yml'), server.asked.join(', '));
  assert.ok(!server.asked.includes('/toolbar/latest.yml'), 'not the stable feed');
});

test("Windows: `enabled: false` asks nothing; turning it on in the running app's policy starts checking", async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  const { shell } = await updatingShell(t, server, false, { updates: { enabled: false } });
  await logged(shell, /updates: turned off by the policy/, 'the switch read');
  await sleep(1000);
  assert.equal(server.asked.join(', '), '', 'no check while off');
  writeFileSync(policyFile(shell), JSON.stringify(policyOf(server)));
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download after the policy change', 20_000);
  assert.ok(server.asked.includes('/toolbar/latest.yml'));
});

test('Windows MSI (per machine): the app does not update itself — a log line, and nothing asked', async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  const { shell } = await updatingShell(t, server, false, { installer: 'msi' });
  await logged(shell, /updates: no self-update here \(msi\): not installed by the NSIS installer/, 'the refusal');
  await sleep(1000);
  assert.equal(server.asked.join(', '), '', 'no check: an NSIS copy would go in beside the MSI');
  assert.doesNotMatch(logText(shell.home), /updater:/);
});

test('Windows: with no server connection the state is not known; a downloaded update waits (not installed as "logged off")', async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  await server.listening;
  const dead = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => dead.once('listening', resolve));
  const port = (dead.address() as AddressInfo).port;
  dead.close(); // nothing listens there now
  const launch: LaunchOptions = {
    platform: 'win32',
    packaged: true,
    password: 'cube123',
    settings: (s) => void (s.server.endpoints = [`ws://127.0.0.1:${port}/`]),
    env: TRUST_TEST_CA,
    installersSignedBy: SIGNER,
    policy: policyOf(server),
    appUpdateConfig: APP_UPDATE_CONFIG,
    windowsInstaller: 'nsis',
  };
  const shell = await launchShell(launch);
  t.after(() => shell.stop());
  await logged(shell, new RegExp(`update ${NEXT} downloaded`), 'the download');
  await logged(shell, new RegExp(`update ${NEXT} waits: not connected`), 'why it waits');
  await sleep(300);
  const s = await shell.snapshot();
  assert.notEqual(pushed(s)?.core.connection.status, 'connected');
  assert.deepEqual(s.updaterEvents, [], "not installed while the agent's calls are unknown");
});

test("Windows: a build whose app-update.yml names no publisher does not update itself (an installer's signature would not be checked)", async (t) => {
  const server = updateServer(t);
  server.openAtOnce();
  const { publisherName: _, ...unsigned } = APP_UPDATE_CONFIG;
  const { shell } = await updatingShell(t, server, false, { appUpdateConfig: unsigned });
  await logged(shell, /updates: off: this build's app-update\.yml names no publisher/, 'the refusal');
  await sleep(1000);
  assert.equal(server.asked.join(', '), '', 'the feed is never asked');
  assert.doesNotMatch(logText(shell.home), /updates: from /);
});

test('an installed app refuses a plain-http update server, even one on this computer (whoever binds the port first would serve it)', async (t) => {
  const server = updateServer(t, 'http');
  server.openAtOnce();
  const { shell } = await updatingShell(t, server, false);
  const text = await logged(shell, /policy file .* refused: updates\.url: endpoint/, 'the refusal');
  await sleep(1000);
  assert.equal(server.asked.join(', '), '', 'the feed is never asked');
  assert.doesNotMatch(text, /updates: from /);
});

for (const [name, signedBy, why] of [
  ['not signed', undefined, /its signature is NotSigned/],
  [
    "signed by someone else's certificate",
    'CN=Mallory Software, O=Mallory, C=US',
    /it is signed by CN=Mallory Software, O=Mallory, C=US, not by NEXUSCUBE Co\., Ltd\./,
  ],
] as const) {
  test(`Windows: an installer ${name} is refused (Get-AuthenticodeSignature, through the app's own check); nothing installed`, async (t) => {
    const server = updateServer(t);
    server.openAtOnce();
    const { shell, toolbar } = await updatingShell(t, server, true, { signedBy });
    const text = await logged(shell, /is not signed by the application owner/, 'the refusal');
    assert.match(text, why);
    assert.doesNotMatch(text, new RegExp(`update ${NEXT} downloaded`));
    await shell.op('invoke', toolbar, commandChannel('logoff'), { reason: 0 });
    await sleep(1500);
    assert.deepEqual((await shell.snapshot()).updaterEvents, [], 'nothing installed');
  });
}
