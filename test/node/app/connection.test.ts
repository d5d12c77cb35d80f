// The app's connection on its own: demo mode, a session replaced only when it must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, type ConnectionPorts } from '../../../src-main/node/app/connection.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';

function rig(initial: Settings, password: string | undefined) {
  let settings = initial;
  const logs: string[] = [];
  const states: CoreState[] = [];
  const ports: ConnectionPorts = {
    settings: () => settings,
    password: () => password,
    onCoreState: (core) => states.push(core),
    onEffect: () => undefined,
    log: (level, message) => logs.push(`${level} ${message}`),
    now: () => 0,
    tuning: { requestTimeoutMs: 1000, heartbeatMs: 300, backoff: { baseMs: 50, capMs: 300 } },
  };
  const connection = new Connection(ports);
  const connected = () =>
    waitFor(() => connection.coreState().connection.status === 'connected' || undefined, 8000, 'connected');
  return {
    connection,
    logs,
    states,
    connected,
    set: (next: Settings, nextPassword = password) => {
      settings = next;
      password = nextPassword;
    },
  };
}

test('no server configured: the built-in simulator, on loopback, with no control port (no web page can ring it); stopped with the connection', async () => {
  const { connection, logs, connected } = rig(defaultSettings(), 'cube123');
  try {
    await connection.start();
    await connected();
    assert.equal(connection.demo.active, true);
    assert.equal(connection.demo.controlUrl, undefined);
    assert.ok(logs.some((l) => /demo mode against the built-in simulator at ws:\/\/127\.0\.0\.1:\d+/.test(l)));
  } finally {
    await connection.stop();
  }
  assert.equal(connection.demo.active, false);
  assert.equal(connection.session, undefined);
});

test('a change that does not touch the link keeps the session; a new extension or password replaces it', async () => {
  const sim = await simulator();
  const settings = { ...defaultSettings(), server: { ...defaultSettings().server, endpoints: [sim.endpoints[0]!] } };
  const { connection, connected, set } = rig(settings, 'cube123');
  try {
    await connection.start();
    await connected();
    const first = connection.session;
    set({ ...settings, ui: { ...settings.ui, theme: 'dark' } });
    await connection.settingsChanged();
    assert.equal(connection.session, first, 'same session after a theme change');
    set({ ...settings, agent: { ...settings.agent, device: '1002', agentId: '1002' } });
    await connection.settingsChanged();
    assert.notEqual(connection.session, first);
    await connected();
    assert.equal(connection.coreState().identity.device, '1002');
    const second = connection.session;
    set({ ...settings, agent: { ...settings.agent, device: '1002', agentId: '1002' } }, 'cube123-new');
    await connection.settingsChanged();
    assert.notEqual(connection.session, second, 'a new password: a new session');
  } finally {
    await connection.stop();
    await sim.stop();
  }
});

test('a server but no password: an idle session, said in the log, and the idle state of the agent in the settings', async () => {
  const settings = {
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: ['ws://127.0.0.1:9'] },
    agent: { ...defaultSettings().agent, device: '1007' },
  };
  const { connection, logs } = rig(settings, undefined);
  assert.equal(connection.coreState().identity.device, '1007', 'before start: the agent of the settings');
  await connection.start();
  try {
    assert.ok(connection.session);
    assert.equal(connection.coreState().connection.status, 'idle');
    assert.ok(logs.includes('warn no password stored: the session is not started until one is set'));
  } finally {
    await connection.stop();
  }
});

test('stopping with log off logs a logged-on agent off at the switch first', async () => {
  const sim = await simulator();
  const settings = {
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: [sim.endpoints[0]!] },
    agent: { ...defaultSettings().agent, device: '1004', agentId: '1004' },
  };
  const { connection, connected } = rig(settings, 'cube123');
  try {
    await connection.start();
    await connected();
    assert.ok((await connection.session!.logon()).ok);
    await waitFor(() => connection.coreState().agent.state !== 'loggedOff' || undefined, 8000, 'logged on');
    const atSwitch = () => sim.state().agents.find((a) => a.agentId === '1004')?.state ?? 'loggedOff';
    assert.notEqual(atSwitch(), 'loggedOff', 'logged on at the switch');
    await connection.stop({ logoff: true });
    assert.equal(atSwitch(), 'loggedOff', 'logged off at the switch');
  } finally {
    await connection.stop();
    await sim.stop();
  }
});
