// An agent declines a call (clear before answering). A queue call goes back to its queue, first in
// line, to the next Ready agent, and with none free to the same agent again after a while (the
// caller is not dropped, nor kept waiting forever); a call dialled straight to the agent's
// extension has nowhere else to go: the caller is disconnected.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, waitFor, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

async function logon(c: RawClient, device: string, wmode: number): Promise<void> {
  const r = await c.request({
    fname: 'logon',
    this: device,
    agent: { id: device, group: '401', channel: '0', wmode: String(wmode) },
  });
  assert.equal(r.result, 1, `logon ${device}`);
}
async function logoff(c: RawClient, device: string): Promise<void> {
  assert.equal(
    (await c.request({ fname: 'logoff', this: device, agent: { id: device, group: '401', reason: '0' } })).result,
    1,
    `logoff ${device}`,
  );
}

describe('simulator: declining a ringing call', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator();
  });
  after(() => sim.stop());

  test('a queue call declined goes back to the queue (3 at the agent, 11 at the queue), first in line, to another agent; the caller stays', async () => {
    const q = await guideClient(sim.endpoints[0]!, '401');
    const x = await guideClient(sim.endpoints[0]!, '1004');
    const y = await guideClient(sim.endpoints[0]!, '1005');
    await logon(x, '1004', 3); // Ready: gets the call
    const { c1 } = sim.inbound({ from: '01099990001', to: '401' });
    await x.waitEvent(4);
    const later = sim.inbound({ from: '01099990002', to: '401' }); // waits behind it
    await waitFor(
      () => q.events().some((e) => e.id === 11 && e.call?.c1 === later.c1),
      5000,
      'the later caller queued',
    );
    const [mx, mq] = [x.mark(), q.mark()];
    assert.equal((await x.request({ fname: 'clear', this: '1004', c1: String(c1) })).result, 1);
    const cleared = await x.waitEvent(3, { from: mx, this: '1004' });
    assert.equal(cleared.call?.c1, c1);
    const queued = await q.waitEvent(11, { from: mq });
    assert.equal(queued.call?.c1, c1);
    assert.equal(queued.queue?.wqueue, 2);
    const call = sim.state().calls.find((k) => k.c1 === c1);
    assert.deepEqual(
      call?.parties.map((p) => p.device),
      ['01099990001'],
      'the caller is still on the line, waiting',
    );
    assert.equal(
      sim.state().queues.find((k) => k.dn === '401')?.waiting,
      1,
      'the declining agent, free again, got the next caller',
    );
    assert.equal(
      sim
        .state()
        .calls.find((k) => k.c1 === later.c1)
        ?.parties.some((p) => p.device === '1004'),
      true,
      'not the call they declined',
    );
    assert.equal(
      x
        .events()
        .slice(mx)
        .some((e) => e.id === 1),
      false,
      'no CallCleared: the call goes on',
    );

    // Another agent becomes free: the declined caller (first in line) rings there.
    const my = y.mark();
    await logon(y, '1005', 3);
    const ring = await y.waitEvent(4, { from: my });
    assert.equal(ring.call?.c1, c1);
    assert.equal(
      sim.state().agents.find((a) => a.device === '1004')?.state,
      'ready',
      'declining changes nothing of the agent state',
    );

    sim.hangup(c1);
    sim.hangup(later.c1);
    await waitFor(() => sim.state().calls.length === 0, 5000, 'no calls left');
    await logoff(x, '1004');
    await logoff(y, '1005');
    await Promise.all([q, x, y].map((k) => k.close()));
  });

  test('a call to the extension itself declined: the caller is disconnected (3, 3, 1)', async () => {
    const x = await guideClient(sim.endpoints[0]!, '1006');
    const { c1 } = sim.inbound({ from: '01099990003', to: '1006' });
    await x.waitEvent(4);
    const mx = x.mark();
    assert.equal((await x.request({ fname: 'clear', this: '1006', c1: String(c1) })).result, 1);
    await x.waitEvent(1, { from: mx });
    assert.equal(
      sim.state().calls.find((k) => k.c1 === c1),
      undefined,
    );
    await x.close();
  });
});

describe('simulator: a declined queue call is offered again', () => {
  const AGAIN_MS = 400;
  let sim: Simulator;
  before(async () => {
    sim = await simulator({ config: { offerDeclinedAgainMs: AGAIN_MS } });
  });
  after(() => sim.stop());

  test('with another agent Ready it rings there at once', async () => {
    const x = await guideClient(sim.endpoints[0]!, '1002');
    const y = await guideClient(sim.endpoints[0]!, '1003');
    await logon(x, '1002', 3);
    await logon(y, '1003', 3); // idle for less time than x: x gets the call first
    const { c1 } = sim.inbound({ from: '01099990011', to: '401' });
    await x.waitEvent(4);
    const my = y.mark();
    const declinedAt = Date.now();
    assert.equal((await x.request({ fname: 'clear', this: '1002', c1: String(c1) })).result, 1);
    const ring = await y.waitEvent(4, { from: my });
    assert.equal(ring.call?.c1, c1);
    assert.ok(Date.now() - declinedAt < AGAIN_MS, 'not after waiting for the declining agent');
    sim.hangup(c1);
    await waitFor(() => sim.state().calls.length === 0, 5000, 'no calls left');
    await logoff(x, '1002');
    await logoff(y, '1003');
    await Promise.all([x, y].map((k) => k.close()));
  });

  test('with nobody else Ready it rings again at the agent who declined it, after the set time', async () => {
    const x = await guideClient(sim.endpoints[0]!, '1007');
    await logon(x, '1007', 3);
    const { c1 } = sim.inbound({ from: '01099990012', to: '401' });
    await x.waitEvent(4);
    const mx = x.mark();
    const declinedAt = Date.now();
    assert.equal((await x.request({ fname: 'clear', this: '1007', c1: String(c1) })).result, 1);
    await x.waitEvent(3, { from: mx, this: '1007' });
    const again = await x.waitEvent(4, { from: mx, this: '1007' });
    assert.equal(again.call?.c1, c1, 'the same caller, offered again');
    assert.ok(Date.now() - declinedAt >= AGAIN_MS - 20, 'only after the set time');
    assert.equal(sim.state().queues.find((k) => k.dn === '401')?.waiting, 0, 'no longer waiting');
    sim.hangup(c1);
    await waitFor(() => sim.state().calls.length === 0, 5000, 'no calls left');
    await logoff(x, '1007');
    await x.close();
  });
});
