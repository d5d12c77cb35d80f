// Colleagues' lines in the reducer (colleagues.ts): each line follows the events about its
// extension, whoever's monitor reports them, and none of them moves the agent's own calls or
// state, with `monitor` named (the samples) or not (the event table).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import { eventOwner } from '../../../src-main/common/state/event-owner.ts';
import {
  colleaguesReconnected,
  freeFirst,
  isFree,
  monitorAnswered,
  reduceColleagues,
  withColleagues,
  type Colleagues,
} from '../../../src-main/common/state/colleagues.ts';
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

// The module's functions on their own: what each keeps, changes, and leaves as the same object (no push).
function watched(devices: string[], limit = 50): Colleagues {
  let c = withColleagues({}, devices, limit, 0);
  for (const device of devices.slice(0, limit)) c = monitorAnswered(c, device);
  return c;
}
const step = (c: Colleagues, at: number, ...frames: Record<string, unknown>[]): Colleagues =>
  frames.reduce<Colleagues>((x, frame) => reduceColleagues(x, decodedEvent(frame), at)!, c);

describe('colleagues: the directory and the monitors', () => {
  test('a lower limit makes the lines beyond it unavailable, keeping what is known of them', () => {
    let c = step(watched(['1002', '1003']), 10, { id: 4, this: '1003', call: { c1: 7 } });
    c = withColleagues(c, ['1002', '1003'], 1, 20);
    assert.deepEqual(c['1003']!.unavailable, { why: 'limit', limit: 1 });
    assert.equal(c['1003']!.monitor, 'unavailable');
    assert.equal(c['1003']!.line, 'ringing');
    assert.deepEqual(c['1003']!.calls, { 7: 'ringing' });
    assert.equal(c['1002']!.monitor, 'watched', 'the line within the limit is kept');
  });

  test('a higher limit watches the lines it now reaches and re-counts the ones still beyond it', () => {
    let c = withColleagues({}, ['1002', '1003', '1004'], 1, 0);
    c = withColleagues(c, ['1002', '1003', '1004'], 2, 10);
    assert.equal(c['1003']!.monitor, 'pending');
    assert.equal(c['1003']!.unavailable, undefined);
    assert.equal(c['1003']!.lineSince, 10);
    assert.deepEqual(c['1004']!.unavailable, { why: 'limit', limit: 2 });
  });

  test('a changed directory is a new set of lines: a device replaced, the order changed', () => {
    const c = watched(['1002', '1003']);
    const replaced = withColleagues(c, ['1002', '1004'], 50, 5);
    assert.deepEqual(Object.keys(replaced), ['1002', '1004']);
    assert.equal(replaced['1002'], c['1002'], 'a line kept keeps what is known of it');
    // Named (not numeric) lines keep the directory's order; numeric keys are always in number order.
    const named = watched(['desk-b', 'desk-a']);
    const reordered = withColleagues(named, ['desk-a', 'desk-b'], 50, 5);
    assert.deepEqual(Object.keys(reordered), ['desk-a', 'desk-b']);
    assert.equal(withColleagues(c, ['1002', '1003'], 50, 5), c, 'the same directory: the same lines');
  });

  test('a monitor answer: watched once, refused is unavailable, and lines unknown or beyond the limit are left', () => {
    let c = withColleagues({}, ['1002', '1003', '1004'], 2, 0);
    assert.equal(monitorAnswered(c, '1999'), c, 'an answer for a line not in the directory changes nothing');
    assert.equal(monitorAnswered(c, '1004'), c, 'a line beyond the limit is not watched by a late answer');
    assert.equal(c['1004']!.monitor, 'unavailable');
    c = monitorAnswered(c, '1002');
    assert.equal(c['1002']!.monitor, 'watched');
    assert.equal(monitorAnswered(c, '1002'), c, 'a second answer changes nothing');
    c = monitorAnswered(c, '1003', -4009);
    assert.equal(c['1003']!.monitor, 'unavailable');
    assert.deepEqual(c['1003']!.unavailable, { why: 'refused', code: -4009 });
  });

  test('after a reconnect a refused line is tried again, a line beyond the limit stays so', () => {
    let c = withColleagues({}, ['1002', '1003'], 1, 0);
    c = monitorAnswered(c, '1002', 'x');
    c = colleaguesReconnected(c, 30);
    assert.equal(c['1002']!.monitor, 'pending');
    assert.equal(c['1002']!.unavailable, undefined);
    assert.equal(c['1002']!.lineSince, 30);
    assert.deepEqual(c['1003']!.unavailable, { why: 'limit', limit: 1 });
  });
});

describe('colleagues: their calls', () => {
  test('a line keeps its time in state while it shows the same; a cleared call leaves the others', () => {
    let c = step(watched(['1002']), 10, { id: 6, this: '1002', call: { c1: 1 } });
    c = step(c, 20, { id: 4, this: '1002', call: { c1: 2 } });
    assert.equal(c['1002']!.line, 'onCall');
    assert.equal(c['1002']!.lineSince, 10, 'a second call ringing does not restart the time on the call');
    c = step(c, 30, { id: 3, this: '1002', call: { c1: 1 } });
    assert.deepEqual(c['1002']!.calls, { 2: 'ringing' });
    assert.equal(c['1002']!.line, 'ringing');
    assert.equal(c['1002']!.lineSince, 30);
  });

  test('a Delivered never takes back an answer or a hold; their own call ringing elsewhere is a call', () => {
    let c = step(
      watched(['1002', '1003']),
      10,
      { id: 6, this: '1002', call: { c1: 1 } },
      { id: 8, this: '1003', call: { c1: 2 } },
    );
    c = step(c, 20, { id: 4, this: '1002', call: { c1: 1, other: '9' } }, { id: 4, this: '1003', call: { c1: 2 } });
    assert.deepEqual(c['1002']!.calls, { 1: 'onCall' });
    assert.deepEqual(c['1003']!.calls, { 2: 'held' });
    c = step(c, 30, { id: 4, this: '1002', call: { c1: 5, other: '1002' } });
    assert.deepEqual(c['1002']!.calls, { 1: 'onCall', 5: 'onCall' });
  });

  test('an event that does not move a call leaves the line, and the same state, once the line is known', () => {
    const c = step(watched(['1002']), 10, { id: 6, this: '1002', call: { c1: 1 } });
    assert.equal(step(c, 20, { id: 9, this: '1002', call: { c1: 1 } }), c, 'NetworkReached moves nothing');
    assert.equal(step(c, 20, { id: 6, this: '1002', call: { c1: 1 } }), c, 'a repeated Established moves nothing');
    const first = step(watched(['1002']), 10, { id: 9, this: '1002', call: { c1: 1 } });
    assert.equal(first['1002']!.line, 'idle', 'yet a first event tells the line is there');
  });

  test('a call event without a call id is not a call', () => {
    const c = watched(['1002']);
    assert.equal(step(c, 10, { id: 4, this: '1002', call: { other: '9' } }), c);
    assert.equal(step(c, 10, { id: 1, this: '1002', call: { other: '9' } }), c);
  });

  test('a flood of calls is not kept (8 a line), yet the calls kept still move', () => {
    let c = watched(['1002']);
    for (let i = 1; i <= 12; i++) c = step(c, i, { id: 4, this: '1002', call: { c1: i } });
    assert.equal(Object.keys(c['1002']!.calls).length, 8);
    c = step(c, 20, { id: 6, this: '1002', call: { c1: 3 } });
    assert.equal(c['1002']!.calls[3], 'onCall');
    assert.equal(c['1002']!.line, 'onCall');
  });

  test('a CallCleared ends the call for every colleague in it, and for no one else', () => {
    const c = step(
      watched(['1002', '1003', '1004']),
      10,
      { id: 6, this: '1002', call: { c1: 1 } },
      { id: 6, this: '1003', call: { c1: 1 } },
    );
    const after = step(c, 20, { id: 1, this: '1002', call: { c1: 1 } });
    assert.equal(after['1002']!.line, 'idle');
    assert.equal(after['1003']!.line, 'idle');
    assert.equal(after['1004']!.line, 'unknown', 'a line not in the call is not told anything');
    assert.deepEqual(Object.keys(after), ['1002', '1003', '1004']);
    assert.equal(c['1002']!.line, 'onCall', 'the state before is left as it was');
    assert.equal(
      step(c, 20, { id: 1, this: '1002', call: { c1: 99 } }),
      c,
      'a call no colleague is in changes nothing',
    );
  });

  test('a conference keeps the conferencing colleague on the call that goes on, with its phase', () => {
    let c = step(
      watched(['1002', '1003']),
      10,
      { id: 8, this: '1002', call: { c1: 1 } },
      { id: 6, this: '1002', call: { c1: 2 } },
    );
    c = step(c, 20, { id: 2, this: '1002', call: { c1: 1, c2: 2, c3: 1 } });
    assert.deepEqual(c['1002']!.calls, { 1: 'held' });
    assert.equal(c['1002']!.line, 'held');
    let d = step(watched(['1002', '1003']), 10, { id: 6, this: '1003', call: { c1: 2 } });
    d = step(d, 20, { id: 2, this: '1002', call: { c1: 5, c2: 1, c3: 2 } });
    assert.deepEqual(d['1003']!.calls, { 5: 'onCall' }, 'a colleague in one of the merged calls is in the new one');
  });

  test('a transfer at a colleague on another call leaves their line as it was', () => {
    const c = step(watched(['1002']), 10, { id: 6, this: '1002', call: { c1: 9 } });
    assert.equal(step(c, 20, { id: 14, this: '1002', call: { c1: 1, c2: 1, c3: 2 } }), c);
  });
});

describe('colleagues: their agent state', () => {
  test('an agent event tells the state, its reason where given, and the time it began', () => {
    let c = step(watched(['1002']), 10, { id: 204, this: '1002' });
    assert.deepEqual(c['1002']!.agent, { state: 'ready', since: 10 });
    assert.equal(c['1002']!.line, 'idle');
    c = step(c, 20, { id: 203, this: '1002', agent: { id: 'B2', reason: 4 } });
    assert.deepEqual(c['1002']!.agent, { state: 'notReady', reason: 4, since: 20 });
    assert.equal(
      step(c, 30, { id: 203, this: '1002', agent: { id: 'B2', reason: 4 } }),
      c,
      'the same again: no change',
    );
    c = step(c, 40, { id: 203, this: '1002', agent: { id: 'B2', reason: 5 } });
    assert.deepEqual(c['1002']!.agent, { state: 'notReady', reason: 5, since: 40 });
  });
});

describe('colleagues: free first', () => {
  test('a line being watched again, or refused, is not free even when idle; unavailable ones sort last', () => {
    let c = withColleagues({}, ['1002', '1003', '1004'], 50, 0);
    c = step(c, 10, { id: 3, this: '1002', call: { c1: 1 } }, { id: 3, this: '1003', call: { c1: 1 } });
    c = monitorAnswered(c, '1003', -4009);
    assert.equal(c['1002']!.line, 'idle');
    assert.equal(isFree(c['1002']!), false, 'the monitor is not added yet');
    assert.equal(isFree(c['1003']!), false);
    assert.deepEqual(
      freeFirst(['1003', '1004', 'none', '1002'], (d) => c[d]),
      ['1002', '1004', '1003', 'none'],
    );
  });

  test('within each kind the given order is kept', () => {
    const devices = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    let c = watched(devices);
    c = step(c, 10, ...devices.map((d, i) => ({ id: i % 2 ? 6 : 3, this: d, call: { c1: 1 } })));
    assert.deepEqual(
      freeFirst(devices, (d) => c[d]),
      ['a1', 'a3', 'a5', 'a2', 'a4', 'a6'],
    );
  });
});
