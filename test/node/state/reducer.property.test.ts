// Random event sequences (ids known and unknown, call ids from a small pool, the agent's monitor
// and a queue's, missing fields, duplicates): the reducer never throws and its state stays sound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventId, eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
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
    queue: maybe(fc.record({ dn: fc.constantFrom('401', '402'), wqueue: maybe(fc.integer({ min: -1, max: 50 })), wtime: maybe(fc.nat(600)) })),
    agent: maybe(fc.record({ id: maybe(fc.constantFrom('1001', '1005')), reason: maybe(fc.nat(9)), wmode: maybe(fc.integer({ min: 1, max: 4 })) })),
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
  }
  for (const [dn, q] of Object.entries(state.queues)) {
    assert.ok(identity.queues.includes(dn));
    assert.ok(q.waiting >= 0 && q.longestWait >= 0);
  }
  assert.ok(state.unknownEvents >= 0);
}

test('random event sequences: never throws, calls sound, clears honoured, deterministic', () => {
  fc.assert(
    fc.property(fc.array(actionArb, { maxLength: 60 }), (actions) => {
      let state = initialState(identity, 2, 0);
      let t = 1;
      for (const action of actions) {
        const timed = 'at' in action ? { ...action, at: t++ } : action;
        const next = reduce(state, timed);
        checkSound(next);
        if (timed.type === 'event') {
          const { event } = timed;
          const c1 = event.call?.c1;
          const forMe = event.monitor === undefined || event.monitor === identity.device;
          if (c1 !== undefined && forMe && (event.id === EventId.CallCleared || (event.id === EventId.ConnectionCleared && event.this === identity.device))) {
            assert.equal(next.calls[c1], undefined, 'a cleared call is gone');
          }
        }
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
