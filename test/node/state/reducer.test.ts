// The reducer fed with the events the simulator really sends for each scenario of protocol.md, as
// agent 1001's client received them (recorded by fixtures/record-traces.ts, replayed with fixed
// arrival times), checked for what the toolbar would show; then the oddities of real servers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallType, eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { at as arrival, identity, replay, type TraceName } from './recorded-traces.ts';

/** The agent's toolbar going through a recorded trace, frame by frame. */
class Toolbar {
  private readonly states: CoreState[];
  private seen = -1;
  readonly trace: TraceName;

  constructor(trace: TraceName) {
    this.trace = trace;
    this.states = replay(trace);
  }
  /** When the frame of the last state found arrived. */
  get now(): number {
    return arrival(this.seen);
  }
  /** The first state after the last one found where `pred` holds. */
  until(what: string, pred: (s: CoreState) => boolean): CoreState {
    const i = this.states.findIndex((s, j) => j > this.seen && pred(s));
    assert.ok(i >= 0, `${this.trace}: never ${what}`);
    this.seen = i;
    return this.states[i]!;
  }
  /** No call left, and none after. */
  idle(): void {
    this.until('no calls', (s) => Object.keys(s.calls).length === 0);
    assert.deepEqual(this.states.at(-1)!.calls, {}, `${this.trace}: a call at the end`);
  }
}

describe('reducer, on the events the simulator sends (recorded)', () => {
  test('agent: logon, ready, not ready with a reason; time in state starts at each change', () => {
    const me = new Toolbar('agentStates');
    let s = me.until('not ready after logon', (st) => st.agent.state === 'notReady');
    assert.equal(s.agent.workMode, 1);
    assert.equal(s.agent.since, me.now);
    s = me.until('ready', (st) => st.agent.state === 'ready');
    assert.equal(s.agent.since, me.now);
    s = me.until('not ready 4', (st) => st.agent.state === 'notReady');
    assert.equal(s.agent.reason, 4);
    assert.equal(s.agent.since, me.now);
    me.until('ready', (st) => st.agent.state === 'ready');
  });

  test('an inbound queue call: queue stats, then ringing with caller, queue, uui and attach; answered: connected; gone when the caller hangs up', () => {
    const me = new Toolbar('inboundQueue');
    me.until('a call waiting in 401', (st) => st.queues['401']?.waiting === 1 && Object.keys(st.calls).length === 0);
    const s = me.until('ringing', (st) => Object.values(st.calls).some((k) => k.phase === 'ringing'));
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.direction, 'inbound');
    assert.equal(call.placedByMe, false);
    assert.equal(call.party, '01012345678');
    assert.equal(call.queue, '401');
    assert.equal(call.uui, 'cust=9');
    assert.deepEqual(call.attach, { uei: 'gold', ci: 'camp' });
    assert.equal(call.ctype, 1);
    const connected = me.until('connected', (st) => st.calls[call.c1]?.phase === 'connected');
    assert.ok(connected.calls[call.c1]!.answeredAt! > call.startedAt);
    me.idle();
  });

  test('an internal call I place: dialing to 1002, connected when 1002 answers, gone when it hangs up', () => {
    const me = new Toolbar('internalByMe');
    const s = me.until('dialing', (st) =>
      Object.values(st.calls).some((k) => k.phase === 'dialing' && k.party === '1002'),
    );
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.placedByMe, true);
    assert.equal(call.direction, 'internal');
    const connected = me.until('connected', (st) => st.calls[call.c1]?.phase === 'connected');
    assert.equal(connected.calls[call.c1]!.party, '1002');
    me.idle();
  });

  test('hold and retrieve an outbound call', () => {
    const me = new Toolbar('outboundHeld');
    const s = me.until('connected outbound', (st) => Object.values(st.calls).some((k) => k.phase === 'connected'));
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.direction, 'outbound');
    assert.equal(call.party, '0311112222');
    me.until('held', (st) => st.calls[call.c1]?.phase === 'held');
    me.until('retrieved', (st) => st.calls[call.c1]?.phase === 'connected');
    me.idle();
  });

  test('consult then transfer: both calls marked consult, then gone for me', () => {
    const me = new Toolbar('consultTransferByMe');
    let s = me.until('ringing from 1002', (st) => Object.values(st.calls).some((k) => k.phase === 'ringing'));
    const k1 = Object.values(s.calls)[0]!.c1;
    s = me.until(
      'consult ringing',
      (st) =>
        st.calls[k1]?.phase === 'held' && Object.values(st.calls).some((k) => k.c1 !== k1 && k.party !== undefined),
    );
    assert.equal(Object.keys(s.calls).length, 2);
    const k2 = Object.values(s.calls).find((k) => k.c1 !== k1)!;
    assert.equal(k2.consult, true);
    assert.equal(k2.party, '1003');
    assert.equal(s.calls[k1]!.consult, true);
    me.until('consult connected', (st) => st.calls[k2.c1]?.phase === 'connected');
    me.idle();
  });

  test('consult then conference: one call left, under the surviving id, connected, not consult; gone when I hang up', () => {
    const me = new Toolbar('consultConferenceByMe');
    let s = me.until('ringing', (st) => Object.values(st.calls).some((k) => k.phase === 'ringing'));
    const k1 = Object.values(s.calls)[0]!.c1;
    me.until('consult connected', (st) =>
      Object.values(st.calls).some((k) => k.c1 !== k1 && k.consult && k.phase === 'connected'),
    );
    s = me.until(
      'conference',
      (st) => Object.keys(st.calls).length === 1 && st.calls[k1]?.ctype === CallType.Conference,
    );
    assert.equal(s.calls[k1]!.phase, 'connected');
    assert.equal(s.calls[k1]!.consult, false);
    me.idle();
  });
});

describe('reducer: what real servers do', () => {
  const at = 1_000;
  const ev = (e: Partial<CtiEvent> & { id: number }): CtiEvent =>
    ({ name: eventName(e.id), monitor: '1001', ...e }) as CtiEvent;
  const run = (...events: CtiEvent[]) =>
    events.reduce((s, e, i) => reduce(s, { type: 'event', event: e, at: at + i }), initialState(identity, 1, 0));

  test('the same event at two monitors changes nothing the second time', () => {
    const ring = ev({
      id: 4,
      this: '1001',
      call: { c1: 5, other: '0101', ctype: 1 },
      queue: { dn: '401', wqueue: 0, wtime: 0 },
    });
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
    const odd = run(
      ev({ id: 6, this: '1001', call: { c1: 8, other: '0202' } }),
      ev({ id: 4, this: '1001', call: { c1: 8, other: '0202' } }),
    );
    assert.equal(odd.calls[8]!.phase, 'connected');
  });

  test('the far end hanging up a two-party call: the call stays until the switch clears it (CallCleared)', () => {
    const talking = [
      ev({ id: 4, this: '1001', call: { c1: 3, other: '1002' } }),
      ev({ id: 6, this: '1001', call: { c1: 3 } }),
    ];
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
    let s = run(
      ev({ id: 4, this: '1001', call: { c1: 3, other: '1002' } }),
      ev({ id: 6, this: '1001', call: { c1: 3 } }),
    );
    s = reduce(s, {
      type: 'connection',
      connection: {
        status: 'reconnecting',
        lastClose: { code: 1006, reason: '', message: { ko: '', en: '' }, at: 2_000 },
      },
      at: 2_000,
    });
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
    assert.equal(
      reduce(s, { type: 'event', event: ev({ id: 204, this: '1001', agent: { id: '1001', reason: 0 } }), at: 5_000 }),
      s,
    );
    assert.equal(reduce(s, { type: 'connection', connection: { status: 'idle' }, at: 6_000 }), s);
  });

  test('connection changes set since only when the status changes, and close codes get words', () => {
    let s = initialState(identity, 2, 0);
    s = reduce(s, { type: 'connection', connection: { status: 'connecting', endpoint: 'ws://a' }, at: 10 });
    assert.equal(s.connection.since, 10);
    s = reduce(s, { type: 'connection', connection: { attempt: 2 }, at: 20 });
    assert.equal(s.connection.since, 10);
    s = reduce(s, {
      type: 'connection',
      connection: { status: 'reconnecting', lastClose: { code: 1012, reason: '', at: 30 } as never },
      at: 30,
    });
    assert.match(s.connection.lastClose!.message.en, /restarting/);
  });
});
