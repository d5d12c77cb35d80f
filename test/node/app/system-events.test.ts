// The world outside reaches the connection: the shell's sleep, wake and unlock (powerMonitor),
// the page's online/offline/visible through the IPC contract. Against the simulator's HA pair.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { rig, until, type Rig } from './app-rig.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

describe('app core: sleep, wake and network changes', () => {
  let sim: Simulator;
  let current: Rig | undefined;
  beforeEach(async () => {
    sim = await simulator({ port2: 0 });
  });
  afterEach(async () => {
    await current?.app.stop();
    current = undefined;
    await sim.stop();
  });

  async function connectedApp(): Promise<Rig> {
    // A heartbeat long enough that only a nudge can find the dead link in these tests.
    current = rig({ server: { ...defaultSettings().server, endpoints: sim.endpoints } }, 'cube123', undefined, {
      heartbeatMs: 60_000,
    });
    await current.app.start();
    await until(current.app, 'connected', (s) => s.core.connection.status === 'connected');
    return current;
  }

  test('suspend: the link is closed and nothing is retried; resume: connected again at once, the agent state put back', async () => {
    const { app, logs } = await connectedApp();
    await app.handle('logon', {});
    await app.handle('notReady', { reason: 2 });
    await until(app, 'not ready', (s) => s.core.agent.state === 'notReady');
    app.systemEvent('suspend');
    await waitFor(() => (sim.state().sessions.length === 0 ? true : undefined), 3000, 'the link closed');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(sim.state().sessions.length, 0, 'no reconnect while asleep');
    assert.notEqual(app.getState().core.connection.status, 'connected');
    const t0 = Date.now();
    app.systemEvent('resume');
    await until(app, 'connected again', (s) => s.core.connection.status === 'connected');
    assert.ok(Date.now() - t0 < 1500, `${Date.now() - t0} ms`);
    const agent = sim.state().agents.find((a) => a.device === '1001');
    assert.deepEqual([agent?.state, agent?.reason], ['notReady', 2]);
    assert.ok(
      logs.some((l) => l.includes('connection check: suspend')) &&
        logs.some((l) => l.includes('connection check: resume')),
    );
  });

  test('the page says the network is back (checkConnection through the contract): a dead link is replaced within about a second', async () => {
    const { app } = await connectedApp();
    const before = app.getState().core.connection.endpointIndex;
    await sim.fault({ kind: 'silence', ms: 30_000, endpoint: before });
    const t0 = Date.now();
    assert.deepEqual(await app.handle('checkConnection', { reason: 'online' }), { ok: true });
    const s = await until(
      app,
      'connected on the other endpoint',
      (st) => st.core.connection.status === 'connected' && st.core.connection.endpointIndex !== before,
    );
    assert.match(s.core.connection.lastClose!.reason, /no answer/);
    assert.ok(Date.now() - t0 < 2500, `${Date.now() - t0} ms`);
  });

  test('checkConnection on a healthy link changes nothing the agent sees', async () => {
    const { app } = await connectedApp();
    const statuses = new Set<string>();
    app.onState((s) => statuses.add(s.core.connection.status));
    for (const reason of ['visible', 'online', 'offline'] as const) await app.handle('checkConnection', { reason });
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(
      [...statuses].filter((s) => s !== 'connected'),
      [],
    );
    assert.equal(app.getState().core.connection.status, 'connected');
  });
});

describe('app core: another extension or agent id', () => {
  let sim: Simulator;
  let current: Rig | undefined;
  beforeEach(async () => {
    sim = await simulator();
  });
  afterEach(async () => {
    await current?.app.stop();
    current = undefined;
    await sim.stop();
  });

  test('the agent logged on at the old extension is logged off first, and the agent is told; refused while a call is up', async () => {
    current = rig({ server: { ...defaultSettings().server, endpoints: sim.endpoints } });
    const { app } = current;
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    assert.equal(sim.state().agents.find((a) => a.device === '1001')?.state, 'ready', 'on at the switch');

    const { c1 } = sim.inbound({ from: '0212345678', to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1] !== undefined);
    const settings = app.getState().settings.settings;
    const moved = { ...settings, agent: { ...settings.agent, device: '1002', agentId: '1002' } };
    const refused = await app.handle('saveSettings', { settings: moved });
    assert.ok(!refused.ok && refused.errors[0]!.message.en.startsWith('Finish the call first'));
    sim.hangup(c1);
    await until(app, 'no call', (s) => Object.keys(s.core.calls).length === 0);

    const saved = await app.handle('saveSettings', { settings: moved });
    assert.ok(saved.ok);
    const before = sim.state().agents.filter((a) => a.device === '1001');
    assert.deepEqual(before, [], 'no ghost agent left logged on at 1001');
    const s = await until(app, 'told', (st) => st.notice !== undefined);
    assert.match(s.notice!.message.en, /Agent 1001 was logged off at extension 1001/);
    await until(
      app,
      'connected as 1002',
      (st) => st.core.connection.status === 'connected' && st.core.identity.device === '1002',
    );
  });
});
