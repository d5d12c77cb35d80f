// Who ended a call, told from the switch's events through the real core and simulator: the card
// stays with who ended it, and the history keeps it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { appOnSimulator, until } from './app-rig.ts';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';

const CUSTOMER = '01055556666';

async function talking(app: AppController, sim: { inbound(r: { from: string; to: string }): { c1: number } }) {
  const { c1 } = sim.inbound({ from: CUSTOMER, to: '1001' });
  await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
  assert.equal((await app.handle('answer', { c1 })).ok, true);
  await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
  return c1;
}

/** A customer's call answered, then a consult to 1003 that the colleague answers. */
async function consultAnswered(app: AppController, sim: Parameters<typeof talking>[1], colleague: RawClient) {
  const c1 = await talking(app, sim);
  assert.equal((await app.handle('consult', { c1, number: '1003', mode: 'transfer' })).ok, true);
  const ring = await colleague.waitEvent(4);
  const c2 = Number(ring.call?.c1);
  await colleague.request({ fname: 'answer', this: '1003', c1: String(c2) });
  await until(app, 'consult connected', (s) => s.core.calls[c2]?.phase === 'connected');
  return { c1, c2 };
}

const endedCard = (app: AppController, party: string) =>
  until(app, `the ended card of ${party}`, (s) => s.endedCalls?.some((e) => e.party === party) === true);
const card = (s: AppState, party: string) => s.endedCalls?.find((e) => e.party === party);
const record = (s: AppState, number: string) => s.history.recent.find((r) => r.number === number);

describe('who ended a call', () => {
  const env = appOnSimulator();

  test('the caller hangs up while talking: the card stays, "caller", and the history says so', async () => {
    const app = await env.start();
    await talking(app, env.sim);
    const [c1] = Object.keys(app.getState().core.calls).map(Number);
    env.sim.hangup(c1!);
    const state = await endedCard(app, CUSTOMER);
    assert.equal(Object.keys(state.core.calls).length, 0, 'no live call is faked');
    assert.equal(card(state, CUSTOMER)?.endedBy, 'caller');
    assert.equal(record(state, CUSTOMER)?.endedBy, 'caller');
    // dismissed by the agent
    const key = card(state, CUSTOMER)!.key;
    assert.deepEqual(await app.handle('dismissEnded', { key }), { ok: true });
    await until(app, 'card gone', (s) => s.endedCalls === undefined);
  });

  test('the caller hangs up while on hold; the next call that rings takes the card away', async () => {
    const app = await env.start();
    const c1 = await talking(app, env.sim);
    await app.handle('hold', { c1 });
    await until(app, 'held', (s) => s.core.calls[c1]?.phase === 'held');
    env.sim.hangup(c1);
    const state = await endedCard(app, CUSTOMER);
    assert.equal(card(state, CUSTOMER)?.endedBy, 'caller');
    const next = env.sim.inbound({ from: '01099998888', to: '1001' });
    await until(app, 'next ringing', (s) => s.core.calls[next.c1]?.phase === 'ringing');
    assert.equal(app.getState().endedCalls, undefined);
    env.sim.hangup(next.c1);
  });

  test('the agent hangs up: "agent"', async () => {
    const app = await env.start();
    const c1 = await talking(app, env.sim);
    await app.handle('hangup', { c1 });
    const state = await endedCard(app, CUSTOMER);
    assert.equal(card(state, CUSTOMER)?.endedBy, 'agent');
    assert.equal(record(state, CUSTOMER)?.endedBy, 'agent');
  });

  test('mid-consult the colleague leaves: "colleague", the customer stays on hold; then the caller hangs up', async (t) => {
    const app = await env.start();
    const colleague = await guideClient(env.sim.endpoints[0]!, '1003');
    t.after(() => colleague.close());
    const { c1, c2 } = await consultAnswered(app, env.sim, colleague);
    await colleague.request({ fname: 'clear', this: '1003', c1: String(c2) });
    const state = await endedCard(app, '1003');
    assert.equal(card(state, '1003')?.endedBy, 'colleague');
    assert.equal(card(state, '1003')?.consult, true);
    assert.equal(state.core.calls[c1]?.phase, 'held', 'the customer is still there, on hold');
    assert.equal(card(state, CUSTOMER), undefined);
    env.sim.hangup(c1);
    const after = await endedCard(app, CUSTOMER);
    assert.equal(card(after, CUSTOMER)?.endedBy, 'caller');
  });

  test('the agent transfers: the customer\'s card says "transferred", the consult leg has none of its own', async (t) => {
    const app = await env.start();
    const colleague = await guideClient(env.sim.endpoints[0]!, '1003');
    t.after(() => colleague.close());
    const { c1, c2 } = await consultAnswered(app, env.sim, colleague);
    assert.equal((await app.handle('transfer', { activeC1: c2, heldC1: c1 })).ok, true);
    const state = await endedCard(app, CUSTOMER);
    assert.deepEqual(
      state.endedCalls?.map((e) => [e.party, e.endedBy]),
      [[CUSTOMER, 'transferred']],
    );
    assert.equal(record(state, CUSTOMER)?.endedBy, 'transferred');
    env.sim.hangup(c1);
  });
});
