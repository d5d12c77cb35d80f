import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallHistory, recordOf } from '../../../src-main/node/app/history/call-history.ts';
import type { CallRecord } from '../../../src-main/common/state/call-record.ts';
import { WriteBehind } from '../../../src-main/node/files/write-behind.ts';

/** The history's files are written behind: a test flushes before it reads them again. */
const files = new WriteBehind();
const file = () => join(mkdtempSync(join(tmpdir(), 'cti-history-')), 'history.json');
const rec = (n: number, missed = false): CallRecord => ({
  id: `r${n}`,
  number: `0100000${n}`,
  direction: 'inbound',
  startedAt: n * 1000,
  endedAt: n * 1000 + 500,
  answered: !missed,
  talkSeconds: missed ? 0 : 3,
  handleSeconds: missed ? 0 : 3,
  missed,
});

test('kept on a real file: the newest 500, across a restart', async () => {
  const path = file();
  const history = new CallHistory(path, files);
  for (let i = 1; i <= 520; i++) history.add(rec(i));
  history.add(rec(520)); // the same call twice is kept once
  await files.flush();
  const again = new CallHistory(path, files);
  assert.equal(again.list().length, 500);
  assert.equal(again.list()[0]!.id, 'r21');
  assert.equal(again.list().at(-1)!.id, 'r520');
});

test('missed calls count until seen; clearing empties it', async () => {
  const path = file();
  const history = new CallHistory(path, files);
  history.add(rec(1, true));
  history.add(rec(2));
  history.add(rec(3, true));
  assert.equal(history.unseenMissed(), 2);
  history.markSeen(10_000);
  await files.flush();
  assert.equal(new CallHistory(path, files).unseenMissed(), 0, 'seen survives a restart');
  history.add(rec(20, true));
  assert.equal(history.unseenMissed(), 1);
  history.clear();
  await files.flush();
  assert.deepEqual(new CallHistory(path, files).list(), []);
});

test('an unreadable file is set aside, never a crash', () => {
  const path = file();
  writeFileSync(path, '{broken');
  const history = new CallHistory(path, files);
  assert.deepEqual(history.list(), []);
  assert.ok(history.problem);
  assert.ok(readdirSync(join(path, '..')).some((f) => f.startsWith('history.json.corrupt-')));
});

test('what a finished call leaves: number, direction, talk, hold and handle time, missed', () => {
  const base = {
    key: 1,
    c1: 4,
    direction: 'inbound' as const,
    phase: 'ringing' as const,
    consult: false,
    placedByMe: false,
    parties: [],
    startedAt: 1000,
    since: 1000,
    lastEventAt: 1000,
    party: '0101',
  };
  assert.deepEqual(recordOf(base, 5000), {
    id: 'c-4-1000',
    number: '0101',
    direction: 'inbound',
    startedAt: 1000,
    endedAt: 5000,
    answered: false,
    talkSeconds: 0,
    handleSeconds: 0,
    missed: true,
  });
  const held = recordOf({ ...base, answeredAt: 2000 }, 92_000, 30_000)!;
  assert.deepEqual(
    [held.talkSeconds, held.holdSeconds, held.handleSeconds],
    [60, 30, 90],
    'talk is the time connected less the hold; handle is both',
  );
  const answered = recordOf({ ...base, answeredAt: 2000, queue: '401', cnid: 'X' }, 62_000)!;
  assert.equal(answered.talkSeconds, 60);
  assert.equal(answered.missed, false);
  assert.equal(answered.queue, '401');
  assert.equal(
    recordOf({ ...base, placedByMe: true }, 5000)!.missed,
    false,
    'an unanswered call I placed is not missed',
  );
  assert.equal(
    recordOf({ ...base, ctype: 4, consult: true, placedByMe: true, answeredAt: 2000 }, 5000)!.consult,
    true,
    'a consult leg is marked',
  );
  assert.equal(
    recordOf({ ...base, consult: true, answeredAt: 2000 }, 5000)!.consult,
    undefined,
    'the customer call a consult started from is not',
  );
});

test('the file is read with a schema: a record that does not fit is dropped, the rest kept; a file of another shape is set aside', () => {
  const path = file();
  const good = rec(1);
  writeFileSync(
    path,
    JSON.stringify({
      records: [good, { ...rec(2), talkSeconds: '3' }, { ...rec(3), direction: 'sideways' }, null, rec(4)],
      seenAt: 'yesterday',
    }),
  );
  const history = new CallHistory(path, files);
  assert.deepEqual(
    history.list().map((r) => r.id),
    ['r1', 'r4'],
  );
  assert.equal(history.unseenMissed(), 0);
  assert.equal(history.problem, undefined);

  const other = file();
  writeFileSync(other, JSON.stringify({ records: 'none' }));
  const empty = new CallHistory(other, files);
  assert.deepEqual(empty.list(), []);
  assert.match(empty.problem ?? '', /not a history file/);
  assert.ok(readdirSync(join(other, '..')).some((f) => f.startsWith('history.json.corrupt-')));
});

test('a history file written before handle time was kept still loads: its talk time (hold included then) becomes the handle time', async () => {
  const path = file();
  const old = {
    id: 'old',
    number: '0101',
    direction: 'inbound',
    startedAt: 1000,
    endedAt: 91_000,
    answered: true,
    talkSeconds: 90,
    holdSeconds: 30,
    missed: false,
  };
  const oldMissed = {
    id: 'missed',
    number: '0102',
    direction: 'inbound',
    startedAt: 1000,
    endedAt: 5000,
    answered: false,
    talkSeconds: 0,
    missed: true,
  };
  const current = { ...rec(3), talkSeconds: 40, holdSeconds: 5, afterWorkSeconds: 15, handleSeconds: 60 };
  writeFileSync(path, JSON.stringify({ records: [old, oldMissed, current], seenAt: 0 }));
  const history = new CallHistory(path, files);
  assert.equal(history.problem, undefined);
  const pick = (r: CallRecord) => [r.id, r.talkSeconds, r.holdSeconds, r.handleSeconds];
  const expected = [
    ['old', 60, 30, 90],
    ['missed', 0, undefined, 0],
    ['r3', 40, 5, 60],
  ];
  assert.deepEqual(history.list().map(pick), expected);
  history.markSeen(1); // saved in the new shape: read again, nothing is taken off twice
  await files.flush();
  assert.deepEqual(new CallHistory(path, files).list().map(pick), expected);
});

test("after-call work adds to the call's handle time, on the file", async () => {
  const path = file();
  const history = new CallHistory(path, files);
  history.add(rec(1));
  history.addAfterWork('r1', 42.4);
  history.addAfterWork('nothing', 10);
  await files.flush();
  const [r1] = new CallHistory(path, files).list();
  assert.deepEqual([r1!.talkSeconds, r1!.afterWorkSeconds, r1!.handleSeconds], [3, 42, 45]);
});
