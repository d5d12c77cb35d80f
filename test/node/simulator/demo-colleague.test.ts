// Demo mode has a colleague at 1002 who answers the agent's consult after a few seconds, so a new
// agent can rehearse a transfer with nobody else logged in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';
import { EventId } from '../../../src-main/common/protocol/codes.ts';

const DEMO = {
  firstCallMs: 3_600_000,
  minIntervalMs: 3_600_000,
  maxIntervalMs: 3_600_000,
  abandonMs: 3_600_000,
  talkMs: 3_600_000,
};

test('demo: a consult to 1002 is answered by the colleague after colleagueAnswerMs; the agent transfers to them', async (t) => {
  const sim = await simulator({ demo: true, config: { demo: { ...DEMO, colleague: '1002', colleagueAnswerMs: 600 } } });
  const agent = await guideClient(sim.endpoints[0]!, '1001');
  t.after(async () => {
    agent.close();
    await sim.stop();
  });
  const { c1 } = sim.inbound({ from: '01012341234', to: '1001' });
  await agent.waitEvent(EventId.Delivered, { this: '1001' });
  assert.equal((await agent.request({ fname: 'answer', this: '1001', c1: String(c1) })).result, 1);
  assert.equal(
    (await agent.request({ fname: 'consult', this: '1001', c1: String(c1), called: '1002', mode: '0' })).result,
    1,
  );
  const ringing = await agent.waitEvent(EventId.Delivered, { this: '1002' });
  const asked = Date.now();
  const c2 = Number(ringing.call?.c1);
  await agent.waitEvent(EventId.Established, { this: '1002' }, 5000);
  const waited = Date.now() - asked;
  assert.ok(waited >= 400 && waited < 2000, `answered after ${waited} ms`);
  const states = () =>
    sim
      .state()
      .calls.find((c) => c.c1 === c2)
      ?.parties.map((p) => `${p.device}:${p.state}`);
  assert.deepEqual(states()?.sort(), ['1001:connected', '1002:connected']);
  assert.equal(
    (await agent.request({ fname: 'transfer', this: '1001', c1: String(c2), held: '1001', c2: String(c1) })).result,
    1,
  );
  const customerCall = sim.state().calls.find((c) => c.parties.some((p) => p.device === '01012341234'));
  assert.deepEqual(customerCall?.parties.map((p) => p.device).sort(), ['01012341234', '1002']);
});

test('without demo mode nobody answers at 1002', async (t) => {
  const sim = await simulator({ config: { demo: { ...DEMO, colleague: '1002', colleagueAnswerMs: 100 } } });
  const agent = await guideClient(sim.endpoints[0]!, '1001');
  t.after(async () => {
    agent.close();
    await sim.stop();
  });
  assert.equal((await agent.request({ fname: 'dial', this: '1001', called: '1002', mode: '0' })).result, 1);
  await agent.waitEvent(EventId.Delivered, { this: '1002' });
  await new Promise((r) => setTimeout(r, 600));
  assert.ok(sim.state().calls.some((c) => c.parties.some((p) => p.device === '1002' && p.state === 'ringing')));
});
