// A settings change that points the app at another host, or at the same host over ws://, must not
// hand it the stored password: the app core end to end, the renderer's saveSettings command, a
// settings file changed while the app was closed, real servers listening (wss:// then ws:// on the
// very same port).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { simulator } from '../simulator/fixtures.ts';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { rig, until } from './app-rig.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { SettingsService } from '../../../src-main/node/app/settings/settings-service.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import type { PolicySource, PolicyRead } from '../../../src-main/node/settings/managed-policy.ts';

const tlsDir = new URL('../fixtures/tls/', import.meta.url);
const tls = {
  key: readFileSync(new URL('key.pem', tlsDir), 'utf8'),
  cert: readFileSync(new URL('cert.pem', tlsDir), 'utf8'),
};

/** A plain ws:// server on `port` of 127.0.0.1 that records every frame and answers each with result 1. */
async function plainServerOn(port: number): Promise<{ seen: Record<string, unknown>[]; stop(): Promise<void> }> {
  const seen: Record<string, unknown>[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', () => resolve());
    wss.once('error', reject);
  });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      seen.push(frame);
      answerAll(frame, ws);
    }),
  );
  return {
    seen,
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const serverSettings = (endpoints: string[], caCertificate = tls.cert): Settings['server'] => ({
  ...defaultSettings().server,
  endpoints,
  caCertificate,
});

test('from wss:// to ws:// on the same host and port: the ws:// server never sees the password; the toolbar asks for it again', async () => {
  const sim = await simulator({ tls });
  const port = Number(new URL(sim.endpoints[0]!).port);
  const { app } = rig({ server: serverSettings(sim.endpoints) }, null);
  let plain: Awaited<ReturnType<typeof plainServerOn>> | undefined;
  try {
    await app.start();
    assert.ok((await app.handle('setPassword', { password: 'cube123' })).ok);
    await until(app, 'connected over wss://', (s) => s.core.connection.status === 'connected');
    await sim.stop();
    plain = await plainServerOn(port);
    const result = await app.handle('saveSettings', {
      settings: { ...app.getState().settings.settings, server: serverSettings([`ws://127.0.0.1:${port}`]) },
    });
    assert.ok(result.ok && result.passwordCleared, 'the password was removed');
    const s = await until(app, 'the notice', (st) => st.notice !== undefined);
    assert.match(s.notice!.message.en, /Enter the password for the new server/);
    assert.equal(s.settings.hasPassword, false);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      plain.seen.filter((f) => f.pwd !== undefined),
      [],
      'no password sent over ws://',
    );
    assert.notEqual(app.getState().core.connection.status, 'connected');

    await app.handle('setPassword', { password: 'typed-again' });
    await until(app, 'connected over ws://', (st) => st.core.connection.status === 'connected');
    assert.equal(plain.seen.find((f) => f.fname === 'login')?.pwd, 'typed-again', 'only the password typed for it');
  } finally {
    await app.stop();
    await plain?.stop();
    await sim.stop();
  }
});

test('a settings file changed to ws:// while the app was closed: at start the password is removed and told, never sent', async () => {
  const sim = await simulator({ tls });
  const port = Number(new URL(sim.endpoints[0]!).port);
  const settingsPath = join(mkdtempSync(join(tmpdir(), 'cti-binding-')), 'settings.json');
  const secrets = new MemorySecretStore(); // the keyring: outlives the app
  const open = () => {
    const logs: string[] = [];
    const app = new AppController({
      settings: new FileSettingsStore(settingsPath),
      secrets,
      platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
      version: 'test',
      log: (level, message) => logs.push(`${level} ${message}`),
      session: { requestTimeoutMs: 1000, heartbeatMs: 300, backoff: { baseMs: 50, capMs: 300 } },
    });
    return { app, logs };
  };
  writeFileSync(settingsPath, JSON.stringify({ ...defaultSettings(), server: serverSettings(sim.endpoints) }));
  const first = open().app;
  let plain: Awaited<ReturnType<typeof plainServerOn>> | undefined;
  let second: AppController | undefined;
  try {
    await first.start();
    await first.handle('setPassword', { password: 'cube123' });
    await until(first, 'connected over wss://', (s) => s.core.connection.status === 'connected');
    await first.stop();
    await sim.stop();

    const file = JSON.parse(readFileSync(settingsPath, 'utf8')) as Settings;
    file.server.endpoints = [`ws://127.0.0.1:${port}`];
    writeFileSync(settingsPath, JSON.stringify(file));
    plain = await plainServerOn(port);
    const reopened = open();
    second = reopened.app;
    await second.settingsSettled();
    assert.equal(second.getState().settings.hasPassword, false);
    assert.match(second.getState().notice?.message.en ?? '', /Enter the password for the new server/);
    assert.ok(
      reopened.logs.some((l) => /stored password removed at start/.test(l)),
      reopened.logs.join('\n'),
    );
    await second.start();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(plain.seen, [], 'nothing sent: no password to log in with');
  } finally {
    await second?.stop();
    await plain?.stop();
    await sim.stop();
  }
});

test('where the password may go: the same servers, or the same machine over wss://; ws://, another port over ws://, another machine or CA ask again', () => {
  const settingsWith = (endpoints: string[], caCertificate = '') => ({
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints, caCertificate },
  });
  const rows: [from: string[], to: string[], kept: boolean, unencryptedWords: boolean][] = [
    [['wss://cti.example.com:8877'], ['wss://cti.example.com:8877/'], true, false],
    [['wss://cti.example.com'], ['wss://CTI.example.com:443'], true, false],
    [['wss://cti.example.com:8877'], ['wss://cti.example.com:9443'], true, false],
    [['ws://cti.example.com:8877'], ['wss://cti.example.com:8877'], true, false],
    [['wss://a.example.com', 'wss://b.example.com'], ['wss://b.example.com'], true, false],
    [['wss://cti.example.com:8877'], ['ws://cti.example.com:8877'], false, true],
    [['wss://cti.example.com'], ['ws://cti.example.com:443'], false, true],
    [['ws://cti.example.com:8877'], ['ws://cti.example.com:8878'], false, true],
    [['wss://cti.example.com:8877'], ['wss://cti-evil.example.net:8877'], false, false],
    [['wss://cti.example.com:8877'], ['wss://cti.example.com:8877', 'ws://cti-b.example.com:8877'], false, true],
  ];
  for (const [from, to, kept, unencryptedWords] of rows) {
    const path = join(mkdtempSync(join(tmpdir(), 'cti-binding-rows-')), 'settings.json');
    const service = new SettingsService(new FileSettingsStore(path), new MemorySecretStore());
    assert.ok(service.save(settingsWith(from)).ok);
    assert.ok(service.setPassword('s3cret', false).ok);
    const saved = service.save(settingsWith(to));
    assert.ok(saved.ok);
    const what = `${from.join(' ')} -> ${to.join(' ')}`;
    assert.equal(service.password(), kept ? 's3cret' : undefined, what);
    assert.equal(saved.passwordCleared === undefined, kept, what);
    if (!kept) assert.equal(/unencrypted ws:\/\//.test(saved.passwordCleared!.en), unencryptedWords, what);
    if (unencryptedWords) assert.match(saved.passwordCleared!.ko, /ws:\/\//);
  }
});

test('a policy that moves the server to ws://: the password is removed, with the warning about ws://', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'cti-binding-policy-')), 'settings.json');
  let read: PolicyRead = { kind: 'none' };
  let changed = () => {};
  const policy: PolicySource = {
    path: '/etc/nexus-toolbar/policy.json',
    read: async () => read,
    watch: (listener) => {
      changed = listener;
      return () => {};
    },
  };
  const told: string[] = [];
  const service = new SettingsService(new FileSettingsStore(path), new MemorySecretStore(), {
    policy,
    tell: (message) => told.push(message.en),
  });
  await service.settled();
  assert.ok(service.save({ ...defaultSettings(), server: serverSettings(['wss://cti.example.com:8877'], '') }).ok);
  service.setPassword('s3cret', false);
  const base = { ...defaultSettings(), server: serverSettings(['ws://cti.example.com:8877'], '') };
  read = { kind: 'ok', policy: { base, locked: ['server.endpoints'] } };
  changed();
  await service.settled();
  assert.equal(service.password(), undefined);
  assert.equal(service.view().hasPassword, false);
  assert.equal(told.length, 1);
  assert.match(told[0]!, /unencrypted ws:\/\/.*password was removed/);
});

test('a password kept by an older version (not bound): taken for wss:// servers, asked again for ws:// to another machine', async () => {
  const open = async (endpoints: string[]) => {
    const path = join(mkdtempSync(join(tmpdir(), 'cti-binding-old-')), 'settings.json');
    writeFileSync(path, JSON.stringify({ ...defaultSettings(), server: serverSettings(endpoints, '') }));
    const secrets = new MemorySecretStore();
    secrets.setPassword('from-before'); // as an older version left it: no binding
    const told: string[] = [];
    const service = new SettingsService(new FileSettingsStore(path), secrets, { tell: (m) => told.push(m.en) });
    await service.settled();
    return { service, told, secrets };
  };
  const tls = await open(['wss://cti.example.com:8877']);
  assert.equal(tls.service.password(), 'from-before');
  assert.ok(tls.secrets.getBinding()?.includes('wss://cti.example.com:8877'), 'bound from now on');
  assert.deepEqual(tls.told, []);
  const clear = await open(['ws://cti.example.com:8877']);
  assert.equal(clear.service.password(), undefined);
  assert.equal(clear.secrets.getPassword(), undefined);
  assert.match(clear.told[0] ?? '', /unencrypted ws:\/\//);
});

test('saveSettings with another host: that host never sees the password; the toolbar asks for it again', async () => {
  const sim = await simulator();
  const seen: Record<string, unknown>[] = [];
  const other = await scriptedServer((frame, ws) => {
    seen.push(frame);
    answerAll(frame, ws);
  });
  const server = (endpoints: string[]) => ({ ...defaultSettings().server, endpoints });
  const { app } = rig({ server: server(sim.endpoints) });
  try {
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    const result = await app.handle('saveSettings', {
      settings: { ...app.getState().settings.settings, server: server([other.url]) },
    });
    assert.ok(result.ok && result.passwordCleared);
    const s = await until(app, 'the notice', (st) => st.notice !== undefined);
    assert.match(s.notice!.message.en, /Enter the password for the new server/);
    assert.equal(s.settings.hasPassword, false);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(seen.length, 0, 'no login, no password, nothing at all sent to the new host');
    assert.notEqual(app.getState().core.connection.status, 'connected');

    await app.handle('setPassword', { password: 'cube123' });
    await until(app, 'connected to the new host', (st) => st.core.connection.status === 'connected');
    assert.equal(seen.find((f) => f.fname === 'login')?.pwd, 'cube123', 'only the password entered for it');
  } finally {
    await app.stop();
    await other.stop();
    await sim.stop();
  }
});

test('a wrong password: the bar says so and the app stops trying; the right one connects at once', async () => {
  const sim = await simulator();
  const { app } = rig({ server: { ...defaultSettings().server, endpoints: sim.endpoints } }, 'wrong');
  try {
    await app.start();
    const s = await until(app, 'refused', (st) => st.core.connection.status === 'refused');
    assert.equal(s.core.lastError?.code, -4007);
    await app.handle('setPassword', { password: 'cube123' });
    await until(app, 'connected', (st) => st.core.connection.status === 'connected');
  } finally {
    await app.stop();
    await sim.stop();
  }
});
