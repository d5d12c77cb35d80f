// Listening in (the guide's `bargein`) through the real app core and session against the simulator:
// offered only where the settings turn it on; the supervisor's leg is known as the listening one
// ("Listening to 1002", Hang up only); the colleague's call goes on as it was.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { availableActions } from '../../../src-main/common/state/available-actions.ts';
import { rig, until, type Rig } from './app-rig.ts';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

describe('app core: listen in', () => {
  let sim: Simulator;
  let current: Rig | undefined;
  let colleague: RawClient;
  let k1: number;
  before(async () => {
    sim = await simulator();
    // 1002 talks to a customer; 1001 is the supervisor.
    colleague = await guideClient(sim.endpoints[0]!, '1002');
    k1 = sim.inbound({ from: '01077770001', to: '1002' })!.c1;
    await colleague.waitEvent(4);
    await colleague.request({ fname: 'answer', this: '1002', c1: String(k1) });
    await colleague.waitEvent(6);
  });
  after(async () => {
    await colleague.close();
    await sim.stop();
  });
  afterEach(async () => {
    await current?.app.stop();
    current = undefined;
  });
  const start = async (listenIn: boolean) => {
    const defaults = defaultSettings();
    current = rig({
      server: { ...defaults.server, endpoints: [sim.endpoints[0]!] },
      agent: { ...defaults.agent, listenIn },
    });
    await current.app.start();
    return until(current.app, 'connected', (s) => s.core.connection.status === 'connected');
  };
  const colleagueCall = () => sim.state().calls.find((k) => k.c1 === k1);

  test('off (the default): not offered, and refused unsent if asked', async () => {
    const s = await start(false);
    assert.equal(availableActions(s).listenIn, false);
    const outcome = await current!.app.handle('listenIn', { number: '1002' });
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.message.en, /for supervisors/);
    assert.equal(sim.state().calls.length, 1, 'nothing was sent');
  });

  test('on: the leg shows as listening to 1002 with Hang up only; hanging up leaves the call listened to as it was', async () => {
    const s0 = await start(true);
    assert.equal(availableActions(s0).listenIn, true);
    const before = colleagueCall();
    const mark = colleague.mark();
    assert.deepEqual(await current!.app.handle('listenIn', { number: '1002' }), { ok: true, result: 1 });
    const s = await until(current!.app, 'listening', (st) =>
      Object.values(st.core.calls).some((c) => c.phase === 'connected'),
    );
    const leg = Object.values(s.core.calls)[0]!;
    assert.equal(leg.listeningTo, '1002');
    assert.equal(leg.party, '1002');
    assert.notEqual(leg.c1, k1);
    const actions = availableActions(s).calls[leg.c1]!;
    assert.deepEqual(
      Object.entries(actions)
        .filter(([, on]) => on)
        .map(([name]) => name),
      ['hangup'],
    );
    assert.deepEqual(colleagueCall(), before, "the colleague's call is not turned into a conference");
    assert.deepEqual(await current!.app.handle('hangup', { c1: leg.c1 }), { ok: true, result: 1 });
    await until(current!.app, 'leg gone', (st) => Object.keys(st.core.calls).length === 0);
    assert.deepEqual(colleagueCall(), before, 'still as it was');
    assert.equal(colleague.frames.length, mark, 'the colleague heard nothing of it');
    const record = current!.app.getState().history.recent[0]!;
    assert.equal(record.listened, true);
    assert.equal(current!.app.getState().today.handled, 0, 'listening is not a call handled');
  });
});
