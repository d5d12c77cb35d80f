// "Transfer when free" as a pure step (transfer-when-free.ts): what to do for the state the core is
// in — wait, go once the colleague is free (and Ready where an agent is known), give up at the limit,
// retrieve when the line is no longer watched, stop when the customer's call is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import {
  transferWhenFreeFrom,
  transferWhenFreeStep,
  type TransferWhenFreePlan,
} from '../../../src-main/common/state/transfer-when-free.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { decodedEvent } from '../helpers/decoded-event.ts';

const feed = (s: CoreState, at: number, ...frames: Record<string, unknown>[]) =>
  frames.reduce((st, frame) => reduce(st, { type: 'event', event: decodedEvent(frame), at }), s);

/** Agent 1001 talking to a customer (call 5); colleague 1002 watched and on a call (call 9). */
function talkingWhileBusy(): CoreState {
  let s = initialState({ device: '1001', agentId: 'A1', queues: [] }, 1, 0);
  s = reduce(s, { type: 'connection', connection: { status: 'connected' }, at: 0 });
  s = reduce(s, { type: 'colleagues-set', devices: ['1002'], limit: 50, at: 0 });
  s = reduce(s, { type: 'colleague-monitor', device: '1002' });
  return feed(
    s,
    1,
    { id: 4, monitor: '1001', this: '1001', call: { c1: 5, other: '0107', ctype: 1 } },
    { id: 6, monitor: '1001', this: '1001', call: { c1: 5, other: '0107' } },
    { id: 6, monitor: '1002', this: '1002', call: { c1: 9, other: '0108' } },
  );
}

describe('transfer when free: the step', () => {
  const planFor = (s: CoreState): TransferWhenFreePlan => ({
    callKey: s.calls[5]!.key,
    device: '1002',
    how: 'consult',
    startedAt: 10,
    until: 1000,
  });

  test('offered from the one call talking, for a colleague known busy', () => {
    const s = talkingWhileBusy();
    assert.deepEqual(transferWhenFreeFrom(s, '1002'), { call: s.calls[5] });
    assert.deepEqual(transferWhenFreeFrom(s, '1003'), { refused: 'not-watched' });
    const idle = feed(s, 2, { id: 3, monitor: '1002', this: '1002', call: { c1: 9 } });
    assert.deepEqual(transferWhenFreeFrom(idle, '1002'), { refused: 'free' });
  });

  test('waits while busy; goes once the line clears; with an agent there, only once Ready', () => {
    let s = talkingWhileBusy();
    const plan = planFor(s);
    assert.deepEqual(transferWhenFreeStep(plan, s, 20), { kind: 'wait' });
    s = feed(s, 30, { id: 203, monitor: '1002', this: '1002', agent: { id: 'B2', reason: 1 } });
    s = feed(s, 40, { id: 3, monitor: '1002', this: '1002', call: { c1: 9 } });
    assert.deepEqual(transferWhenFreeStep(plan, s, 50), { kind: 'wait' }, 'idle but Not ready');
    const down = reduce(s, { type: 'connection', connection: { status: 'reconnecting' }, at: 55 });
    s = feed(s, 60, { id: 204, monitor: '1002', this: '1002', agent: { id: 'B2' } });
    assert.deepEqual(transferWhenFreeStep(plan, s, 70), { kind: 'go', c1: 5 });
    assert.deepEqual(
      transferWhenFreeStep(plan, { ...down, colleagues: s.colleagues }, 70),
      { kind: 'wait' },
      'link down',
    );
  });

  test('at the limit: give up; the line no longer watched: back to the customer; the call gone: stop', () => {
    const s = talkingWhileBusy();
    const plan = planFor(s);
    assert.deepEqual(transferWhenFreeStep(plan, s, 999), { kind: 'wait' });
    assert.deepEqual(transferWhenFreeStep(plan, s, 1000), { kind: 'give-up', c1: 5 });
    const gone = reduce(s, { type: 'colleagues-set', devices: [], limit: 50, at: 20 });
    assert.deepEqual(transferWhenFreeStep(plan, gone, 20), { kind: 'line-gone', c1: 5 });
    const hungUp = feed(s, 20, { id: 3, monitor: '1001', this: '1001', call: { c1: 5 } });
    assert.deepEqual(transferWhenFreeStep(plan, hungUp, 20), { kind: 'call-gone' });
  });
});
