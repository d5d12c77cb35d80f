// After-call work (Finesse's wrap-up): by the setting, the agent goes to After work when the last
// call ends, the bar knows the next state during the call, and Ready comes by itself at the limit
// (extendable). The real core against the simulator, the core's timers on a fake clock.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stateAfterCall } from '../../../src-main/node/app/agent/after-call-work.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { simulator } from '../simulator/fixtures.ts';
import { rig, until, type Rig } from './app-rig.ts';

test('the state applied after a call, by the setting and the agent’s choice', () => {
  const afterWork = { state: 'afterWork', reason: 0 } as const;
  const notReady = { state: 'notReady', reason: 2 } as const;
  const logoff = { state: 'loggedOff', reason: 0 } as const;
  const wrapUp = { state: 'afterWork', reason: 3 } as const;
  assert.equal(stateAfterCall('off', null), null);
  assert.deepEqual(stateAfterCall('off', notReady), notReady);
  assert.deepEqual(stateAfterCall('optional', null), afterWork);
  assert.deepEqual(stateAfterCall('optional', notReady), notReady, 'optional: the agent may pick another');
  assert.deepEqual(stateAfterCall('required', null), afterWork);
  assert.deepEqual(stateAfterCall('required', notReady), afterWork, 'required: always after-call work');
  assert.deepEqual(stateAfterCall('required', wrapUp), wrapUp, 'the wrap-up reason picked is kept');
  assert.deepEqual(stateAfterCall('required', logoff), logoff, 'a log off picked still logs off');
});

describe('after-call work against the simulator', () => {
  let sim: Simulator;
  let current: Rig | undefined;
  before(async () => {
    sim = await simulator({});
  });
  after(() => sim.stop());
  afterEach(async () => {
    await current?.app.handle('logoff', { reason: 0 });
    await current?.app.stop();
    current = undefined;
  });

  async function readyWith(agent: Partial<Settings['agent']>, clock = new FakeClock()) {
    const base = defaultSettings();
    current = rig(
      { server: { ...base.server, endpoints: [sim.endpoints[0]!] }, agent: { ...base.agent, ...agent } },
      'cube123',
      clock,
    );
    const { app } = current;
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    const { c1 } = sim.inbound({ from: '01077778888', to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    await app.handle('answer', { c1 });
    await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    return { app, c1, clock };
  }
  const switchState = () => sim.state().agents.find((a) => a.device === '1001')?.state;

  test('required: Next: After call work during the call, After work after it, Ready by itself at the limit, extended once', async () => {
    const { app, c1, clock } = await readyWith({ afterCallWork: 'required', afterCallWorkSeconds: 30 });
    assert.deepEqual(app.getState().nextAfterCall, { state: 'afterWork', reason: 0 }, 'the next state known');
    await app.handle('hangup', { c1 });
    const wrapping = await until(app, 'after work', (s) => s.core.agent.state === 'afterWork' && !!s.afterCallWork);
    assert.equal(wrapping.afterCallWork!.until - clock.now(), 30_000, 'the limit set');
    assert.equal(wrapping.afterCallWork!.extendSeconds, 30);
    clock.advance(20_000);
    assert.deepEqual(await app.handle('extendAfterCallWork', {}), { ok: true, result: 1 });
    assert.equal(app.getState().afterCallWork!.until - clock.now(), 40_000, '10 s left + 30 s');
    clock.advance(39_999);
    assert.equal(app.getState().core.agent.state, 'afterWork', 'still in after-call work before the limit');
    clock.advance(1);
    const back = await until(app, 'ready by itself', (s) => s.core.agent.state === 'ready');
    assert.equal(back.afterCallWork, undefined);
    assert.match(String(switchState()), /ready/i, 'Ready at the switch');
    assert.equal((await app.handle('extendAfterCallWork', {})).ok, false, 'nothing left to extend');
  });

  test('optional: the agent’s own next state wins; off: nothing after the call', async () => {
    const { app, c1 } = await readyWith({ afterCallWork: 'optional' });
    await app.handle('setNextState', { next: { state: 'notReady', reason: 2 } });
    assert.deepEqual(app.getState().nextAfterCall, { state: 'notReady', reason: 2 });
    await app.handle('hangup', { c1 });
    const after = await until(app, 'not ready', (s) => s.core.agent.state === 'notReady');
    assert.equal(after.afterCallWork, undefined);
    await app.handle('logoff', { reason: 0 });
    await app.stop();

    const off = await readyWith({ afterCallWork: 'off' });
    assert.equal(off.app.getState().nextAfterCall, null);
    await off.app.handle('hangup', { c1: off.c1 });
    await until(off.app, 'the call gone', (s) => Object.keys(s.core.calls).length === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(off.app.getState().core.agent.state, 'ready', 'off: stays Ready');
  });
});
