// A queue call rings out at an agent who does not answer (ring-no-answer, config `ringNoAnswerMs`,
// or at once by the control port's POST /ring-out): the agent's connection clears (3 at the agent),
// the call waits in its queue again (11) and the caller stays on the line. An inbound call says the
// number the caller dialled (`origin`) and its queue on the event that rings the agent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';
import { controlClient } from '../helpers/control-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

async function ready(c: RawClient, device: string): Promise<void> {
  const r = await c.request({
    fname: 'logon',
    this: device,
    agent: { id: device, group: '401', channel: '0', wmode: '3' },
  });
  assert.equal(r.result, 1, `logon ${device}`);
}
async function logoff(c: RawClient, device: string): Promise<void> {
  await c.request({ fname: 'logoff', this: device, agent: { id: device, group: '401', reason: '0' } });
}

describe('simulator: a queue call rings out unanswered', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator({ controlPort: 0, config: { ringNoAnswerMs: 400, offerDeclinedAgainMs: 60_000 } });
  });
  after(() => sim.stop());

  test('after ringNoAnswerMs: cleared at the agent, queued again, the caller still there; origin and queue on the ring', async () => {
    const q = await guideClient(sim.endpoints[0]!, '401');
    const x = await guideClient(sim.endpoints[0]!, '1004');
    await ready(x, '1004');
    const mx = x.mark();
    const { c1 } = sim.inbound({ from: '01099990001', to: '401', origin: '7001' });
    const ring = await x.waitEvent(4, { from: mx, this: '1004' });
    assert.equal(ring.call?.origin, '7001', 'the number the caller dialled');
    assert.equal(ring.queue?.dn, '401', 'the queue it came through');
    const rang = Date.now();
    const mq = q.mark();
    const cleared = await x.waitEvent(3, { from: mx, this: '1004' });
    assert.ok(Date.now() - rang >= 300, `rang out after the set time, not at once (${Date.now() - rang} ms)`);
    assert.equal(cleared.call?.c1, c1);
    const queued = await q.waitEvent(11, { from: mq });
    assert.equal(queued.call?.c1, c1);
    assert.deepEqual(
      sim
        .state()
        .calls.find((k) => k.c1 === c1)
        ?.parties.map((p) => p.device),
      ['01099990001'],
      'the caller waits again',
    );
    sim.hangup(c1);
    await logoff(x, '1004');
    await q.close();
    await x.close();
  });
});

describe('simulator: a queue call rung out from the control port', () => {
  let sim: Simulator;
  // No ring-no-answer here: the call rings until the control port says otherwise, however slow the machine.
  before(async () => {
    sim = await simulator({ controlPort: 0, config: { offerDeclinedAgainMs: 60_000 } });
  });
  after(() => sim.stop());

  test('POST /ring-out rings a call out now; a call not ringing at an agent is refused (404)', async () => {
    const control = controlClient(sim);
    const x = await guideClient(sim.endpoints[0]!, '1005');
    await ready(x, '1005');
    const mx = x.mark();
    const { c1 } = sim.inbound({ from: '01099990002', to: '401' });
    const ring = await x.waitEvent(4, { from: mx, this: '1005' });
    assert.equal(ring.call?.origin, '9000', 'no origin given: the trunk');
    const out = await control.post('/ring-out', { c1 });
    assert.equal(out.status, 200);
    const cleared = await x.waitEvent(3, { from: mx, this: '1005' });
    assert.equal(cleared.call?.c1, c1);
    assert.equal((await control.post('/ring-out', { c1 })).status, 404, 'waiting in the queue: rings nowhere');
    sim.hangup(c1);
    await logoff(x, '1005');
    await x.close();
  });
});
