// Queue alerts (issue 27 item 10) through the real app core and session against the simulator,
// its queue filled and drained through the control port: the figure's alert comes and goes with
// the figures, and a notification comes once per crossing (back under before the next one).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { PreviewEffect } from '../../../src-main/node/preview/preview-platform.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { controlClient, type ControlClient } from '../helpers/control-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import { rig, until, type Rig } from './app-rig.ts';

describe('app core: queue alerts', () => {
  let sim: Simulator;
  let control: ControlClient;
  let current: Rig | undefined;
  before(async () => {
    sim = await simulator({ controlPort: 0 });
    control = controlClient(sim);
  });
  after(() => sim.stop());
  afterEach(async () => {
    await current?.app.stop({ logoff: true });
    current = undefined;
    for (const call of sim.state().calls) sim.hangup(call.c1);
  });

  /** The core against the simulator, the agent logged on and Not ready: queue calls wait. */
  async function start(queueAlerts: Settings['queueAlerts']): Promise<Rig> {
    const defaults = defaultSettings();
    current = rig({ server: { ...defaults.server, endpoints: [sim.endpoints[0]!] }, queueAlerts });
    await current.app.start();
    await until(current.app, 'connected', (s) => s.core.connection.status === 'connected');
    await current.app.handle('logon', {});
    await until(current.app, 'logged on, not ready', (s) => s.core.agent.state === 'notReady');
    return current;
  }
  const caller = async (n: number) =>
    (await control.post('/inbound', { from: `0103333000${n}`, to: '401' })).body as { c1: number };
  const hangUp = (c1: number) => control.post('/hangup', { c1 });
  const queueNotices = (r: Rig) =>
    r.platform.effects.filter((e): e is Extract<PreviewEffect, { type: 'queue-alert' }> => e.type === 'queue-alert');
  const waiting = (r: Rig, n: number) =>
    until(r.app, `${n} waiting in 401`, (s) => s.core.queues['401']?.waiting === n);

  test('calls waiting: marked at the threshold, one notification while over, another only after going back under', async () => {
    const r = await start({ notify: true, thresholds: [{ queue: '401', waiting: 2, longestWaitSeconds: 0 }] });
    const first = await caller(1);
    let s = await waiting(r, 1);
    assert.equal(s.queueAlerts, undefined, 'under the threshold: no alert');
    const second = await caller(2);
    s = await waiting(r, 2);
    assert.deepEqual(s.queueAlerts, { '401': ['waiting'] });
    assert.equal(queueNotices(r).length, 1);
    assert.deepEqual(
      { ...queueNotices(r)[0], at: 0 },
      { type: 'queue-alert', queue: '401', kind: 'waiting', waiting: 2, longestWait: 0, lang: 'en', at: 0 },
    );
    const third = await caller(3);
    await waiting(r, 3);
    assert.equal(queueNotices(r).length, 1, 'still over: not again');
    await hangUp(third.c1);
    await hangUp(second.c1);
    s = await waiting(r, 1);
    assert.equal(s.queueAlerts, undefined, 'back under: the alert goes');
    assert.equal(queueNotices(r).length, 1);
    await caller(4);
    s = await waiting(r, 2);
    assert.deepEqual(s.queueAlerts, { '401': ['waiting'] });
    assert.equal(queueNotices(r).length, 2, 'a new crossing: notified again');
    await hangUp(first.c1);
  });

  test('longest wait: reached while no event comes, notified once; with notifications off only the figure shows it', async () => {
    const r = await start({ notify: true, thresholds: [{ queue: '401', waiting: 0, longestWaitSeconds: 1 }] });
    await caller(5);
    let s = await waiting(r, 1);
    assert.equal(s.queueAlerts, undefined, 'the caller has just come');
    s = await until(r.app, 'the wait alert', (st) => st.queueAlerts?.['401']?.includes('longestWait') === true);
    assert.deepEqual(s.queueAlerts, { '401': ['longestWait'] });
    assert.equal(queueNotices(r).length, 1);
    assert.equal(queueNotices(r)[0]!.kind, 'longestWait');
    assert.ok(queueNotices(r)[0]!.longestWait >= 1, 'the wait as of the crossing');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(queueNotices(r).length, 1, 'the wait keeps growing: not again');

    await r.app.handle('saveSettings', {
      settings: { ...r.app.getState().settings.settings, queueAlerts: { notify: false, thresholds: [] } },
    });
    s = await until(r.app, 'no thresholds: no alert', (st) => st.queueAlerts === undefined);
    await r.app.handle('saveSettings', {
      settings: {
        ...s.settings.settings,
        queueAlerts: { notify: false, thresholds: [{ queue: '401', waiting: 1, longestWaitSeconds: 0 }] },
      },
    });
    await until(r.app, 'the waiting alert', (st) => st.queueAlerts?.['401']?.includes('waiting') === true);
    assert.equal(queueNotices(r).length, 1, 'notifications off: none');
  });

  test('the link drops and comes back with the queue still over: no second notification', async () => {
    const r = await start({ notify: true, thresholds: [{ queue: '401', waiting: 1, longestWaitSeconds: 0 }] });
    await caller(6);
    await until(r.app, 'the alert', (s) => s.queueAlerts !== undefined);
    assert.equal(queueNotices(r).length, 1);
    await sim.fault({ kind: 'terminate' });
    await until(r.app, 'figures forgotten', (s) => s.core.queues['401'] === undefined);
    await until(r.app, 'connected again', (s) => s.core.connection.status === 'connected');
    await caller(7);
    const s = await waiting(r, 2);
    assert.deepEqual(s.queueAlerts, { '401': ['waiting'] });
    assert.equal(queueNotices(r).length, 1, 'never seen back under: not a new crossing');
  });
});
