import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions } from '../../../src-main/common/state/available-actions.ts';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';
import { appState } from '../helpers/app-state.ts';

const app = (core: Partial<CoreState>, status: 'connected' | 'reconnecting' = 'connected') => appState(core, { status });
const call = (c1: number, extra: Partial<CallView>): CallView => ({
  c1, direction: 'inbound', phase: 'connected', consult: false, placedByMe: false, parties: [], startedAt: 0, since: 0, lastEventAt: 0, ...extra,
});

test('agent buttons follow the agent state', () => {
  const off = availableActions(app({}));
  assert.deepEqual([off.logon, off.logoff, off.ready, off.notReady], [true, false, false, false]);
  const ready = availableActions(app({ agent: { state: 'ready', since: 0 } }));
  assert.deepEqual([ready.logon, ready.logoff, ready.ready, ready.notReady, ready.afterWork], [false, true, false, true, true]);
});

test('a ringing call can be answered or rejected, not held', () => {
  const a = availableActions(app({ calls: { 5: call(5, { phase: 'ringing' }) }, agent: { state: 'ready', since: 0 } }));
  assert.deepEqual(a.calls[5], { answer: true, hangup: true, hold: false, retrieve: false, consult: false, singleStepTransfer: false });
  assert.equal(a.logoff, false, 'no log off on a call');
  assert.equal(a.dial, false);
});

test('a call I placed is never answerable by me', () => {
  assert.equal(availableActions(app({ calls: { 5: call(5, { phase: 'ringing', placedByMe: true }) } })).calls[5]!.answer, false);
});

test('talking: hold, consult, transfer; held: retrieve', () => {
  const talking = availableActions(app({ calls: { 5: call(5, {}) } }));
  assert.deepEqual(talking.calls[5], { answer: false, hangup: true, hold: true, retrieve: false, consult: true, singleStepTransfer: true });
  assert.equal(availableActions(app({ calls: { 5: call(5, { phase: 'held' }) } })).calls[5]!.retrieve, true);
});

test('a consult in progress: complete transfer/conference offered, no second consult, no retrieve over the live call', () => {
  const a = availableActions(app({ calls: { 5: call(5, { phase: 'held', consult: true }), 6: call(6, { consult: true, ctype: 4, placedByMe: true }) } }));
  assert.deepEqual(a.completeConsult, { activeC1: 6, heldC1: 5 });
  assert.equal(a.calls[6]!.consult, false);
  assert.equal(a.calls[5]!.retrieve, false);
  const ringingConsult = availableActions(app({ calls: { 5: call(5, { phase: 'held', consult: true }), 6: call(6, { consult: true, ctype: 4, phase: 'dialing', placedByMe: true }) } }));
  assert.equal(ringingConsult.completeConsult, undefined, 'not before the consulted party answers');
});

test('nothing call-related while not connected', () => {
  const a = availableActions(app({ calls: { 5: call(5, { phase: 'ringing' }) }, agent: { state: 'ready', since: 0 } }, 'reconnecting'));
  assert.equal(a.calls[5]!.answer, false);
  assert.equal(a.calls[5]!.hangup, false);
  assert.equal(a.dial, false);
  assert.equal(a.ready, false);
});
