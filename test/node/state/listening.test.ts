// Listening in, in the reducer: the leg first seen at the agent shortly after a listen-in was sent,
// naming the device listened to, shows as "listening to" it; anything else is an ordinary call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodedEvent } from '../helpers/decoded-event.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import { LISTEN_MATCH_MS } from '../../../src-main/common/state/listening.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

const me = { device: '1001', agentId: '1001', queues: ['401'] };
const ev = decodedEvent;
const feed = (s: CoreState, at: number, frame: Record<string, unknown>) =>
  reduce(s, { type: 'event', event: ev(frame), at });
/** The leg at the agent: Established at 1001, the other party given in `call`. */
const leg = (s: CoreState, at: number, c1: number, call: Record<string, unknown>) =>
  feed(s, at, { id: 6, this: '1001', monitor: '1001', call: { c1, ctype: 1, ...call } });
const REQUESTED_AT = 50_000;
const requested = (device = '1002') =>
  reduce(initialState(me, 1, 0), { type: 'listen-requested', device, at: REQUESTED_AT });

test('the leg naming the device listened to, just after the request, is the listening one; the request is then spent', () => {
  const s = leg(requested(), REQUESTED_AT + 5, 31, { other: '1002' });
  assert.equal(s.calls[31]!.listeningTo, '1002');
  assert.equal(s.calls[31]!.party, '1002');
  assert.equal(s.listenRequest, undefined, 'one request, one leg');
  const next = leg(s, REQUESTED_AT + 6, 32, { other: '1002' });
  assert.equal(next.calls[32]!.listeningTo, undefined, 'a second call from 1002 is an ordinary call');
});

test('the listened device may be named as the third party or the called one', () => {
  assert.equal(leg(requested(), REQUESTED_AT + 5, 31, { third: '1002' }).calls[31]!.listeningTo, '1002');
  assert.equal(leg(requested(), REQUESTED_AT + 5, 31, { called: '1002' }).calls[31]!.listeningTo, '1002');
});

test('a call naming another device is not the listening leg, and the request waits for its own', () => {
  const s = leg(requested(), REQUESTED_AT + 5, 31, { other: '01055550001' });
  assert.equal(s.calls[31]!.listeningTo, undefined);
  assert.equal(s.calls[31]!.party, '01055550001');
  assert.deepEqual(s.listenRequest, { device: '1002', at: REQUESTED_AT });
});

test('a leg up to LISTEN_MATCH_MS after the request matches; one later is an ordinary call', () => {
  const onTime = leg(requested(), REQUESTED_AT + LISTEN_MATCH_MS, 31, { other: '1002' });
  assert.equal(onTime.calls[31]!.listeningTo, '1002');
  const late = leg(requested(), REQUESTED_AT + LISTEN_MATCH_MS + 1, 31, { other: '1002' });
  assert.equal(late.calls[31]!.listeningTo, undefined);
  assert.equal(late.calls[31]!.party, '1002');
});

test('a refused listen-in is forgotten: a call from that device later is ordinary; with no request nothing changes', () => {
  const refused = reduce(requested(), { type: 'listen-refused', at: REQUESTED_AT + 1 });
  assert.equal(refused.listenRequest, undefined);
  assert.equal(leg(refused, REQUESTED_AT + 2, 31, { other: '1002' }).calls[31]!.listeningTo, undefined);
  const plain = initialState(me, 1, 0);
  assert.equal(reduce(plain, { type: 'listen-refused', at: 1 }), plain, 'the same state: nothing to push');
});
