// Colleagues' lines in the reducer (colleagues.ts): each line follows the events about its
// extension, whoever's monitor reports them, and none of them moves the agent's own calls or
// state, with `monitor` named (the samples) or not (the event table).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import { eventOwner } from '../../../src-main/common/state/event-owner.ts';
import { freeFirst, isFree } from '../../../src-main/common/state/colleagues.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { decodedEvent } from '../helpers/decoded-event.ts';

const ME = '1001';
function watching(...devices: string[]): CoreState {
  let s = initialState({ device: ME, agentId: 'A1', queues: ['401'] }, 1, 0);
  s = reduce(s, { type: 'colleagues-set', devices, limit: 50, at: 0 });
  for (const device of devices) s = reduce(s, { type: 'colleague-monitor', device });
  return s;
}
const feed = (s: CoreState, at: number, ...frames: Record<string, unknown>[]) =>
  frames.reduce((st, frame) => reduce(st, { type: 'event', event: decodedEvent(frame), at }), s);

describe('colleagues’ lines in the reducer', () => {
  for (const withMonitor of [true, false]) {
    const at = (monitor: string) => (withMonitor ? { monitor } : {});
    test(`${withMonitor ? 'with' : 'without'} \`monitor\`: a colleague's call moves their line and not the agent's calls or state`, () => {
      let s = watching('1002');
      s = feed(s, 5, { id: 201, this: ME, agent: { id: 'A1', wmode: 3 } }, { id: 204, this: ME, agent: { id: 'A1' } });
      const agent = s.agent;
      s = feed(s, 10, { id: 4, ...at('1002'), this: '1002', call: { c1: 70, other: '01055550001', ctype: 1 } });
      assert.equal(s.colleagues!['1002']!.line, 'ringing');
      assert.equal(s.colleagues!['1002']!.lineSince, 10);
      s = feed(s, 20, { id: 6, ...at('1002'), this: '1002', call: { c1: 70, other: '01055550001' } });
      s = feed(s, 30, { id: 8, ...at('1002'), this: '1002', call: { c1: 70 } });
      assert.equal(s.colleagues!['1002']!.line, 'held');
      s = feed(s, 40, { id: 12, ...at('1002'), this: '1002', call: { c1: 70 } });
      assert.equal(s.colleagues!['1002']!.line, 'onCall');
      assert.equal(s.colleagues!['1002']!.lineSince, 40);
      assert.deepEqual(s.calls, {}, 'no call of the agent');
      assert.equal(s.agent, agent, 'the agent state is the same object');
      s = feed(s, 50, { id: 203, ...at('1002'), this: '1002', agent: { id: 'B2', reason: 4 } });
      assert.deepEqual(s.colleagues!['1002']!.agent, { state: 'notReady', reason: 4, since: 50 });
      assert.equal(s.agent, agent, "a colleague's Not ready is not the agent's");
      s = feed(s, 60, { id: 3, ...at('1002'), this: '1002', call: { c1: 70 } });
      assert.equal(s.colleagues!['1002']!.line, 'idle');
      assert.deepEqual(s.calls, {});
    });

    test(`${withMonitor ? 'with' : 'without'} \`monitor\`: the agent's call to a colleague stays the agent's as it was`, () => {
      let s = watching('1002');
      s = feed(
        s,
        10,
        { id: 13, ...at(ME), this: ME, call: { c1: 80, other: ME, ctype: 3 } },
        { id: 4, ...at(ME), this: '1002', call: { c1: 80, other: ME, third: '1002', ctype: 3 } },
        { id: 4, ...at('1002'), this: '1002', call: { c1: 80, other: ME, ctype: 3 } },
      );
      assert.equal(s.calls[80]!.phase, 'dialing');
      assert.equal(s.colleagues!['1002']!.line, 'ringing');
      s = feed(
        s,
        20,
        { id: 6, ...at(ME), this: '1002', call: { c1: 80, other: ME } },
        { id: 6, ...at('1002'), this: '1002', call: { c1: 80, other: ME } },
      );
      assert.equal(s.calls[80]!.phase, 'connected');
      assert.equal(s.colleagues!['1002']!.line, 'onCall');
      const mine = s.calls[80];
      // The colleague holds: their line shows it; the agent's call is not held by the agent.
      s = feed(s, 30, { id: 8, ...at('1002'), this: '1002', call: { c1: 80 } });
      assert.equal(s.colleagues!['1002']!.line, 'held');
      assert.equal(s.calls[80]!.phase, mine!.phase);
    });
  }

  test('owner: a colleague’s monitor is theirs, never the agent’s nor "unwatched"', () => {
    const s = watching('1002');
    const ev = decodedEvent({ id: 4, monitor: '1002', this: '1002', call: { c1: 9 } });
    assert.deepEqual(eventOwner(s, ev), { kind: 'colleague', device: '1002' });
  });

  test('a transfer moves the line: the colleague who transferred is out, the one the consult reached keeps the call', () => {
    let s = watching('1002', '1003');
    s = feed(
      s,
      10,
      { id: 6, this: '1002', call: { c1: 1, other: '01055550001' } },
      { id: 8, this: '1002', call: { c1: 1 } },
      { id: 13, this: '1002', call: { c1: 2, other: '1002', ctype: 4 } },
      { id: 4, this: '1003', call: { c1: 2, other: '1002', ctype: 4 } },
      { id: 6, this: '1003', call: { c1: 2, other: '1002', ctype: 4 } },
    );
    assert.equal(s.colleagues!['1002']!.line, 'onCall');
    assert.equal(s.colleagues!['1003']!.line, 'onCall');
    s = feed(s, 20, { id: 14, this: '1002', call: { c1: 1, c2: 1, c3: 2, ctype: 5 } });
    assert.equal(s.colleagues!['1002']!.line, 'idle');
    assert.deepEqual(s.colleagues!['1003']!.calls, { 1: 'onCall' });
    s = feed(s, 30, { id: 1, this: '1003', call: { c1: 1 } });
    assert.equal(s.colleagues!['1003']!.line, 'idle');
  });

  test('a line over the limit or refused is not followed; after a reconnect every line is unknown again', () => {
    let s = initialState({ device: ME, agentId: 'A1', queues: ['401'] }, 1, 0);
    s = reduce(s, { type: 'colleagues-set', devices: ['1002', '1003', '1004'], limit: 2, at: 0 });
    s = reduce(s, { type: 'colleague-monitor', device: '1002' });
    s = reduce(s, { type: 'colleague-monitor', device: '1003', refusal: -4009 });
    assert.deepEqual(s.colleagues!['1003']!.unavailable, { why: 'refused', code: -4009 });
    assert.deepEqual(s.colleagues!['1004']!.unavailable, { why: 'limit', limit: 2 });
    s = feed(s, 10, { id: 4, this: '1004', call: { c1: 5, other: '9' } }, { id: 4, this: '1002', call: { c1: 6 } });
    assert.equal(s.colleagues!['1004']!.line, 'unknown');
    assert.equal(s.colleagues!['1002']!.line, 'ringing');
    const again = reduce(s, { type: 'colleagues-set', devices: ['1002', '1003', '1004'], limit: 2, at: 15 });
    assert.equal(again, s, 'the same directory saved again changes nothing (no push)');
    s = reduce(s, { type: 'resynced', at: 20 });
    assert.equal(s.colleagues!['1002']!.line, 'unknown');
    assert.equal(s.colleagues!['1002']!.monitor, 'pending');
    assert.equal(s.colleagues!['1004']!.unavailable?.why, 'limit');
  });

  test('free: an idle line with no agent, or a Ready one; free colleagues sort first', () => {
    let s = watching('1002', '1003', '1004', '1005');
    s = feed(
      s,
      10,
      { id: 3, this: '1002', call: { c1: 1 } }, // a clear tells the line is there and idle
      { id: 204, this: '1003', agent: { id: 'B3' } },
      { id: 203, this: '1004', agent: { id: 'B4', reason: 1 } },
    );
    const lines = s.colleagues!;
    assert.equal(isFree(lines['1003']!), true);
    assert.equal(isFree(lines['1004']!), false, 'Not ready is not free');
    assert.equal(isFree(lines['1005']!), false, 'unknown is not free');
    assert.deepEqual(
      freeFirst(['1005', '1004', '1003', '1002'], (d) => lines[d]),
      ['1003', '1002', '1004', '1005'],
    );
  });
});
