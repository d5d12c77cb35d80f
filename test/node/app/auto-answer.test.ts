// Auto-answer on its own, with fake time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoAnswer } from '../../../src-main/node/app/auto-answer.ts';
import type { CallView, CommandOutcome, CoreState } from '../../../src-main/common/state/types.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const call = (c1: number, phase: CallView['phase'], placedByMe = false): CallView => ({
  c1, phase, placedByMe, direction: 'inbound', consult: false, parties: [], startedAt: 0, since: 0, lastEventAt: 0,
});
const calls = (...list: CallView[]): CoreState['calls'] => Object.fromEntries(list.map((c) => [c.c1, c]));
const on = { enabled: true, afterSeconds: 3 };

function rig(outcome: CommandOutcome = { ok: true, result: 1 }) {
  const clock = new FakeClock();
  const answered: number[] = [];
  const logs: string[] = [];
  const auto = new AutoAnswer(clock, async (c1) => {
    answered.push(c1);
    return outcome;
  }, (m) => logs.push(m));
  return { clock, answered, logs, auto };
}

test('a call ringing at the agent is answered after the set seconds, and the toolbar is told when', () => {
  const { clock, answered, auto } = rig();
  auto.update(calls(call(7, 'ringing')), on);
  assert.deepEqual(auto.planned, { c1: 7, at: clock.now() + 3000 });
  clock.advance(2999);
  assert.deepEqual(answered, []);
  clock.advance(1);
  assert.deepEqual(answered, [7]);
  assert.equal(auto.planned, undefined);
});

test('nothing is planned when the setting is off, for a call the agent placed, or for a call not ringing', () => {
  const { clock, answered, auto } = rig();
  auto.update(calls(call(1, 'ringing')), { enabled: false, afterSeconds: 3 });
  auto.update(calls(call(2, 'ringing', true)), on);
  auto.update(calls(call(3, 'connected')), on);
  clock.advance(10_000);
  assert.deepEqual(answered, []);
  assert.equal(clock.pending, 0);
});

test('the plan is dropped when the call stops ringing, when another call rings instead, or when the agent answers first', () => {
  const { clock, answered, auto } = rig();
  auto.update(calls(call(1, 'ringing')), on);
  auto.update(calls(), on); // the caller gave up
  clock.advance(5000);
  auto.update(calls(call(2, 'ringing')), on);
  clock.advance(1000);
  auto.update(calls(call(3, 'ringing')), on); // 2 gone, 3 rings: planned anew, from now
  assert.deepEqual(auto.planned, { c1: 3, at: clock.now() + 3000 });
  clock.advance(3000);
  auto.update(calls(call(4, 'ringing')), on);
  auto.cancel(); // the agent answered it by hand
  clock.advance(5000);
  assert.deepEqual(answered, [3]);
  assert.equal(clock.pending, 0);
});

test('a refused answer is logged with the call', async () => {
  const { clock, logs, auto } = rig({ ok: false, kind: 'rejected', code: -4005, message: { ko: '거부', en: 'refused by the server' } });
  auto.update(calls(call(9, 'ringing')), on);
  clock.advance(3000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(logs, ['auto-answer of call 9 refused: refused by the server']);
});
