// Listening in (the guide's `bargein`) through the real app core and session against the simulator:
// offered only where the settings turn it on; the supervisor's leg is known as the listening one
// ("Listening to 1002", Hang up only); the colleague's call goes on as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions } from '../../../src-main/common/state/available-actions.ts';
import { appOnSimulator, until } from './app-rig.ts';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';

describe('app core: listen in', () => {
  const env = appOnSimulator();
  let colleague: RawClient;
  let k1: number;
  before(async () => {
    // 1002 talks to a customer; 1001 is the supervisor.
    colleague = await guideClient(env.sim.endpoints[0]!, '1002');
    k1 = env.sim.inbound({ from: '01077770001', to: '1002' })!.c1;
    await colleague.waitEvent(4);
    await colleague.request({ fname: 'answer', this: '1002', c1: String(k1) });
    await colleague.waitEvent(6);
  });
  after(() => colleague.close());
  const start = async (listenIn: boolean) => {
    const app = await env.start({ listenIn });
    return app.getState();
  };
  const colleagueCall = () => env.sim.state().calls.find((k) => k.c1 === k1);

  test('off (the default): not offered, and refused unsent if asked', async () => {
    const s = await start(false);
    assert.equal(availableActions(s).listenIn, false);
    const outcome = await env.current!.app.handle('listenIn', { number: '1002' });
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.message.en, /for supervisors/);
    assert.equal(env.sim.state().calls.length, 1, 'nothing was sent');
  });

  test('on: the leg shows as listening to 1002 with Hang up only; hanging up leaves the call listened to as it was', async () => {
    const s0 = await start(true);
    assert.equal(availableActions(s0).listenIn, true);
    const before = colleagueCall();
    const mark = colleague.mark();
    assert.deepEqual(await env.current!.app.handle('listenIn', { number: '1002' }), { ok: true, result: 1 });
    const s = await until(env.current!.app, 'listening', (st) =>
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
    assert.deepEqual(await env.current!.app.handle('hangup', { c1: leg.c1 }), { ok: true, result: 1 });
    await until(env.current!.app, 'leg gone', (st) => Object.keys(st.core.calls).length === 0);
    assert.deepEqual(colleagueCall(), before, 'still as it was');
    assert.equal(colleague.frames.length, mark, 'the colleague heard nothing of it');
    const record = env.current!.app.getState().history.recent[0]!;
    assert.equal(record.listened, true);
    assert.equal(env.current!.app.getState().today.handled, 0, 'listening is not a call handled');
  });
});
