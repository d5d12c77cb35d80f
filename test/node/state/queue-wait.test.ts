// How long a caller from a queue waited: the guide's queue.wtime (seconds) on the event that rings
// the agent sets when the wait began, so the toolbar can show "waited 0:12".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodedEvent } from '../helpers/decoded-event.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';

const me = { device: '1001', agentId: '1001', queues: ['401'] };
const ev = decodedEvent;
const ringsAfterWaiting = (wtime: number, at: number) =>
  reduce(initialState(me, 1, 0), {
    type: 'event',
    event: ev({
      id: 4,
      this: '1001',
      monitor: '1001',
      call: { c1: 7, ctype: 1, other: '01055550001' },
      queue: { dn: '401', wqueue: 0, wtime },
    }),
    at,
  }).calls[7]!;

test('a caller who waited 12 s in the queue is shown waiting since 12 s before it rang', () => {
  assert.equal(ringsAfterWaiting(12, 100_000).waitedSince, 88_000);
});

test('a wait of 0 s starts when it rang; a negative one from the server is not shown at all', () => {
  assert.equal(ringsAfterWaiting(0, 100_000).waitedSince, 100_000);
  assert.equal(ringsAfterWaiting(-5, 100_000).waitedSince, undefined);
});
