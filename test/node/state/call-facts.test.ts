// The facts the app's features hear about calls, from states the real reducer made: calls are told
// apart by their key, not by when they started or by the id the switch gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busyCalls, callFacts, type CallFact } from '../../../src-main/common/state/call-facts.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { CallScript, ME } from './call-script.ts';

/** The facts of one step of the script, in a few words each. */
function step(script: CallScript, change: () => CoreState): string[] {
  const before = script.state.calls;
  return callFacts(before, change().calls, script.at).map(brief);
}
const brief = (f: CallFact) =>
  f.kind === 'renamed'
    ? `renamed ${f.from}→${f.call.c1}`
    : f.kind === 'ended'
      ? `ended ${f.call.c1} held ${f.holdMs}`
      : `${f.kind} ${f.call.c1}`;

test('two calls that ring in the same millisecond are two calls: each rings, each ends on its own', () => {
  const s = new CallScript(5_000);
  assert.deepEqual(
    step(s, () => s.ring(5, '0101111')),
    ['rang 5'],
  );
  assert.deepEqual(
    step(s, () => s.ring(6, '0102222')),
    ['rang 6'],
  );
  assert.equal(s.state.calls[5]!.startedAt, s.state.calls[6]!.startedAt, 'the same millisecond');
  assert.notEqual(s.state.calls[5]!.key, s.state.calls[6]!.key);
  s.at = 9_000;
  assert.deepEqual(
    step(s, () => s.clear(5)),
    ['ended 5 held 0'],
  );
  assert.deepEqual(
    step(s, () => s.clear(6)),
    ['ended 6 held 0'],
  );
});

test('a call renamed by a transfer has not ended: its hold before and after the rename is its own', () => {
  const s = new CallScript(1_000);
  s.ring(5, '1002');
  s.ring(6, '0102222'); // started in the same millisecond, never held
  assert.deepEqual(
    step(s, () => s.answer(5)),
    ['answered 5'],
  );
  s.at = 10_000;
  s.hold(5);
  s.at = 30_000;
  s.retrieve(5);
  assert.deepEqual(
    step(s, () => s.transferredAway(5, 7, '1002', '0103333')),
    ['renamed 5→7'],
  );
  s.at = 40_000;
  s.hold(7);
  s.at = 45_000;
  assert.deepEqual(
    step(s, () => s.clear(7)),
    ['ended 7 held 25000'],
    '20 s before the rename, 5 s (still on hold) after',
  );
  assert.deepEqual(
    step(s, () => s.clear(6)),
    ['ended 6 held 0'],
  );
});

test('answered: only for a call seen before its answer; a call the agent places never rings; nothing new, no facts', () => {
  const s = new CallScript();
  assert.deepEqual(
    step(s, () => s.answer(3)),
    [],
    'first seen answered: no "answered" fact',
  );
  assert.deepEqual(
    step(s, () => s.event(4, { c1: 4, other: ME, third: '1002' }, '1002')),
    [],
    'dialing 1002',
  );
  assert.deepEqual(
    step(s, () => s.answer(4)),
    ['answered 4'],
  );
  assert.deepEqual(
    step(s, () => s.answer(4)),
    [],
    'the same event again',
  );
});

test('a call unconfirmed since the reconnect does not keep the agent busy; an event makes it count again', () => {
  const s = new CallScript(1_000);
  s.ring(5, '0101111');
  s.answer(5);
  s.ring(6, '0102222');
  s.at = 3_000;
  s.answer(6);
  s.at = 5_000;
  s.reconnected(2_000); // 5 not heard of since the loss; 6 answered after it
  assert.deepEqual(
    busyCalls(s.state.calls).map((c) => c.c1),
    [6],
  );
  s.hold(5);
  assert.deepEqual(
    busyCalls(s.state.calls).map((c) => c.c1),
    [5, 6],
  );
});
