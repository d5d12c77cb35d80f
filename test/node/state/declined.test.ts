// A declined call in the reducer: marked while it rings at the agent (so the history says Declined),
// unmarked if the switch refuses, and what became of it taken only from the events after it left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodedEvent } from '../helpers/decoded-event.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import { DECLINE_FOLLOW_MS } from '../../../src-main/common/state/declined.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

const me = { device: '1001', agentId: '1001', queues: ['401'] };
const ev = decodedEvent;
const feed = (s: CoreState, at: number, frame: Record<string, unknown>) =>
  reduce(s, { type: 'event', event: ev(frame), at });
const ringing = (c1: number, other = '01055550001') =>
  feed(initialState(me, 1, 0), 10, {
    id: 4,
    this: '1001',
    monitor: '1001',
    call: { c1, ctype: 1, other },
    queue: { dn: '401', wqueue: 0, wtime: 0 },
  });

test('declining marks the ringing call and follows it; a Queued for it after it left tells the queue', () => {
  let s = reduce(ringing(7), { type: 'declining', c1: 7, at: 20 });
  assert.equal(s.calls[7]!.declined, true);
  assert.deepEqual(s.declined, { c1: 7, at: 20 });
  s = feed(s, 21, { id: 11, this: '401', monitor: '401', call: { c1: 7 }, queue: { dn: '401', wqueue: 1 } });
  assert.equal(s.declined?.outcome, undefined, 'still at the agent: not yet told');
  s = feed(s, 22, { id: 3, this: '1001', monitor: '1001', call: { c1: 7 } });
  assert.equal(s.calls[7], undefined);
  s = feed(s, 23, { id: 11, this: '401', monitor: '401', call: { c1: 8 }, queue: { dn: '401' } });
  assert.equal(s.declined?.outcome, undefined, 'another call queued: not this one');
  s = feed(s, 24, { id: 11, this: '401', monitor: '401', call: { c1: 7 }, queue: { dn: '401', wqueue: 1 } });
  assert.deepEqual(s.declined?.outcome, { kind: 'queued', queue: '401' });
  const told = feed(s, 25, { id: 1, this: '0105', call: { c1: 7 } });
  assert.deepEqual(told.declined?.outcome, { kind: 'queued', queue: '401' }, 'told once: the first outcome stays');
});

test('a Queued without its queue named takes the queue from `this`; a CallCleared says it ended', () => {
  let s = reduce(ringing(7), { type: 'declining', c1: 7, at: 20 });
  s = feed(s, 22, { id: 3, this: '1001', call: { c1: 7 } });
  const queued = feed(s, 23, { id: 11, this: '402', call: { c1: 7 } });
  assert.deepEqual(queued.declined?.outcome, { kind: 'queued', queue: '402' });
  const cleared = feed(s, 23, { id: 1, this: '01055550001', call: { c1: 7 } });
  assert.deepEqual(cleared.declined?.outcome, { kind: 'cleared' });
  const late = feed(s, 20 + DECLINE_FOLLOW_MS + 1, { id: 1, this: '01055550001', call: { c1: 7 } });
  assert.equal(late.declined?.outcome, undefined, 'too long after: the id may be another call by now');
});

test('only a call ringing at the agent is declined; a refusal leaves the call as it was', () => {
  const s = ringing(7);
  assert.equal(reduce(s, { type: 'declining', c1: 9, at: 20 }), s, 'no such call');
  const answered = feed(s, 15, { id: 6, this: '1001', call: { c1: 7 } });
  assert.equal(reduce(answered, { type: 'declining', c1: 7, at: 20 }), answered, 'answered: not a decline');
  const declined = reduce(s, { type: 'declining', c1: 7, at: 20 });
  const refused = reduce(declined, { type: 'decline-refused', c1: 7, at: 21 });
  assert.equal(refused.calls[7]!.declined, undefined);
  assert.equal(refused.declined, undefined);
  assert.equal(refused.calls[7]!.phase, 'ringing');
});

test('a refusal for another call, or for a call not declined, changes nothing', () => {
  const s = ringing(7);
  assert.equal(reduce(s, { type: 'decline-refused', c1: 7, at: 21 }), s, 'nothing declined');
  assert.equal(reduce(s, { type: 'decline-refused', c1: 9, at: 21 }), s, 'no such call');
  const declined = reduce(s, { type: 'declining', c1: 7, at: 20 });
  const other = reduce(declined, { type: 'decline-refused', c1: 9, at: 21 });
  assert.deepEqual(other.declined, { c1: 7, at: 20 }, 'call 7 is still followed');
  assert.equal(other.calls[7]!.declined, true);
});

test('the follow-up window is counted from the decline, whatever the clock reads, and includes its last moment', () => {
  const at = 5_000_000;
  let s = reduce(
    feed(initialState(me, 1, 0), at - 10, {
      id: 4,
      this: '1001',
      monitor: '1001',
      call: { c1: 7, ctype: 1, other: '01055550001' },
    }),
    { type: 'declining', c1: 7, at },
  );
  s = feed(s, at + 1, { id: 3, this: '1001', call: { c1: 7 } });
  assert.deepEqual(feed(s, at + 2, { id: 1, this: '01055550001', call: { c1: 7 } }).declined?.outcome, {
    kind: 'cleared',
  });
  assert.deepEqual(feed(s, at + DECLINE_FOLLOW_MS, { id: 1, this: '01055550001', call: { c1: 7 } }).declined?.outcome, {
    kind: 'cleared',
  });
});

test('after it left, only Queued and CallCleared tell what became of the declined call', () => {
  let s = reduce(ringing(7), { type: 'declining', c1: 7, at: 20 });
  s = feed(s, 22, { id: 3, this: '1001', call: { c1: 7 } });
  const delivered = feed(s, 23, { id: 4, this: '1002', monitor: '1002', call: { c1: 7, other: '01055550001' } });
  assert.equal(delivered.declined?.outcome, undefined, 'ringing elsewhere says neither');
  const nameless = feed(s, 23, { id: 11, call: { c1: 7 } });
  assert.equal(nameless.declined?.outcome, undefined, 'a Queued naming no queue says nothing');
});
