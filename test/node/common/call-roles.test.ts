// Which call is the active one (the one the keys and the first card act on), which two calls a
// consult joins, and where a call's clocks start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeCall,
  callClockStart,
  callsInOrder,
  consultPair,
  holdClockStart,
  lastHeld,
} from '../../../src-main/common/state/call-roles.ts';
import type { CallView } from '../../../src-main/common/state/types.ts';
import { CallType } from '../../../src-main/common/protocol/codes.ts';
import { callView } from '../helpers/call-view.ts';

const call = callView;
const byC1 = (...calls: CallView[]) => Object.fromEntries(calls.map((c) => [c.c1, c]));
const c1Of = (c: CallView | undefined) => c?.c1;

const ACTIVE: { name: string; calls: CallView[]; active: number | undefined }[] = [
  { name: 'no call: none', calls: [], active: undefined },
  { name: 'one call talking: that one', calls: [call(5)], active: 5 },
  {
    name: 'a call ringing in is not active (nothing the agent is on yet)',
    calls: [call(5, { phase: 'ringing' })],
    active: undefined,
  },
  { name: 'a call on hold alone is not active', calls: [call(5, { phase: 'held' })], active: undefined },
  {
    name: 'a call the agent is dialing is active',
    calls: [call(5, { phase: 'dialing', placedByMe: true })],
    active: 5,
  },
  {
    name: 'a second call answered while the first still talks (the switch held nothing): the one answered last',
    calls: [call(3, { since: 100, answeredAt: 100 }), call(8, { since: 200, answeredAt: 200 })],
    active: 8,
  },
  {
    name: 'the same, whatever the ids: the newer call has the lower c1',
    calls: [call(9, { key: 1, since: 100 }), call(2, { key: 2, since: 200 })],
    active: 2,
  },
  {
    name: 'the first call retrieved after the second was answered: the retrieved one',
    calls: [call(3, { since: 300 }), call(8, { since: 200 })],
    active: 3,
  },
  {
    name: 'talking beats placing: a consult ringing out while the customer talks',
    calls: [call(3), call(8, { phase: 'dialing', placedByMe: true, since: 50 })],
    active: 3,
  },
  {
    name: 'a consult ringing out, the customer held: the consult',
    calls: [
      call(3, { phase: 'held', since: 40 }),
      call(8, { phase: 'dialing', placedByMe: true, startedAt: 41, since: 41 }),
    ],
    active: 8,
  },
  {
    name: 'a call held and one ringing in: none (F2 answers; nothing to hold)',
    calls: [call(3, { phase: 'held' }), call(8, { phase: 'ringing' })],
    active: undefined,
  },
  {
    name: 'a call unconfirmed since a reconnect gives way to a confirmed one',
    calls: [call(3, { since: 500, unconfirmed: true }), call(8, { since: 100 })],
    active: 8,
  },
  { name: 'only unconfirmed calls: still the one talking', calls: [call(3, { unconfirmed: true })], active: 3 },
];
for (const row of ACTIVE) {
  test(`active call: ${row.name}`, () => {
    assert.equal(c1Of(activeCall(byC1(...row.calls))), row.active);
    assert.equal(c1Of(activeCall(row.calls)), row.active, 'the same from a list');
  });
}

test('the calls in order: the active call first, then as first seen', () => {
  const older = call(3, { key: 1, since: 100 });
  const newer = call(8, { key: 2, since: 200 });
  const ringing = call(9, { key: 3, phase: 'ringing' });
  assert.deepEqual(
    callsInOrder(byC1(older, ringing, newer)).map((c) => c.c1),
    [8, 3, 9],
  );
  assert.deepEqual(
    callsInOrder(byC1(call(5, { key: 2, phase: 'held' }), call(4, { key: 1, phase: 'ringing' }))).map((c) => c.c1),
    [4, 5],
  );
});

const consultLeg = call(6, { ctype: CallType.Consult, consult: true, placedByMe: true, direction: 'internal' });
const PAIRS: { name: string; calls: CallView[]; pair: [leg: number, origin: number] | undefined }[] = [
  {
    name: 'a consult (ctype 4) and the call it was started from',
    calls: [call(5, { phase: 'held', ctype: CallType.Inbound, consult: true }), consultLeg],
    pair: [6, 5],
  },
  {
    name: 'the same with the agent back on the customer (the consult held)',
    calls: [call(5, { ctype: CallType.Inbound, consult: true }), { ...consultLeg, phase: 'held' }],
    pair: [6, 5],
  },
  {
    name: 'two customers, one held: no pair',
    calls: [call(5, { phase: 'held', ctype: CallType.Inbound }), call(6, { ctype: CallType.Inbound })],
    pair: undefined,
  },
  {
    name: 'a customer held and a call the agent dialled (ctype 3): no pair',
    calls: [
      call(5, { phase: 'held', ctype: CallType.Inbound }),
      call(6, { ctype: CallType.Internal, placedByMe: true }),
    ],
    pair: undefined,
  },
  {
    name: 'a server that sends no ctype: a call the agent placed beside one on hold',
    calls: [call(5, { phase: 'held' }), call(6, { placedByMe: true })],
    pair: [6, 5],
  },
  { name: 'no ctype, two calls rung in: no pair', calls: [call(5, { phase: 'held' }), call(6)], pair: undefined },
  { name: 'a consult whose origin is not known (it ended): no pair', calls: [consultLeg], pair: undefined },
  {
    name: 'a consult and two calls marked as its origin: ambiguous, no pair',
    calls: [call(4, { phase: 'held', consult: true }), call(5, { phase: 'held', consult: true }), consultLeg],
    pair: undefined,
  },
  {
    name: 'a consult whose origin is not marked, beside one call on hold: that call',
    calls: [call(7, { phase: 'held', ctype: CallType.Inbound }), consultLeg],
    pair: [6, 7],
  },
  {
    name: 'a consult whose origin is not marked, beside two calls on hold: ambiguous, no pair',
    calls: [
      call(5, { phase: 'held', ctype: CallType.Inbound }),
      call(7, { phase: 'held', ctype: CallType.Inbound }),
      consultLeg,
    ],
    pair: undefined,
  },
  {
    name: 'a consult, its origin and an unrelated customer on hold: the consult and its origin',
    calls: [
      call(4, { phase: 'held', ctype: CallType.Inbound }),
      call(5, { phase: 'held', ctype: CallType.Inbound, consult: true }),
      consultLeg,
    ],
    pair: [6, 5],
  },
];
for (const row of PAIRS) {
  test(`consult pair: ${row.name}`, () => {
    const pair = consultPair(byC1(...row.calls));
    assert.deepEqual(pair && [pair.leg.c1, pair.origin.c1], row.pair);
  });
}

test('a call’s clock runs from its answer (through hold and renames), from its first sight until then; the hold clock from the hold', () => {
  const ringing = call(5, { phase: 'ringing', startedAt: 1_000, since: 1_000 });
  assert.equal(callClockStart(ringing), 1_000);
  const held = { ...ringing, phase: 'held' as const, answeredAt: 3_000, since: 9_000 };
  assert.equal(callClockStart(held), 3_000);
  assert.equal(holdClockStart(held), 9_000);
  assert.equal(holdClockStart({ ...held, phase: 'connected', since: 12_000 }), undefined);
});

test('the call held last: the latest hold, ties to the call seen later; only calls on hold, and only those asked for', () => {
  const a = call(5, { key: 1, phase: 'held', since: 300 });
  const b = call(7, { key: 2, phase: 'held', since: 450 });
  assert.equal(
    c1Of(lastHeld(byC1(b, a, call(9, { key: 3, since: 900 })))),
    7,
    'B held after A; the call talking is not held',
  );
  assert.equal(c1Of(lastHeld(byC1(a, { ...b, since: 300 }))), 7, 'held at the same moment: the one seen later');
  assert.equal(c1Of(lastHeld(byC1(a, b), (c) => c.c1 !== 7)), 5);
  assert.equal(lastHeld([]), undefined);
});

test('active call: a call the agent placed, ringing out, is active; one the agent placed and then held is not', () => {
  assert.equal(c1Of(activeCall([call(5, { phase: 'ringing', placedByMe: true })])), 5);
  assert.equal(activeCall([call(5, { phase: 'held', placedByMe: true })]), undefined);
});

test('active call: of two calls being placed, the one started last, whatever the keys', () => {
  const later = call(5, { key: 1, phase: 'dialing', placedByMe: true, startedAt: 200 });
  const earlier = call(6, { key: 2, phase: 'dialing', placedByMe: true, startedAt: 100 });
  assert.equal(c1Of(activeCall([later, earlier])), 5);
});

test('the call held last: by the time of the hold, not the key; a tie goes to the call seen later in any order', () => {
  const heldLast = call(5, { key: 1, phase: 'held', since: 450 });
  const heldFirst = call(7, { key: 2, phase: 'held', since: 300 });
  assert.equal(c1Of(lastHeld([heldFirst, heldLast])), 5);
  const seenLater = call(8, { key: 3, phase: 'held', since: 300 });
  assert.equal(c1Of(lastHeld([seenLater, heldFirst])), 8, 'tie, the later one listed first');
  assert.equal(c1Of(lastHeld([heldFirst, seenLater])), 8, 'tie, the later one listed last');
});

test('the calls in order: the active call first wherever it is listed, the rest by key', () => {
  const calls = [
    call(1, { key: 4, phase: 'held' }),
    call(2, { key: 2, phase: 'held' }),
    call(3, { key: 5 }),
    call(4, { key: 1, phase: 'ringing' }),
    call(5, { key: 3, phase: 'held' }),
  ];
  assert.deepEqual(
    callsInOrder(calls).map((c) => c.key),
    [5, 1, 2, 3, 4],
  );
  assert.deepEqual(
    callsInOrder([...calls].reverse()).map((c) => c.key),
    [5, 1, 2, 3, 4],
  );
  const none = calls.filter((c) => c.phase !== 'connected');
  assert.deepEqual(
    callsInOrder(none).map((c) => c.key),
    [1, 2, 3, 4],
  );
});

const MORE_PAIRS: { name: string; calls: CallView[]; pair: [leg: number, origin: number] | undefined }[] = [
  {
    name: 'two consult legs and one marked origin: ambiguous, no pair',
    calls: [call(5, { phase: 'held', consult: true }), consultLeg, { ...consultLeg, c1: 8, key: 8 }],
    pair: undefined,
  },
  {
    name: 'a consult held, its origin not marked, one other call on hold: that call',
    calls: [call(7, { phase: 'held', ctype: CallType.Inbound }), { ...consultLeg, phase: 'held' }],
    pair: [6, 7],
  },
  {
    name: 'a consult beside a call not on hold and not marked: no pair',
    calls: [call(7, { ctype: CallType.Inbound }), { ...consultLeg, phase: 'held' }],
    pair: undefined,
  },
  {
    name: 'a consult and two marked origins, one on hold: ambiguous, no pair',
    calls: [call(4, { phase: 'held', consult: true }), call(5, { consult: true }), consultLeg],
    pair: undefined,
  },
  {
    name: 'no ctype, three calls: no pair',
    calls: [call(5, { phase: 'held' }), call(6, { placedByMe: true }), call(7, { phase: 'ringing' })],
    pair: undefined,
  },
  {
    name: 'one call typed and one not: no pair',
    calls: [call(5, { phase: 'held' }), call(6, { placedByMe: true, ctype: CallType.Internal })],
    pair: undefined,
  },
  {
    name: 'no ctype, both placed by the agent, the first on hold: the other is the leg',
    calls: [call(5, { phase: 'held', placedByMe: true }), call(6, { placedByMe: true })],
    pair: [6, 5],
  },
  {
    name: 'no ctype, the call placed listed before the one on hold',
    calls: [call(5, { placedByMe: true }), call(6, { phase: 'held' })],
    pair: [5, 6],
  },
  {
    name: 'no ctype, a call placed while another talks (none on hold): no pair',
    calls: [call(5, { placedByMe: true }), call(6)],
    pair: undefined,
  },
];
for (const row of MORE_PAIRS) {
  test(`consult pair: ${row.name}`, () => {
    const pair = consultPair(byC1(...row.calls));
    assert.deepEqual(pair && [pair.leg.c1, pair.origin.c1], row.pair);
  });
}
