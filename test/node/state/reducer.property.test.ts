// Random event sequences (ids known and unknown, call ids from a small pool, the agent's monitor
// and a queue's, missing fields, duplicates): the reducer never throws, its state stays sound, and
// each step shows what its event says (a clear clears, other monitors change nothing, the agent state
// moves only by the agent's own events, a duplicate is a no-op).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CallType, EventId, eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { initialState, reduce, type CoreAction } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

const identity = { device: '1001', agentId: '1001', queues: ['401'] };
const PHASES = new Set(['ringing', 'dialing', 'connected', 'held']);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const eventArb: fc.Arbitrary<CtiEvent> = fc
  .record({
    id: fc.oneof(fc.constantFrom(...Object.values(EventId)), fc.integer({ min: -5, max: 400 })),
    this: maybe(fc.constantFrom('1001', '1002', '1003', '0101234', '401')),
    monitor: maybe(fc.constantFrom('1001', '401', '1002')),
    call: maybe(
      fc.record(
        {
          c1: maybe(fc.integer({ min: 1, max: 6 })),
          c2: maybe(fc.integer({ min: 1, max: 6 })),
          c3: maybe(fc.integer({ min: 1, max: 6 })),
          ctype: maybe(fc.integer({ min: 0, max: 7 })),
          other: maybe(fc.constantFrom('1001', '1002', '0101234')),
          third: maybe(fc.constantFrom('1001', '1003')),
        },
        { requiredKeys: [] },
      ),
    ),
    queue: maybe(
      fc.record({
        dn: fc.constantFrom('401', '402'),
        wqueue: maybe(fc.integer({ min: -1, max: 50 })),
        wtime: maybe(fc.nat(600)),
      }),
    ),
    agent: maybe(
      fc.record({
        id: maybe(fc.constantFrom('1001', '1005')),
        reason: maybe(fc.nat(9)),
        wmode: maybe(fc.integer({ min: 1, max: 4 })),
      }),
    ),
  })
  .map((e) => {
    const event = { ...e, name: eventName(e.id) } as CtiEvent;
    for (const key of Object.keys(event) as (keyof CtiEvent)[]) if (event[key] === undefined) delete event[key];
    return event;
  });

const actionArb: fc.Arbitrary<CoreAction> = fc.oneof(
  { weight: 20, arbitrary: eventArb.map((event) => ({ type: 'event' as const, event, at: 0 })) },
  { weight: 1, arbitrary: fc.constant({ type: 'resynced' as const, at: 0 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((c1) => ({ type: 'call-gone' as const, c1, at: 0 })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('connecting', 'connected', 'reconnecting').map((status) => ({
      type: 'connection' as const,
      connection: { status, lastClose: { code: 1006, reason: '', message: { ko: '', en: '' }, at: 0 } },
      at: 0,
    })),
  },
);

function checkSound(state: CoreState): void {
  for (const [key, call] of Object.entries(state.calls)) {
    assert.equal(Number(key), call.c1, 'a call is filed under its own id');
    assert.ok(PHASES.has(call.phase), `phase ${call.phase}`);
    assert.ok(call.since >= call.startedAt);
    assert.ok(call.key < state.nextCallKey, 'a key is handed out once');
    assert.ok(
      (call.heldMs ?? 0) >= 0 && (call.heldMs ?? 0) <= call.since - call.startedAt,
      'held only while the call was there',
    );
  }
  const keys = Object.values(state.calls).map((c) => c.key);
  assert.equal(new Set(keys).size, keys.length, 'every call has a key of its own');
  for (const [dn, q] of Object.entries(state.queues)) {
    assert.ok(identity.queues.includes(dn));
    assert.ok(q.waiting >= 0 && q.longestWait >= 0);
  }
  assert.ok(state.unknownEvents >= 0);
}

const ME = identity.device;
const MERGES = new Set<number>([EventId.Transferred, EventId.Conferenced]);
/** Events that end, re-key or ignore a call rather than update it. */
const NOT_ABSORBED = new Set<number>([
  ...MERGES,
  EventId.CallCleared,
  EventId.ConnectionCleared,
  EventId.Diverted,
  EventId.Queued,
]);
const AGENT_EVENTS = new Set<number>([
  EventId.LoggedOn,
  EventId.LoggedOff,
  EventId.NotReady,
  EventId.Ready,
  EventId.WorkNotReady,
  EventId.WorkReady,
]);

/** What the agent must see after one event, whatever came before. */
function checkEvent(before: CoreState, event: CtiEvent, after: CoreState): void {
  const c1 = event.call?.c1;
  const forMe = event.monitor === undefined || event.monitor === ME;
  const atMe = event.this === ME;
  if (!forMe || c1 === undefined || AGENT_EVENTS.has(event.id))
    assert.equal(after.calls, before.calls, 'no call changes without a call id at the agent’s monitor');
  const aboutMe = atMe || (event.agent?.id !== undefined && event.agent.id === identity.agentId);
  if (!AGENT_EVENTS.has(event.id) || !aboutMe)
    assert.equal(after.agent, before.agent, 'the agent state changes only by agent events about the agent');
  if (!forMe || c1 === undefined || AGENT_EVENTS.has(event.id)) return;

  const known = before.calls[c1];
  const now = after.calls[c1];
  if (
    event.id === EventId.CallCleared ||
    (atMe && (event.id === EventId.ConnectionCleared || (event.id === EventId.Diverted && known)))
  ) {
    assert.equal(now, undefined, 'cleared or diverted: the call is gone');
  }
  if (!MERGES.has(event.id)) {
    const gone = Object.keys(before.calls).filter((k) => !(k in after.calls));
    const added = Object.keys(after.calls).filter((k) => !(k in before.calls));
    assert.ok(
      gone.every((k) => Number(k) === c1) && added.every((k) => Number(k) === c1),
      'only the event’s call comes or goes',
    );
    if (event.id === EventId.ConnectionCleared && !atMe)
      assert.deepEqual(gone, [], 'another party leaving never ends the agent’s call');
    for (const [key, call] of Object.entries(after.calls)) {
      const was = before.calls[Number(key)];
      if (Number(key) !== c1 && call !== was) {
        // only the held call a new consult starts from changes (it joins the consult), or, once
        // the consult call is gone, the call it started from (it leaves the consult)
        if (call.consult) {
          assert.deepEqual(call, { ...was, consult: true }, 'other calls untouched');
          assert.ok(was?.phase === 'held' && after.calls[c1]?.consult && !before.calls[c1]?.consult);
        } else {
          assert.deepEqual(call, { ...was, consult: false }, 'other calls untouched');
          assert.ok(before.calls[c1]?.ctype === CallType.Consult && !after.calls[c1]);
        }
      } else if (was) {
        assert.equal(call.key, was.key, 'a call keeps its key');
        assert.equal(call.startedAt, was.startedAt);
        if (was.answeredAt !== undefined) assert.equal(call.answeredAt, was.answeredAt, 'the answer time never moves');
      }
    }
  }
  if (now && MERGES.has(event.id)) {
    const merged = [c1, event.call?.c2, event.call?.c3].flatMap((id) => before.calls[id!] ?? []);
    if (merged.length > 0)
      assert.ok(
        merged.some((c) => c.key === now.key),
        'the call that goes on is one of the merged calls, under its key',
      );
  }
  if (now && atMe && !MERGES.has(event.id)) {
    const phase = { [EventId.Held]: 'held', [EventId.Retrieved]: 'connected', [EventId.Established]: 'connected' }[
      event.id
    ];
    if (phase !== undefined) assert.equal(now.phase, phase, `event ${event.id} at the agent`);
    if (event.id === EventId.Delivered && !known)
      assert.equal(now.phase, event.call?.other === ME ? 'dialing' : 'ringing');
  }
  if (now && event.call?.ctype === CallType.Consult && !NOT_ABSORBED.has(event.id))
    assert.equal(now.consult, true, 'a consult call is marked');
}

test('random event sequences: never throws, each step shows what its event says, deterministic', () => {
  fc.assert(
    fc.property(fc.array(actionArb, { maxLength: 60 }), (actions) => {
      let state = initialState(identity, 2, 0);
      let t = 1;
      for (const action of actions) {
        const timed = 'at' in action ? { ...action, at: t++ } : action;
        const next = reduce(state, timed);
        checkSound(next);
        if (timed.type === 'event') checkEvent(state, timed.event, next);
        if (timed.type === 'call-gone') assert.equal(next.calls[timed.c1], undefined);
        if (timed.type === 'resynced')
          assert.deepEqual(Object.keys(next.calls), Object.keys(state.calls), 'a resync marks calls, never drops them');
        state = next;
      }
      // the same actions give the same state
      let again = initialState(identity, 2, 0);
      t = 1;
      for (const action of actions) again = reduce(again, 'at' in action ? { ...action, at: t++ } : action);
      assert.deepEqual(again, state);
    }),
    { numRuns: 400 },
  );
});

test('the same event twice (two monitors, a resend) shows the same as once', () => {
  fc.assert(
    fc.property(fc.array(eventArb, { maxLength: 30 }), eventArb, (history, event) => {
      let state = initialState(identity, 2, 0);
      history.forEach((e, i) => (state = reduce(state, { type: 'event', event: e, at: i + 1 })));
      const once = reduce(state, { type: 'event', event, at: 100 });
      const twice = reduce(once, { type: 'event', event, at: 100 });
      assert.deepEqual(
        { calls: twice.calls, agent: twice.agent, queues: twice.queues },
        { calls: once.calls, agent: once.agent, queues: once.queues },
      );
    }),
    { numRuns: 400 },
  );
});
