// A consult nobody answers: "Cancel consult" clears the consult call and takes the customer back,
// through the real core and simulator (the switch's own state says so).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appOnSimulator, until } from './app-rig.ts';
import { guideClient } from '../helpers/raw-client.ts';
import { unansweredConsult } from '../../../src-main/common/state/consult-cancel.ts';

const CUSTOMER = '01088889999';

describe('cancel an unanswered consult', () => {
  const env = appOnSimulator();

  test('the consult rings on; cancelled, the consult call is gone and the customer talks with the agent again', async (t) => {
    const app = await env.start();
    const colleague = await guideClient(env.sim.endpoints[0]!, '1003'); // rings, never answers
    t.after(() => colleague.close());
    const { c1 } = env.sim.inbound({ from: CUSTOMER, to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    await app.handle('answer', { c1 });
    await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    assert.equal((await app.handle('consult', { c1, number: '1003', mode: 'transfer' })).ok, true);
    const ring = await colleague.waitEvent(4);
    const c2 = Number(ring.call?.c1);
    const state = await until(app, 'consult ringing', (s) => s.core.calls[c2]?.phase === 'dialing');
    // Offered only once it has rung the set time (10 s by default).
    const seconds = state.settings.settings.calls.consultCancelOfferSeconds;
    assert.equal(seconds, 10);
    const legAt = state.core.calls[c2]!.startedAt;
    assert.equal(unansweredConsult(state.core.calls, legAt + 9_000, seconds), undefined);
    assert.equal(unansweredConsult(state.core.calls, legAt + 10_000, seconds)?.leg.c1, c2);

    assert.deepEqual(await app.handle('cancelConsult', { c1: c2 }), { ok: true, result: 1 });
    await until(app, 'customer back', (s) => s.core.calls[c1]?.phase === 'connected' && !s.core.calls[c2]);
    const atSwitch = env.sim.state().calls;
    assert.equal(
      atSwitch.some((c) => c.c1 === c2),
      false,
      'the consult call is cleared at the switch',
    );
    assert.deepEqual(
      atSwitch
        .find((c) => c.c1 === c1)
        ?.parties.map((p) => `${p.device}:${p.state}`)
        .sort(),
      [`${CUSTOMER}:connected`, '1001:connected'],
    );
    // A call that is not a consult leg is refused in words.
    const refused = await app.handle('cancelConsult', { c1 });
    assert.ok(!refused.ok && refused.kind === 'invalid' && /no consult/i.test(refused.message.en));
    env.sim.hangup(c1);
  });
});
