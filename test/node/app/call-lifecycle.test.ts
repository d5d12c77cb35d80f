// The app's follower of the call facts: the facts since the calls it last saw, timed by its clock
// (the facts themselves are tested with the reducer in test/node/state/call-facts.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallLifecycle } from '../../../src-main/node/app/calls/call-lifecycle.ts';
import { CallScript } from '../state/call-script.ts';

test('a call that rings, is answered, held 20 s and hung up: rang, answered, ended at the clock’s time with its hold', () => {
  let now = 1_000;
  const life = new CallLifecycle(() => now);
  const s = new CallScript(now);
  assert.deepEqual(
    life.follow(s.ring(5, '0101').calls).map((f) => f.kind),
    ['rang'],
  );
  assert.deepEqual(life.follow(s.state.calls), [], 'the same calls again: nothing new');
  assert.deepEqual(
    life.follow(s.answer(5).calls).map((f) => f.kind),
    ['answered'],
  );
  s.at = 10_000;
  assert.deepEqual(life.follow(s.hold(5).calls), []);
  s.at = 30_000;
  assert.deepEqual(life.follow(s.retrieve(5).calls), []);
  now = 40_000;
  const [ended, ...more] = life.follow(s.clear(5).calls);
  assert.deepEqual(more, []);
  assert.deepEqual(ended?.kind === 'ended' && [ended.call.c1, ended.endedAt, ended.holdMs], [5, 40_000, 20_000]);
});
