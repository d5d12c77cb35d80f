// The CSTA event sequences of protocol.md's "Scenarios in detail", as a monitor receives them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, waitFor, type Frame, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

const ids = (frames: Frame[]) => frames.map((f) => `${f.id}:${f.this}`);
const FTIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{2}$/;

async function logon(c: RawClient, device: string, wmode = 3): Promise<void> {
  const r = await c.request({
    fname: 'logon',
    this: device,
    agent: { id: device, group: '401', channel: '0', wmode: String(wmode) },
  });
  assert.equal(r.result, 1, `logon ${device}`);
}

describe('simulator: call flows', () => {
  let sim: Simulator;
  let a: RawClient; // 1001
  let b: RawClient; // 1002
  let c: RawClient; // 1003
  before(async () => {
    sim = await simulator();
    a = await guideClient(sim.endpoints[0]!, '1001');
    b = await guideClient(sim.endpoints[0]!, '1002');
    c = await guideClient(sim.endpoints[0]!, '1003');
  });
  after(async () => {
    await Promise.all([a, b, c].map((x) => x.close()));
    await sim.stop();
  });

  async function settle(): Promise<void> {
    await waitFor(() => sim.state().calls.length === 0, 5000, 'no calls left');
  }

  test('dial 1001 -> 1002: 13, 10 at A; 4 at A and B; answer 6; clear 3, 3, 1', async () => {
    const [ma, mb] = [a.mark(), b.mark()];
    assert.equal((await a.request({ fname: 'dial', this: '1001', called: '1002', uui: 'hello' })).result, 1);
    const delivered = await b.waitEvent(4, { from: mb });
    assert.equal(delivered.monitor, '1002');
    assert.equal(delivered.this, '1002');
    assert.equal(delivered.call?.other, '1001');
    assert.equal(delivered.call?.ctype, 3);
    assert.equal(delivered.call?.uui, 'hello');
    assert.match(String(delivered.ftime), FTIME);
    assert.equal(typeof delivered.cnid, 'string');
    await a.waitEvent(4, { from: ma });
    assert.deepEqual(ids(a.events().slice(a.events().length - 3)), ['13:1001', '10:1001', '4:1002']);
    const atA = a.frames.slice(ma).find((f) => f.id === 4)!;
    assert.equal(atA.monitor, '1001');
    assert.equal(atA.call?.other, atA.monitor, 'the guide sample tells "I placed this call" by other == monitor');
    assert.equal(atA.call?.third, '1002');
    const c1 = Number(delivered.call?.c1);
    assert.ok(c1 >= 1 && c1 <= 32766);

    assert.equal((await b.request({ fname: 'answer', this: '1002', c1: String(c1) })).result, 1);
    await a.waitEvent(6, { from: ma, this: '1002' });
    await b.waitEvent(6, { from: mb, this: '1002' });

    assert.equal((await a.request({ fname: 'clear', this: '1001', c1: String(c1) })).result, 1);
    await b.waitEvent(1, { from: mb });
    assert.deepEqual(ids(b.frames.slice(mb).filter((f) => f.fname === 'event')), [
      '4:1002',
      '6:1002',
      '3:1001',
      '3:1002',
      '1:1001',
    ]);
    const cnsqs = b.frames
      .slice(mb)
      .filter((f) => f.fname === 'event')
      .map((f) => Number(f.cnsq));
    assert.deepEqual(
      cnsqs,
      [...cnsqs].sort((x, y) => x - y),
      'cnsq grows along the call',
    );
    await settle();
  });

  test('dial to an external number: 13, 10, 9 NetworkReached, then 6 when it answers (ctype 2, origin = trunk)', async () => {
    const ma = a.mark();
    await a.request({ fname: 'dial', this: '1001', called: '0212345678' });
    const established = await a.waitEvent(6, { from: ma });
    assert.deepEqual(ids(a.frames.slice(ma).filter((f) => f.fname === 'event')), [
      '13:1001',
      '10:1001',
      '9:0212345678',
      '6:0212345678',
    ]);
    assert.equal(established.call?.ctype, 2);
    assert.equal(established.call?.origin, '9000');
    await a.request({ fname: 'clear', this: '1001', c1: String(established.call?.c1) });
    await settle();
  });

  test('inbound to an extension rings it (ctype 1); the caller hanging up clears it', async () => {
    const mc = c.mark();
    const { c1 } = sim.inbound({ from: '01012345678', to: '1003', uui: 'order=77' });
    const ring = await c.waitEvent(4, { from: mc });
    assert.equal(ring.call?.ctype, 1);
    assert.equal(ring.call?.other, '01012345678');
    assert.equal(ring.call?.uui, 'order=77');
    assert.equal(ring.call?.origin, '9000');
    assert.ok(sim.hangup(c1));
    await c.waitEvent(1, { from: mc });
    await settle();
  });

  test('hold and retrieve: 8 and 12 at every monitor of the call', async () => {
    const mb = b.mark();
    await a.request({ fname: 'dial', this: '1001', called: '1002' });
    const c1 = String((await b.waitEvent(4, { from: mb })).call?.c1);
    await b.request({ fname: 'answer', this: '1002', c1 });
    assert.equal((await b.request({ fname: 'hold', this: '1002', c1 })).result, 1);
    assert.equal((await b.request({ fname: 'hold', this: '1002', c1 })).result, -4005, 'holding a held call');
    await a.waitEvent(8, { this: '1002', from: a.mark() - 5 });
    assert.equal((await b.request({ fname: 'retrieve', this: '1002', c1 })).result, 1);
    await a.waitEvent(12, { this: '1002' });
    await a.request({ fname: 'clear', this: '1001', c1 });
    await settle();
  });

  test('consult and transfer: 8 at A and B; new call ctype 4 with called = A; 14 with c1 = k1, c2 = k1, c3 = k2', async () => {
    const [ma, mb, mc] = [a.mark(), b.mark(), c.mark()];
    await b.request({ fname: 'dial', this: '1002', called: '1001' });
    const k1 = Number((await a.waitEvent(4, { from: ma })).call?.c1);
    await a.request({ fname: 'answer', this: '1001', c1: String(k1) });
    assert.equal(
      (await a.request({ fname: 'consult', this: '1001', c1: String(k1), called: '1003', mode: '0' })).result,
      1,
    );
    await b.waitEvent(8, { this: '1001', from: mb });
    const consultRing = await c.waitEvent(4, { from: mc });
    assert.equal(consultRing.call?.ctype, 4);
    assert.equal(consultRing.call?.called, '1001');
    assert.equal(consultRing.call?.other, '1001');
    const k2 = Number(consultRing.call?.c1);
    assert.notEqual(k2, k1);
    await c.request({ fname: 'answer', this: '1003', c1: String(k2) });
    assert.equal(
      (await a.request({ fname: 'transfer', this: '1001', c1: String(k2), held: '1002', c2: String(k1) })).result,
      1,
    );
    for (const x of [a, b, c]) {
      const t = await x.waitEvent(14, { this: '1001' });
      assert.deepEqual([t.call?.c1, t.call?.c2, t.call?.c3, t.call?.ctype], [k1, k1, k2, 5]);
    }
    const call = sim.state().calls.find((k) => k.c1 === k1);
    assert.deepEqual(call?.parties.map((p) => p.device).sort(), ['1002', '1003']);
    await b.request({ fname: 'clear', this: '1002', c1: String(k1) });
    await settle();
  });

  test('consult and conference: 2 at A, B and C; all three in k1 (ctype 6)', async () => {
    const [ma, mc] = [a.mark(), c.mark()];
    await b.request({ fname: 'dial', this: '1002', called: '1001' });
    const k1 = Number((await a.waitEvent(4, { from: ma })).call?.c1);
    await a.request({ fname: 'answer', this: '1001', c1: String(k1) });
    await a.request({ fname: 'consult', this: '1001', c1: String(k1), called: '1003', mode: '1' });
    const k2 = Number((await c.waitEvent(4, { from: mc })).call?.c1);
    await c.request({ fname: 'answer', this: '1003', c1: String(k2) });
    assert.equal(
      (await a.request({ fname: 'confer', this: '1001', c1: String(k2), held: '1002', c2: String(k1) })).result,
      1,
    );
    const conf = await c.waitEvent(2, { this: '1001' });
    assert.deepEqual([conf.call?.c1, conf.call?.c2, conf.call?.c3, conf.call?.ctype], [k1, k1, k2, 6]);
    assert.deepEqual(
      sim
        .state()
        .calls.find((k) => k.c1 === k1)
        ?.parties.map((p) => p.device)
        .sort(),
      ['1001', '1002', '1003'],
    );
    for (const d of ['1001', '1002', '1003'])
      await a.request({ fname: 'clear', this: d, c1: String(k1) }).catch(() => undefined);
    await settle();
  });

  test('single-step transfer: 14 at A and B, then 4 at C for k1 (ctype 5); C answers with 6', async () => {
    const [ma, mc] = [a.mark(), c.mark()];
    await b.request({ fname: 'dial', this: '1002', called: '1001' });
    const k1 = Number((await a.waitEvent(4, { from: ma })).call?.c1);
    await a.request({ fname: 'answer', this: '1001', c1: String(k1) });
    assert.equal((await a.request({ fname: 'sstransfer', this: '1001', c1: String(k1), called: '1003' })).result, 1);
    await b.waitEvent(14, { this: '1001' });
    const ring = await c.waitEvent(4, { from: mc });
    assert.deepEqual([ring.call?.c1, ring.call?.ctype], [k1, 5]);
    await c.request({ fname: 'answer', this: '1003', c1: String(k1) });
    await b.waitEvent(6, { this: '1003' });
    await c.request({ fname: 'clear', this: '1003', c1: String(k1) });
    await settle();
  });

  test('listen in (bargein): a silent leg at the listener only (13, 10, 6, third = the one listened to); the call listened to is not changed, its parties hear nothing; clearing the leg leaves it as it was', async () => {
    const sup = await guideClient(sim.endpoints[0]!, '1009');
    const mb = b.mark();
    await a.request({ fname: 'dial', this: '1001', called: '1002' });
    const k1 = Number((await b.waitEvent(4, { from: mb })).call?.c1);
    await b.request({ fname: 'answer', this: '1002', c1: String(k1) });
    await a.waitEvent(6, { this: '1002' });
    const before = sim.state().calls.find((k) => k.c1 === k1);
    const [ma, mb2, ms] = [a.mark(), b.mark(), sup.mark()];
    assert.equal((await sup.request({ fname: 'bargein', this: '1009', called: '1002' })).result, 1);
    const leg = await sup.waitEvent(6, { from: ms, this: '1009' });
    const k2 = Number(leg.call?.c1);
    assert.notEqual(k2, k1, 'a leg of its own');
    assert.equal(leg.call?.third, '1002');
    assert.deepEqual(
      sup.frames
        .slice(ms)
        .filter((f) => f.fname === 'event')
        .map((e) => e.id),
      [13, 10, 6],
    );
    const listening = sim.state().calls.find((k) => k.c1 === k2);
    assert.deepEqual(listening?.parties, [{ device: '1009', state: 'listening' }]);
    assert.deepEqual(listening?.listensTo, { c1: k1, device: '1002' });
    assert.deepEqual(
      sim.state().calls.find((k) => k.c1 === k1),
      before,
      'the call listened to is as it was',
    );
    assert.equal(a.frames.length, ma, 'the caller hears nothing of it');
    assert.equal(b.frames.length, mb2, 'the agent listened to hears nothing of it');

    await sup.request({ fname: 'clear', this: '1009', c1: String(k2) });
    await sup.waitEvent(1, { from: ms, this: '1009' });
    assert.deepEqual(
      sim.state().calls.find((k) => k.c1 === k1),
      before,
      'still as it was',
    );
    assert.equal(a.frames.length, ma);
    assert.equal(b.frames.length, mb2);

    // Listening again; the call listened to ends: so does the leg.
    const ms2 = sup.mark();
    assert.equal((await sup.request({ fname: 'bargein', this: '1009', called: '1002' })).result, 1);
    const k3 = Number((await sup.waitEvent(6, { from: ms2 })).call?.c1);
    await a.request({ fname: 'clear', this: '1001', c1: String(k1) });
    const ended = await sup.waitEvent(3, { from: ms2, this: '1009' });
    assert.equal(ended.call?.c1, k3);
    assert.equal(
      (await sup.request({ fname: 'bargein', this: '1009', called: '1004' })).result,
      -4005,
      'nobody on a call at 1004 to listen to',
    );
    await sup.close();
    await settle();
  });
});

describe('simulator: agents and the ACD', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator();
  });
  after(() => sim.stop());

  test('logon: 201 then the state of the work mode (1 -> 203, 2 -> 206, 3 and 4 -> 204)', async () => {
    for (const [device, wmode, state] of [
      ['1004', 1, 203],
      ['1005', 2, 206],
      ['1006', 3, 204],
      ['1007', 4, 204],
    ] as const) {
      const x = await guideClient(sim.endpoints[0]!, device);
      await logon(x, device, wmode);
      const on = await x.waitEvent(201);
      assert.deepEqual(on.agent, { id: device, reason: 0, wmode });
      await x.waitEvent(state);
      assert.equal(
        (await x.request({ fname: 'logoff', this: device, agent: { id: device, group: '401', reason: '0' } })).result,
        1,
      );
      await x.waitEvent(202);
      await x.close();
    }
  });

  test('ready / notready with a reason / afterwork: 204 / 203 / 206; a second logon is refused and counted once', async () => {
    const x = await guideClient(sim.endpoints[0]!, '1004');
    await logon(x, '1004', 1);
    const logons = () => sim.state().agents.find((a) => a.device === '1004')?.logons;
    const logonsAfterFirst = logons();
    const m = x.mark();
    await x.request({ fname: 'ready', this: '1004', agent: { id: '1004', reason: '0' } });
    await x.waitEvent(204, { from: m });
    await x.request({ fname: 'notready', this: '1004', agent: { id: '1004', reason: '3' } });
    assert.equal((await x.waitEvent(203, { from: m })).agent?.reason, 3);
    await x.request({ fname: 'afterwork', this: '1004', agent: { id: '1004', reason: '0' } });
    await x.waitEvent(206, { from: m });
    assert.equal(
      (await x.request({ fname: 'logon', this: '1004', agent: { id: '1004', group: '401', channel: '0', wmode: '1' } }))
        .result,
      -4005,
    );
    assert.equal(logons(), logonsAfterFirst, 'the refused logon is not counted');
    await x.request({ fname: 'logoff', this: '1004', agent: { id: '1004', group: '401', reason: '0' } });
    await x.close();
  });

  test('a call to queue 401: 11 at the queue with wqueue/wtime, delivered to the longest-idle Ready agent, at the agent and the queue', async () => {
    const q = await guideClient(sim.endpoints[0]!, '401');
    const x = await guideClient(sim.endpoints[0]!, '1004');
    const y = await guideClient(sim.endpoints[0]!, '1005');
    await logon(x, '1004', 1); // not ready
    const mq = q.mark();
    const { c1 } = sim.inbound({
      from: '01099998888',
      to: '401',
      uui: 'customer=1',
      attach: { uei: 'vip', ci: 'camp-1' },
    });
    const queued = await q.waitEvent(11, { from: mq });
    assert.deepEqual(queued.queue, { dn: '401', wqueue: 1, wtime: 0 });
    assert.equal(queued.call?.ctype, 1);
    assert.equal(sim.state().queues.find((k) => k.dn === '401')?.waiting, 1);
    // nobody ready: it waits. y logs on Ready later than x goes Ready, so x has waited longest.
    await x.request({ fname: 'ready', this: '1004', agent: { id: '1004', reason: '0' } });
    const ring = await x.waitEvent(4);
    assert.equal(ring.call?.c1, c1);
    assert.deepEqual(ring.attach, { uei: 'vip', ci: 'camp-1' });
    assert.equal(ring.queue?.dn, '401');
    assert.equal(ring.call?.other, '01099998888');
    await q.waitEvent(4, { this: '1004', from: mq });
    await logon(y, '1005', 3);
    await x.request({ fname: 'answer', this: '1004', c1: String(c1) });
    assert.equal(
      (await x.request({ fname: 'logoff', this: '1004', agent: { id: '1004', group: '401', reason: '0' } })).result,
      -4005,
      'logoff refused on a call',
    );
    sim.hangup(c1);
    await x.waitEvent(1);
    // next call goes to the longest-idle: y (x just finished a call)
    const m2 = y.mark();
    const second = sim.inbound({ from: '01011112222', to: '401' });
    assert.equal((await y.waitEvent(4, { from: m2 })).call?.c1, second.c1);
    sim.hangup(second.c1);
    await y.waitEvent(1, { from: m2 });
    for (const [k, d] of [
      [x, '1004'],
      [y, '1005'],
    ] as const) {
      assert.equal(
        (await k.request({ fname: 'logoff', this: d, agent: { id: d, group: '401', reason: '0' } })).result,
        1,
      );
    }
    await Promise.all([q, x, y].map((k) => k.close()));
  });

  test('MANUAL_IN: after an ACD call the agent goes to After work (206) by itself', async () => {
    const x = await guideClient(sim.endpoints[0]!, '1008');
    await logon(x, '1008', 4);
    const { c1 } = sim.inbound({ from: '01033334444', to: '401' });
    await x.waitEvent(4);
    await x.request({ fname: 'answer', this: '1008', c1: String(c1) });
    const m = x.mark();
    sim.hangup(c1);
    await x.waitEvent(206, { from: m });
    assert.equal(sim.state().agents.find((a) => a.device === '1008')?.state, 'afterWork');
    await x.close();
  });
});
