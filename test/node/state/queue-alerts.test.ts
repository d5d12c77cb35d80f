// Queue alert levels and the time a growing longest wait reaches its threshold (issue 27 item 10),
// as plain functions: the core's tracker (test/node/app/queue-alerts.test.ts) relies on both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextWaitCrossingIn, queueAlertLevels } from '../../../src-main/common/state/queue-alerts.ts';

const at = 1_000_000;
const queues = { '401': { dn: '401', waiting: 3, longestWait: 50, updatedAt: at } };

test('a threshold is reached at its value; 0 leaves it off; a queue without figures has none', () => {
  assert.deepEqual(queueAlertLevels(queues, [{ queue: '401', waiting: 3, longestWaitSeconds: 0 }], at), {
    '401': ['waiting'],
  });
  assert.deepEqual(queueAlertLevels(queues, [{ queue: '401', waiting: 4, longestWaitSeconds: 0 }], at), {});
  assert.deepEqual(queueAlertLevels(queues, [{ queue: '402', waiting: 1, longestWaitSeconds: 1 }], at), {});
});

test('the longest wait grows between events: reached 10 s after a report of 50 s against 60 s, not before', () => {
  const thresholds = [{ queue: '401', waiting: 0, longestWaitSeconds: 60 }];
  assert.deepEqual(queueAlertLevels(queues, thresholds, at + 9_999), {});
  assert.deepEqual(queueAlertLevels(queues, thresholds, at + 10_000), { '401': ['longestWait'] });
  assert.equal(nextWaitCrossingIn(queues, thresholds, at + 4_000), 6_000);
  assert.equal(nextWaitCrossingIn(queues, thresholds, at + 10_000), undefined, 'reached: nothing to wait for');
  const empty = { '401': { ...queues['401'], waiting: 0 } };
  assert.equal(nextWaitCrossingIn(empty, thresholds, at), undefined, 'nobody waits: the wait does not grow');
});
