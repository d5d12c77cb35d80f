// The reducer fed with the events the simulator really sends for each scenario of protocol.md,
// checked for what the toolbar would show; then the oddities of real servers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallType, decodeFrame, eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { guideClient, waitFor, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

const identity = { device: '1001', agentId: '1001', queues: ['401'] };

/** The agent's toolbar: a raw client monitoring 1001 and 401 whose frames go through the reducer. */
class Toolbar {
  state: CoreState = initialState(identity, 1, 0);
  private seen = 0;
  constructor(readonly client: RawClient) {}
  /** Reduces every frame received so far. */
  update(): CoreState {
    for (const frame of this.client.frames.slice(this.seen)) {
      const decoded = decodeFrame(JSON.stringify(frame));
      if (decoded.kind === 'event') this.state = reduce(this.state, { type: 'event', event: decoded.event, at: Date.now() });
    }
    this.seen = this.client.frames.length;
    return this.state;
  }
  async until(what: string, pred: (s: CoreState) => boolean): Promise<CoreState> {
    return waitFor(() => (pred(this.update()) ? this.state : undefined), 5000, what);
  }
  calls() {
    return Object.values(this.update().calls);
  }
}

describe('reducer, on the events the simulator sends', () => {
  let sim: Simulator;
  let me: Toolbar;
  let b: RawClient;
  let c: RawClient;
  before(async () => {
    sim = await simulator();
    me = new Toolbar(await guideClient(sim.endpoints[0]!, '1001', '401'));
    b = await guideClient(sim.endpoints[0]!, '1002');
    c = await guideClient(sim.endpoints[0]!, '1003');
  });
  after(async () => {
    await Promise.all([me.client, b, c].map((x) => x.close()));
    await sim.stop();
  });
  const idle = () => me.until('no calls', (s) => Object.keys(s.calls).length === 0);

  test('agent: logon, ready, not ready with a reason; time in state starts at each change', async () => {
    await me.client.request({ fname: 'logon', this: '1001', agent: { id: '1001', group: '401', channel: '0', wmode: '1' } });
    let s = await me.until('not ready after logon', (st) => st.agent.state === 'notReady');
    assert.equal(s.agent.workMode, 1);
    const since = s.agent.since;
    await new Promise((r) => setTimeout(r, 5));
    await me.client.request({ fname: 'ready', this: '1001', agent: { id: '1001', reason: '0' } });
    s = await me.until('ready', (st) => st.agent.state === 'ready');
    assert.ok(s.agent.since > since);
    await me.client.request({ fname: 'notready', this: '1001', agent: { id: '1001', reason: '4' } });
    s = await me.until('not ready 4', (st) => st.agent.state === 'notReady');
    assert.equal(s.agent.reason, 4);
    await me.client.request({ fname: 'ready', this: '1001', agent: { id: '1001', reason: '0' } });
    await me.until('ready', (st) => st.agent.state === 'ready');
  });

  test('an inbound queue call: queue stats, then ringing with caller, queue, uui and attach; answered: connected', async () => {
    const { c1 } = sim.inbound({ from: '01012345678', to: '401', uui: 'cust=9', attach: { uei: 'gold', ci: 'camp' } });
    const s = await me.until('ringing', (st) => st.calls[c1]?.phase === 'ringing');
    const call = s.calls[c1]!;
    assert.equal(call.direction, 'inbound');
    assert.equal(call.placedByMe, false);
    assert.equal(call.party, '01012345678');
    assert.equal(call.queue, '401');
    assert.equal(call.uui, 'cust=9');
    assert.deepEqual(call.attach, { uei: 'gold', ci: 'camp' });
    assert.equal(call.ctype, 1);
    assert.ok(s.queues['401']);
    await me.client.request({ fname: 'answer', this: '1001', c1: String(c1) });
    const connected = await me.until('connected', (st) => st.calls[c1]?.phase === 'connected');
    assert.ok(connected.calls[c1]!.answeredAt! >= call.startedAt);
    sim.hangup(c1);
    await idle();
  });

  test('an internal call I place: dialing to 1002, connected when 1002 answers, gone when it hangs up', async () => {
    await me.client.request({ fname: 'dial', this: '1001', called: '1002' });
    const s = await me.until('dialing', (st) => Object.values(st.calls).some((k) => k.phase === 'dialing' && k.party === '1002'));
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.placedByMe, true);
    assert.equal(call.direction, 'internal');
    await b.request({ fname: 'answer', this: '1002', c1: String(call.c1) });
    const connected = await me.until('connected', (st) => st.calls[call.c1]?.phase === 'connected');
    assert.equal(connected.calls[call.c1]!.party, '1002');
    await b.request({ fname: 'clear', this: '1002', c1: String(call.c1) });
    await idle();
  });

  test('hold and retrieve', async () => {
    await me.client.request({ fname: 'dial', this: '1001', called: '0311112222' });
    const s = await me.until('connected outbound', (st) => Object.values(st.calls).some((k) => k.phase === 'connected'));
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.direction, 'outbound');
    assert.equal(call.party, '0311112222');
    await me.client.request({ fname: 'hold', this: '1001', c1: String(call.c1) });
    await me.until('held', (st) => st.calls[call.c1]?.phase === 'held');
    await me.client.request({ fname: 'retrieve', this: '1001', c1: String(call.c1) });
    await me.until('retrieved', (st) => st.calls[call.c1]?.phase === 'connected');
    await me.client.request({ fname: 'clear', this: '1001', c1: String(call.c1) });
    await idle();
  });

  test('consult then transfer: both calls marked consult, then gone for me', async () => {
    await b.request({ fname: 'dial', this: '1002', called: '1001' });
    let s = await me.until('ringing from 1002', (st) => Object.values(st.calls).some((k) => k.phase === 'ringing'));
    const k1 = Object.values(s.calls)[0]!.c1;
    await me.client.request({ fname: 'answer', this: '1001', c1: String(k1) });
    await me.client.request({ fname: 'consult', this: '1001', c1: String(k1), called: '1003', mode: '0' });
    s = await me.until('consult dialing', (st) => Object.keys(st.calls).length === 2 && st.calls[k1]?.phase === 'held');
    const k2 = Object.values(s.calls).find((k) => k.c1 !== k1)!;
    assert.equal(k2.consult, true);
    assert.equal(k2.party, '1003');
    assert.equal(s.calls[k1]!.consult, true);
    const ring = await c.waitEvent(4);
    await c.request({ fname: 'answer', this: '1003', c1: String(ring.call?.c1) });
    await me.until('consult connected', (st) => st.calls[k2.c1]?.phase === 'connected');
    await me.client.request({ fname: 'transfer', this: '1001', c1: String(k2.c1), held: '1002', c2: String(k1) });
    await idle();
    await b.request({ fname: 'clear', this: '1002', c1: String(k1) });
    await waitFor(() => sim.state().calls.length === 0);
  });

  test('consult then conference: one call left, under the surviving id, connected, not consult', async () => {
    const mc = c.mark();
    await b.request({ fname: 'dial', this: '1002', called: '1001' });
    let s = await me.until('ringing', (st) => Object.values(st.calls).some((k) => k.phase === 'ringing'));
    const k1 = Object.values(s.calls)[0]!.c1;
    await me.client.request({ fname: 'answer', this: '1001', c1: String(k1) });
    await me.client.request({ fname: 'consult', this: '1001', c1: String(k1), called: '1003', mode: '1' });
    const ring = await c.waitEvent(4, { from: mc });
    await c.request({ fname: 'answer', this: '1003', c1: String(ring.call?.c1) });
    await me.until('consult connected', (st) => st.calls[Number(ring.call?.c1)]?.phase === 'connected');
    await me.client.request({ fname: 'confer', this: '1001', c1: String(ring.call?.c1), held: '1002', c2: String(k1) });
    s = await me.until('conference', (st) => Object.keys(st.calls).length === 1 && st.calls[k1]?.ctype === CallType.Conference);
    assert.equal(s.calls[k1]!.phase, 'connected');
    assert.equal(s.calls[k1]!.consult, false);
    await me.client.request({ fname: 'clear', this: '1001', c1: String(k1) });
    await idle();
    for (const [x, d] of [[b, '1002'], [c, '1003']] as const) await x.request({ fname: 'clear', this: d, c1: String(k1) });
  });
});

describe('reducer: what real servers do', () => {
  const at = 1_000;
  const ev = (e: Partial<CtiEvent> & { id: number }): CtiEvent => ({ name: eventName(e.id), monitor: '1001', ...e }) as CtiEvent;
  const run = (...events: CtiEvent[]) => events.reduce((s, e, i) => reduce(s, { type: 'event', event: e, at: at + i }), initialState(identity, 1, 0));

  test('the same event at two monitors changes nothing the second time', () => {
    const ring = ev({ id: 4, this: '1001', call: { c1: 5, other: '0101', ctype: 1 }, queue: { dn: '401', wqueue: 0, wtime: 0 } });
    const once = run(ring);
    const twice = reduce(once, { type: 'event', event: { ...ring, monitor: '401' }, at: at + 5 });
    assert.deepEqual(Object.keys(twice.calls), ['5']);
    assert.equal(twice.calls[5]!.phase, 'ringing');
    assert.equal(reduce(once, { type: 'event', event: ring, at: at + 9 }).calls[5]!.phase, 'ringing');
  });

  test('events for another monitor do not create calls at the agent', () => {
    const s = run(ev({ id: 4, monitor: '401', this: '1005', call: { c1: 9, other: '0101' } }));
    assert.deepEqual(s.calls, {});
  });

  test('a clear for a call never seen is ignored; Established before Delivered makes a connected call', () => {
    const s = run(ev({ id: 3, this: '1001', call: { c1: 77 } }), ev({ id: 1, this: '1001', call: { c1: 78 } }));
    assert.deepEqual(s.calls, {});
    const odd = run(ev({ id: 6, this: '1001', call: { c1: 8, other: '0202' } }), ev({ id: 4, this: '1001', call: { c1: 8, other: '0202' } }));
    assert.equal(odd.calls[8]!.phase, 'connected');
  });

  test('the far end hanging up a two-party call: the call stays until the switch clears it (CallCleared)', () => {
    const talking = [ev({ id: 4, this: '1001', call: { c1: 3, other: '1002' } }), ev({ id: 6, this: '1001', call: { c1: 3 } })];
    const farLeft = ev({ id: 3, this: '1002', call: { c1: 3 } });
    assert.deepEqual(Object.keys(run(...talking, farLeft).calls), ['3']);
    assert.deepEqual(run(...talking, farLeft, ev({ id: 1, this: '1002', call: { c1: 3 } })).calls, {});
  });

  test('unknown ids are counted, agent events for others ignored, events without c1 harmless', () => {
    const s = run(ev({ id: 999 }), ev({ id: 204, this: '1005', agent: { id: '1005' } }), ev({ id: 6, this: '1001' }));
    assert.equal(s.unknownEvents, 1);
    assert.equal(s.agent.state, 'loggedOff');
    assert.deepEqual(s.calls, {});
  });

  test('a reconnect mid-call: calls not confirmed since are marked, an event confirms them again', () => {
    let s = run(ev({ id: 4, this: '1001', call: { c1: 3, other: '1002' } }), ev({ id: 6, this: '1001', call: { c1: 3 } }));
    s = reduce(s, { type: 'connection', connection: { status: 'reconnecting', lastClose: { code: 1006, reason: '', message: { ko: '', en: '' }, at: 2_000 } }, at: 2_000 });
    s = reduce(s, { type: 'resynced', at: 2_500 });
    assert.equal(s.calls[3]!.unconfirmed, true);
    s = reduce(s, { type: 'event', event: ev({ id: 8, this: '1001', call: { c1: 3 } }), at: 2_600 });
    assert.equal(s.calls[3]!.unconfirmed, undefined);
    assert.equal(s.calls[3]!.phase, 'held');
    s = reduce(s, { type: 'call-gone', c1: 3, at: 2_700 });
    assert.deepEqual(s.calls, {});
  });

  test('nothing changed: the same object back', () => {
    const s = run(ev({ id: 204, this: '1001', agent: { id: '1001', reason: 0 } }));
    assert.equal(reduce(s, { type: 'event', event: ev({ id: 204, this: '1001', agent: { id: '1001', reason: 0 } }), at: 5_000 }), s);
    assert.equal(reduce(s, { type: 'connection', connection: { status: 'idle' }, at: 6_000 }), s);
  });

  test('connection changes set since only when the status changes, and close codes get words', () => {
    let s = initialState(identity, 2, 0);
    s = reduce(s, { type: 'connection', connection: { status: 'connecting', endpoint: 'ws://a' }, at: 10 });
    assert.equal(s.connection.since, 10);
    s = reduce(s, { type: 'connection', connection: { attempt: 2 }, at: 20 });
    assert.equal(s.connection.since, 10);
    s = reduce(s, { type: 'connection', connection: { status: 'reconnecting', lastClose: { code: 1012, reason: '', at: 30 } as never }, at: 30 });
    assert.match(s.connection.lastClose!.message.en, /restarting/);
  });
});
