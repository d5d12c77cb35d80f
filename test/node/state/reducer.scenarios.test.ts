// Whole call scenarios as the agent 1001's toolbar receives them: the exact frames the simulator
// sent to a client monitoring 1001 and queue 401 (recorded with the raw client by
// fixtures/record-traces.ts, kept in fixtures/simulator-traces.json), fed one by one through the
// real decoder and the reducer (recorded-traces.ts).
// After chosen frames the whole call list is compared with what the agent should see.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';
import { at, replay, type TraceName as Trace } from './recorded-traces.ts';

/** Checks the calls after the given frames; `{}` means the agent sees no call. */
function expectCalls(trace: Trace, checkpoints: [frame: number, calls: Record<number, CallView>][]): CoreState[] {
  const states = replay(trace);
  for (const [i, calls] of checkpoints) assert.deepStrictEqual(states[i]!.calls, calls, `after frame ${i} of ${trace}`);
  return states;
}

const call = (view: Omit<CallView, 'consult' | 'placedByMe' | 'parties'> & Partial<CallView>): CallView => ({
  consult: false,
  placedByMe: false,
  parties: [],
  ...view,
});

describe('scenario traces from the simulator', () => {
  test('inbound queue call: queued, ringing with caller/queue/uui/attach, answered, held, retrieved, the caller hangs up', () => {
    const ringing = call({
      key: 1,
      c1: 1,
      cnid: '0000000001',
      ctype: 1,
      direction: 'inbound',
      phase: 'ringing',
      party: '01012345678',
      other: '01012345678',
      origin: '9000',
      uui: 'cust=9',
      attach: { uei: 'gold', ci: 'camp' },
      queue: '401',
      startedAt: at(1),
      since: at(1),
      lastEventAt: at(1),
      waitedSince: at(1), // the recorded Delivered says wtime 0: the caller waited no time
    });
    const talking = { ...ringing, phase: 'connected' as const, since: at(3), answeredAt: at(3), lastEventAt: at(3) };
    const states = expectCalls('inboundQueue', [
      [0, {}],
      [1, { 1: ringing }],
      [2, { 1: ringing }], // the same Delivered at the queue's monitor
      [3, { 1: talking }],
      [5, { 1: { ...talking, phase: 'held', since: at(5), lastEventAt: at(5) } }],
      // retrieved: the timer restarts, the answer time does not
      [7, { 1: { ...talking, since: at(7), heldMs: at(7) - at(5), lastEventAt: at(7) } }],
      // the caller hung up: still on the agent's line (and in the history under the caller's number)
      [9, { 1: { ...talking, since: at(7), heldMs: at(7) - at(5), lastEventAt: at(9) } }],
      [11, {}],
      [14, {}],
    ]);
    assert.deepStrictEqual(states[0]!.queues, { 401: { dn: '401', waiting: 1, longestWait: 0, updatedAt: at(0) } });
    assert.deepStrictEqual(states[14]!.queues, { 401: { dn: '401', waiting: 0, longestWait: 0, updatedAt: at(1) } });
    assert.equal(states[2], states[1], 'a duplicate at the second monitor changes nothing');
  });

  test('outbound to an external number: dialing, the number shown once reached, connected on answer, gone on my clear', () => {
    const dialing = call({
      key: 1,
      c1: 2,
      cnid: '0000000002',
      ctype: 2,
      direction: 'outbound',
      phase: 'dialing',
      placedByMe: true,
      other: '1001',
      startedAt: at(0),
      since: at(0),
      lastEventAt: at(0),
    });
    const reached = { ...dialing, party: '0311112222', parties: ['0311112222'], origin: '9000', lastEventAt: at(2) };
    expectCalls('outbound', [
      [0, { 2: dialing }],
      [1, { 2: { ...dialing, lastEventAt: at(1) } }],
      [2, { 2: reached }],
      [3, { 2: { ...reached, phase: 'connected', since: at(3), answeredAt: at(3), lastEventAt: at(3) } }],
      [4, {}],
      [6, {}],
    ]);
  });

  test('consult then transfer, as the transferring agent: both calls consult, then none', () => {
    const held = call({
      key: 1,
      c1: 5,
      cnid: '0000000005',
      ctype: 3,
      direction: 'internal',
      phase: 'held',
      party: '1002',
      other: '1002',
      startedAt: at(0),
      answeredAt: at(1),
      since: at(2),
      lastEventAt: at(2),
    });
    const consulting = call({
      key: 2,
      c1: 6,
      cnid: '0000000006',
      ctype: 4,
      direction: 'internal',
      phase: 'dialing',
      consult: true,
      placedByMe: true,
      other: '1001',
      called: '1001',
      startedAt: at(3),
      since: at(3),
      lastEventAt: at(3),
    });
    const answered = {
      ...consulting,
      phase: 'connected' as const,
      party: '1003',
      parties: ['1003'],
      since: at(6),
      answeredAt: at(6),
      lastEventAt: at(6),
    };
    expectCalls('consultTransferByMe', [
      [2, { 5: held }],
      [3, { 5: { ...held, consult: true }, 6: consulting }],
      [6, { 5: { ...held, consult: true }, 6: answered }],
      [7, {}],
    ]);
  });

  test('consult then transfer, as the consulted agent: the consult call becomes the transferred call with the caller', () => {
    const consulted = call({
      key: 1,
      c1: 8,
      cnid: '0000000008',
      ctype: 4,
      direction: 'internal',
      phase: 'connected',
      consult: true,
      party: '1002',
      other: '1002',
      called: '1002',
      startedAt: at(0),
      since: at(1),
      answeredAt: at(1),
      lastEventAt: at(1),
    });
    // Transferred(14) by 1002: call 8 goes on as 7 (the same call: its key kept), now with 1003 (the party 1002 held)
    const transferred = {
      ...consulted,
      c1: 7,
      cnid: '0000000007',
      ctype: 5,
      consult: false,
      party: '1003',
      parties: ['1003'],
      other: '1003',
      lastEventAt: at(2),
    };
    expectCalls('consultTransferToMe', [
      [1, { 8: consulted }],
      [2, { 7: transferred }],
      [3, { 7: { ...transferred, parties: [], lastEventAt: at(3) } }], // the caller hung up
      [4, {}],
      [5, {}],
    ]);
  });

  test('single-step transfer: gone for the agent who transferred; for the one it goes to, a call from the caller', () => {
    const talking = call({
      key: 1,
      c1: 9,
      cnid: '0000000009',
      ctype: 1,
      direction: 'inbound',
      phase: 'connected',
      party: '01055556666',
      other: '01055556666',
      origin: '9000',
      startedAt: at(0),
      since: at(1),
      answeredAt: at(1),
      lastEventAt: at(1),
    });
    expectCalls('singleStepByMe', [
      [1, { 9: talking }],
      [2, {}],
    ]);
    const ringing = call({
      key: 1,
      c1: 10,
      cnid: '0000000010',
      ctype: 5,
      direction: 'internal',
      phase: 'ringing',
      party: '01077778888',
      other: '01077778888',
      called: '1002',
      origin: '9000',
      startedAt: at(0),
      since: at(0),
      lastEventAt: at(0),
    });
    expectCalls('singleStepToMe', [
      [0, { 10: ringing }],
      [1, { 10: { ...ringing, phase: 'connected', since: at(1), answeredAt: at(1), lastEventAt: at(1) } }],
      [2, {}],
      [4, {}],
    ]);
  });

  test('consult then conference (2), then the colleague hangs up: the agent stays in the call with the customer', () => {
    const customerCall = call({
      key: 1,
      c1: 3,
      cnid: '0000000003',
      ctype: 1,
      direction: 'inbound',
      phase: 'held',
      party: '01099998888',
      other: '01099998888',
      origin: '9000',
      startedAt: at(0),
      answeredAt: at(1),
      since: at(2),
      lastEventAt: at(2),
    });
    // the customer call goes on (its key, the time it was held during the consult)
    const conference = {
      ...customerCall,
      ctype: 6,
      phase: 'connected' as const,
      called: '1001',
      parties: ['01099998888', '1002'],
      since: at(7),
      heldMs: at(7) - at(2),
      lastEventAt: at(7),
    };
    expectCalls('conferenceColleagueLeaves', [
      [2, { 3: customerCall }],
      [
        6,
        {
          3: { ...customerCall, consult: true },
          4: call({
            key: 2,
            c1: 4,
            cnid: '0000000004',
            ctype: 4,
            direction: 'internal',
            phase: 'connected',
            consult: true,
            placedByMe: true,
            party: '1002',
            parties: ['1002'],
            other: '1001',
            called: '1001',
            startedAt: at(3),
            since: at(6),
            answeredAt: at(6),
            lastEventAt: at(6),
          }),
        },
      ],
      [7, { 3: conference }],
      [8, { 3: { ...conference, parties: ['01099998888'], lastEventAt: at(8) } }], // 1002 left
      [9, { 3: { ...conference, parties: [], lastEventAt: at(9) } }], // the customer left
      [10, {}], // cleared at 1001
      [11, {}],
    ]);
  });

  test('conference as the consulted agent: the consulting colleague leaves, the agent talks on with the held party', () => {
    const consulted = call({
      key: 1,
      c1: 12,
      cnid: '0000000012',
      ctype: 4,
      direction: 'internal',
      phase: 'connected',
      consult: true,
      party: '1002',
      other: '1002',
      called: '1002',
      startedAt: at(0),
      since: at(1),
      answeredAt: at(1),
      lastEventAt: at(1),
    });
    const conference = {
      ...consulted,
      c1: 11,
      cnid: '0000000011',
      ctype: 6,
      consult: false,
      other: '1003',
      parties: ['1002'],
      lastEventAt: at(2),
    };
    expectCalls('conferenceAsConsulted', [
      [1, { 12: consulted }],
      [2, { 11: conference }],
      [3, { 11: { ...conference, party: '1003', parties: [], lastEventAt: at(3) } }],
      [4, { 11: { ...conference, party: '1003', parties: [], lastEventAt: at(4) } }],
      [5, {}],
    ]);
  });
});
