// Whose an event is (event-owner.ts): the monitor it names; where it names none, the device in
// `this`, a call the agent already has, or a call placed from the agent's device. Events decoded
// from frames as a server sends them, with and without `monitor`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, type CtiEvent } from '../../../src-main/common/protocol/frames.ts';
import { eventOwner } from '../../../src-main/common/state/event-owner.ts';
import { initialState } from '../../../src-main/common/state/reducer.ts';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';
import { callView } from '../helpers/call-view.ts';

const ME = '1001';
const state = (...calls: CallView[]): CoreState => {
  const s = initialState({ device: ME, agentId: 'A1', queues: ['401', '402'] }, 1, 0);
  for (const c of calls) s.calls[c.c1] = c;
  return s;
};
function event(fields: Record<string, unknown>): CtiEvent {
  const decoded = decodeFrame(JSON.stringify({ fname: 'event', ...fields }));
  if (decoded.kind !== 'event') throw new Error(JSON.stringify(decoded));
  return decoded.event;
}
const AGENT = { kind: 'agent' };
const queue = (dn: string) => ({ kind: 'queue', dn });
const unwatched = (device: string | undefined) => ({ kind: 'unwatched', device });

describe('whose an event is', () => {
  test('an event naming a monitor is that monitor’s, whatever `this` says', () => {
    const s = state(callView(5));
    assert.deepEqual(eventOwner(s, event({ id: 4, monitor: ME, this: '1002', call: { c1: 9 } })), AGENT);
    assert.deepEqual(eventOwner(s, event({ id: 4, monitor: '401', this: ME, call: { c1: 5 } })), queue('401'));
    assert.deepEqual(eventOwner(s, event({ id: 4, monitor: '402', this: ME, call: { c1: 5 } })), queue('402'));
    assert.deepEqual(eventOwner(s, event({ id: 6, monitor: '1005', this: ME, call: { c1: 5 } })), unwatched('1005'));
  });

  test('without a monitor: the device in `this`', () => {
    const s = state();
    assert.deepEqual(eventOwner(s, event({ id: 4, this: ME, call: { c1: 9 } })), AGENT);
    assert.deepEqual(eventOwner(s, event({ id: 11, this: '401', call: { c1: 9 } })), queue('401'));
    assert.deepEqual(
      eventOwner(s, event({ id: 4, this: '1002', call: { c1: 9, other: '0101234567' } })),
      unwatched('1002'),
    );
    assert.deepEqual(eventOwner(s, event({ id: 4, call: { c1: 9 } })), unwatched(undefined), 'naming no device');
    assert.deepEqual(eventOwner(s, event({ id: 99, this: '1002' })), unwatched('1002'), 'an unknown id');
  });

  test('without a monitor: a call the agent has is the agent’s whatever `this` says, unless its cnid says it is another call', () => {
    const s = state(callView(5, { cnid: 'C5' }), callView(6));
    assert.deepEqual(eventOwner(s, event({ id: 3, this: '1002', cnid: 'C5', call: { c1: 5 } })), AGENT);
    assert.deepEqual(eventOwner(s, event({ id: 3, this: '1002', call: { c1: 5 } })), AGENT, 'no cnid sent');
    assert.deepEqual(eventOwner(s, event({ id: 3, this: '1002', cnid: 'C6', call: { c1: 6 } })), AGENT, 'none known');
    assert.deepEqual(
      eventOwner(s, event({ id: 4, this: '1002', cnid: 'C77', call: { c1: 5 } })),
      unwatched('1002'),
      'the id given again to another call',
    );
    assert.deepEqual(eventOwner(s, event({ id: 6, this: '1002', call: { c1: 7 } })), unwatched('1002'));
    assert.deepEqual(eventOwner(s, event({ id: 6, this: '1002' })), unwatched('1002'), 'no call section');
  });

  test('without a monitor: a transfer or conference is the agent’s when a call merged into it is', () => {
    const s = state(callView(5));
    for (const id of [14, 2]) {
      assert.deepEqual(eventOwner(s, event({ id, this: '1002', call: { c1: 7, c2: 7, c3: 5 } })), AGENT, `${id} c3`);
      assert.deepEqual(eventOwner(s, event({ id, this: '1002', call: { c1: 7, c2: 5 } })), AGENT, `${id} c2`);
      assert.deepEqual(eventOwner(s, event({ id, this: '1002', call: { c1: 7, c2: 8, c3: 9 } })), unwatched('1002'));
    }
    assert.deepEqual(
      eventOwner(s, event({ id: 6, this: '1002', call: { c1: 7, c2: 5, c3: 5 } })),
      unwatched('1002'),
      'only merges name merged calls',
    );
  });

  test('without a monitor: a call being placed from the agent’s device is the agent’s (Delivered at the far end)', () => {
    const s = state();
    for (const id of [13, 10, 4, 9])
      assert.deepEqual(
        eventOwner(s, event({ id, this: '1002', call: { c1: 9, other: ME, ctype: 3 } })),
        AGENT,
        `${id}`,
      );
    assert.deepEqual(
      eventOwner(s, event({ id: 4, this: '1002', call: { c1: 9, ohter: Number(ME) } })),
      AGENT,
      'the table’s spelling, as a number',
    );
    assert.deepEqual(
      eventOwner(s, event({ id: 6, this: '1002', call: { c1: 9, other: ME } })),
      unwatched('1002'),
      'an answer elsewhere does not start a call for the agent',
    );
    assert.deepEqual(
      eventOwner(s, event({ id: 4, this: '1003', call: { c1: 9, other: ME, ctype: 5 } })),
      unwatched('1003'),
      'a call the agent transferred away rings elsewhere: not the agent’s again',
    );
    assert.deepEqual(eventOwner(s, event({ id: 4, this: '1002', call: { c1: 9, other: '1003' } })), unwatched('1002'));
  });

  test('agent events: the agent’s by `this` or agent id, with or without a monitor; another agent’s are not', () => {
    const s = state();
    assert.deepEqual(eventOwner(s, event({ id: 204, this: ME })), AGENT);
    assert.deepEqual(eventOwner(s, event({ id: 204, this: '2001', agent: { id: 'A1' } })), AGENT);
    assert.deepEqual(eventOwner(s, event({ id: 201, monitor: '401', this: ME })), AGENT);
    assert.deepEqual(
      eventOwner(s, event({ id: 206, monitor: ME, this: '1002', agent: { id: 'B2' } })),
      unwatched('1002'),
    );
    assert.deepEqual(eventOwner(s, event({ id: 202, this: '1002', agent: { id: 'B2' } })), unwatched('1002'));
    assert.deepEqual(eventOwner(s, event({ id: 203, this: '401' })), queue('401'));
    assert.deepEqual(
      eventOwner(s, event({ id: 200, this: '1002', agent: { id: 'A1' } })),
      unwatched('1002'),
      '200 is no agent event',
    );
    assert.deepEqual(
      eventOwner(s, event({ id: 207, this: '1002', agent: { id: 'A1' } })),
      unwatched('1002'),
      '207 is no agent event',
    );
  });
});
