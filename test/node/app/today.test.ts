import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOfDay, todaySummary } from '../../../src-main/node/app/history/today.ts';
import type { CallRecord } from '../../../src-main/common/state/call-record.ts';

const now = new Date(2026, 10, 24, 15, 0, 0).getTime();
const midnight = startOfDay(now);
const rec = (endedAt: number, talk: number, hold: number, missed = false, afterWork = 0): CallRecord => ({
  id: String(endedAt),
  number: '0101',
  direction: 'inbound',
  startedAt: endedAt - 1000,
  endedAt,
  answered: !missed,
  talkSeconds: talk,
  holdSeconds: hold,
  handleSeconds: talk + hold + afterWork,
  missed,
});

test('today: handled, missed and declined calls since midnight, average talk, hold and handle time of the handled ones', () => {
  const records = [
    rec(midnight - 5000, 600, 0),
    rec(midnight + 1000, 60, 10, false, 50),
    rec(midnight + 2000, 180, 30),
    rec(midnight + 3000, 0, 0, true),
    { ...rec(midnight + 4000, 0, 0), missed: false, answered: false },
    { ...rec(midnight + 5000, 0, 0), missed: false, answered: false, declined: true as const },
  ];
  const s = todaySummary(records, {}, { state: 'loggedOff', since: 0 }, now);
  assert.deepEqual(s, {
    handled: 2,
    missed: 1,
    declined: 1,
    averageTalkSeconds: 120,
    averageHoldSeconds: 20,
    averageHandleSeconds: 165,
    stateSeconds: {},
  });
});

test('time in each state: what was recorded today plus the current state up to now, from midnight at most', () => {
  const s = todaySummary(
    [],
    { ready: 3600, notReady: 600, loggedOff: 999 },
    { state: 'ready', since: now - 60_000 },
    now,
  );
  assert.deepEqual(s.stateSeconds, { ready: 3660, notReady: 600 });
  const overnight = todaySummary([], {}, { state: 'afterWork', since: midnight - 3_600_000 }, now);
  assert.equal(overnight.stateSeconds.afterWork, 15 * 3600, 'counted from midnight');
});

test('a consult leg (the agent calling a colleague during a call) is not a handled call of its own', () => {
  const records = [
    rec(midnight + 1000, 60, 10),
    { ...rec(midnight + 2000, 30, 0), consult: true as const, direction: 'internal' as const },
  ];
  const s = todaySummary(records, {}, { state: 'loggedOff', since: 0 }, now);
  assert.deepEqual([s.handled, s.averageTalkSeconds], [1, 60]);
});
