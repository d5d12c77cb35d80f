// The small rules issue 25 added beside the reducer, each on its own: who ended a call, when a
// consult has rung long enough to offer Cancel, calls put back after a restart, and the agent state
// shown with no link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodedEvent } from '../helpers/decoded-event.ts';
import { callView } from '../helpers/call-view.ts';
import { endedBy, leaving, transferredAway } from '../../../src-main/common/state/call-end.ts';
import { unansweredConsult } from '../../../src-main/common/state/consult-cancel.ts';
import { withRestoredCalls } from '../../../src-main/common/state/restored-calls.ts';
import { shownAgentState } from '../../../src-main/common/state/shown-agent-state.ts';
import { initialState } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

const me = '1001';

const call = callView;

test('leaving: a ConnectionCleared names the call and the device that left it; other events name none', () => {
  assert.deepEqual(leaving(decodedEvent({ id: 3, this: '01055550001', call: { c1: 7 } })), {
    c1: 7,
    device: '01055550001',
  });
  assert.equal(leaving(decodedEvent({ id: 1, this: me, call: { c1: 7 } })), undefined, 'CallCleared');
  assert.equal(leaving(decodedEvent({ id: 3, this: me })), undefined, 'no call');
  assert.equal(leaving(decodedEvent({ id: 3, call: { c1: 7 } })), undefined, 'no device');
});

test('transferredAway: a Transferred at the agent ends its calls; at another device, or another event, none', () => {
  assert.deepEqual(transferredAway(decodedEvent({ id: 14, this: me, call: { c1: 7, c2: 8, c3: 9 } }), me), [7, 8, 9]);
  assert.deepEqual(transferredAway(decodedEvent({ id: 14, this: me, call: { c1: 7 } }), me), [7]);
  assert.deepEqual(transferredAway(decodedEvent({ id: 14, this: '1002', call: { c1: 7, c2: 8 } }), me), []);
  assert.deepEqual(transferredAway(decodedEvent({ id: 3, this: me, call: { c1: 7 } }), me), []);
  assert.deepEqual(transferredAway(decodedEvent({ id: 14, this: me }), me), []);
});

test('endedBy: the transfer first, then the first party that left: the agent, a colleague on a consult, else the caller', () => {
  const customer = call(7, { ctype: 1 });
  const consultLeg = call(8, { ctype: 4 });
  assert.equal(endedBy(customer, me, true, me), 'transferred', 'a transfer wins over who left');
  assert.equal(endedBy(customer, undefined, true, me), 'transferred');
  assert.equal(endedBy(customer, me, false, me), 'agent');
  assert.equal(endedBy(consultLeg, me, false, me), 'agent');
  assert.equal(endedBy(consultLeg, '1002', false, me), 'colleague');
  assert.equal(endedBy(customer, '01055550001', false, me), 'caller');
  assert.equal(endedBy(call(9), '01055550001', false, me), 'caller', 'an untyped call is the caller’s');
  assert.equal(endedBy(customer, undefined, false, me), undefined, 'nobody seen leaving: unknown');
});

test('unansweredConsult: offered once the consult has rung the set time with the customer on hold, not before', () => {
  const customer = call(7, { ctype: 1, consult: true, phase: 'held' });
  const leg = call(8, { ctype: 4, consult: true, phase: 'dialing', placedByMe: true, startedAt: 10_000 });
  const calls = { 7: customer, 8: leg };
  assert.equal(unansweredConsult(calls, 24_999, 15), undefined, '1 ms short');
  assert.deepEqual(unansweredConsult(calls, 25_000, 15), { leg, origin: customer }, 'exactly the time');
  assert.deepEqual(unansweredConsult(calls, 60_000, 15), { leg, origin: customer });
  assert.equal(
    unansweredConsult({ 7: customer, 8: { ...leg, phase: 'connected' } }, 60_000, 15),
    undefined,
    'answered',
  );
  assert.equal(
    unansweredConsult({ 7: { ...customer, phase: 'connected' }, 8: leg }, 60_000, 15),
    undefined,
    'the customer not on hold',
  );
  assert.equal(unansweredConsult({ 8: leg }, 60_000, 15), undefined, 'no customer: no consult pair');
  assert.equal(unansweredConsult({}, 60_000, 15), undefined);
});

test('withRestoredCalls: calls from before a restart come back unconfirmed with new keys; a call already known is kept as it is', () => {
  const base: CoreState = initialState({ device: me, agentId: me, queues: [] }, 1, 0);
  assert.equal(withRestoredCalls(base, []), base, 'nothing to restore: the same state');
  const known = call(7, { key: 40, phase: 'held' });
  const state: CoreState = { ...base, calls: { 7: known }, nextCallKey: 41 };
  const restored = withRestoredCalls(state, [call(7, { key: 1, phase: 'connected' }), call(9, { key: 2 })]);
  assert.equal(restored.calls[7], known, 'the event-built call wins over the saved one');
  assert.equal(restored.calls[9]?.unconfirmed, true);
  assert.equal(restored.calls[9]?.key, 41, 'a fresh key, never one already given');
  assert.equal(restored.nextCallKey, 42);
  assert.equal(state.calls[9], undefined, 'the state given is not changed');
  const two = withRestoredCalls(base, [call(5), call(6)]);
  assert.deepEqual(
    [two.calls[5]?.key, two.calls[6]?.key, two.nextCallKey],
    [base.nextCallKey, base.nextCallKey + 1, base.nextCallKey + 2],
  );
});

test('shownAgentState: the agent state while connected, "unknown" in every other connection status', () => {
  const agent = { state: 'ready' } as CoreState['agent'];
  assert.equal(shownAgentState({ agent, connection: { status: 'connected' } as CoreState['connection'] }), 'ready');
  for (const status of ['idle', 'connecting', 'logging-in', 'reconnecting', 'refused'] as const)
    assert.equal(shownAgentState({ agent, connection: { status } as CoreState['connection'] }), 'unknown', status);
});
