// "Transfer when free" as a pure step (transfer-when-free.ts): what to do for the state the core is
// in — wait, go once the colleague is free (and Ready where an agent is known), give up at the limit,
// retrieve when the line is no longer watched, stop when the customer's call is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import {
  colleagueName,
  transferWhenFreeFrom,
  transferWhenFreeStep,
  type TransferWhenFreePlan,
} from '../../../src-main/common/state/transfer-when-free.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { decodedEvent } from '../helpers/decoded-event.ts';
import { callView } from '../helpers/call-view.ts';

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

/** Transfer the customer (call 5) to 1002 when free, giving up at 1000. */
const planFor = (s: CoreState): TransferWhenFreePlan => ({
  callKey: s.calls[5]!.key,
  device: '1002',
  how: 'consult',
  startedAt: 10,
  until: 1000,
});

describe('transfer when free: the step', () => {
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

describe('transfer when free: when it is offered', () => {
  const busy = talkingWhileBusy;

  test('not without exactly one call the agent is talking on, over a live link', () => {
    const s = busy();
    const no = { refused: 'no-call' };
    const linkDown = reduce(s, { type: 'connection', connection: { status: 'reconnecting' }, at: 5 });
    assert.deepEqual(transferWhenFreeFrom(linkDown, '1002'), no, 'link down');
    assert.deepEqual(transferWhenFreeFrom({ ...s, calls: {} }, '1002'), no, 'no call');
    const second = callView(7, { key: 99 });
    assert.deepEqual(transferWhenFreeFrom({ ...s, calls: { ...s.calls, 7: second } }, '1002'), no, 'two calls');
    const held = { ...s.calls[5]!, phase: 'held' as const };
    assert.deepEqual(transferWhenFreeFrom({ ...s, calls: { 5: held } }, '1002'), no, 'the call on hold');
    const listening = { ...s.calls[5]!, listeningTo: '1003' };
    assert.deepEqual(transferWhenFreeFrom({ ...s, calls: { 5: listening } }, '1002'), no, 'a listen-in');
    const unconfirmed = { ...s.calls[5]!, unconfirmed: true };
    assert.deepEqual(transferWhenFreeFrom({ ...s, calls: { 5: unconfirmed } }, '1002'), no, 'unconfirmed');
    assert.deepEqual(
      transferWhenFreeFrom({ ...s, calls: { 5: s.calls[5]!, 7: { ...second, unconfirmed: true } } }, '1002'),
      { call: s.calls[5] },
      'a second call unconfirmed since a reconnect does not count',
    );
  });

  test('not for a line that is not watched yet, no longer watched, or whose state is not known', () => {
    const s = busy();
    const line = s.colleagues!['1002']!;
    const withLine = (over: Partial<typeof line>) => ({ ...s, colleagues: { '1002': { ...line, ...over } } });
    assert.deepEqual(transferWhenFreeFrom({ ...s, colleagues: undefined }, '1002'), { refused: 'not-watched' });
    assert.deepEqual(transferWhenFreeFrom(withLine({ monitor: 'pending' }), '1002'), { refused: 'not-watched' });
    assert.deepEqual(transferWhenFreeFrom(withLine({ monitor: 'unavailable' }), '1002'), { refused: 'not-watched' });
    assert.deepEqual(transferWhenFreeFrom(withLine({ line: 'unknown' }), '1002'), { refused: 'unknown' });
    assert.deepEqual(transferWhenFreeFrom(withLine({ line: 'ringing' }), '1002'), { call: s.calls[5] });
  });

  test('the colleague named as the directory names them, else by number', () => {
    const directory = [
      { name: 'Lee', number: '1003' },
      { name: 'Kim', number: '1002' },
      { name: '', number: '1004' },
    ];
    assert.equal(colleagueName(directory, '1002'), 'Kim (1002)');
    assert.equal(colleagueName(directory, '1003'), 'Lee (1003)');
    assert.equal(colleagueName(directory, '1004'), '1004', 'no name: the number alone');
    assert.equal(colleagueName(directory, '1009'), '1009', 'not in the directory');
    assert.equal(colleagueName([], '1002'), '1002');
  });
});

describe('transfer when free: the step, edge cases', () => {
  test('follows the customer by key: renamed by the switch, still followed; another call does not stand in', () => {
    const s = talkingWhileBusy();
    const cleared = feed(s, 30, { id: 3, monitor: '1002', this: '1002', call: { c1: 9 } });
    const plan = planFor(s);
    const renamed = { ...cleared, calls: { 12: { ...cleared.calls[5]!, c1: 12 } } };
    assert.deepEqual(transferWhenFreeStep(plan, renamed, 40), { kind: 'go', c1: 12 });
    const other = { ...cleared, calls: { 7: callView(7, { key: s.calls[5]!.key + 1 }) } };
    assert.deepEqual(transferWhenFreeStep(plan, other, 40), { kind: 'call-gone' });
  });

  test('the line refused or the colleagues gone: back to the customer; still being added: wait', () => {
    const s = feed(talkingWhileBusy(), 30, { id: 3, monitor: '1002', this: '1002', call: { c1: 9 } });
    const plan = planFor(s);
    const line = s.colleagues!['1002']!;
    assert.deepEqual(transferWhenFreeStep(plan, s, 40), { kind: 'go', c1: 5 }, 'free');
    assert.deepEqual(
      transferWhenFreeStep(plan, { ...s, colleagues: { '1002': { ...line, monitor: 'unavailable' } } }, 40),
      { kind: 'line-gone', c1: 5 },
    );
    assert.deepEqual(transferWhenFreeStep(plan, { ...s, colleagues: undefined }, 40), { kind: 'line-gone', c1: 5 });
    assert.deepEqual(
      transferWhenFreeStep(plan, { ...s, colleagues: { '1002': { ...line, monitor: 'pending' } } }, 40),
      { kind: 'wait' },
      'idle as last known, but the monitor is being re-added',
    );
  });
});
