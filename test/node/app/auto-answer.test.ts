// Auto-answer on its own, with fake time, fed the call facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoAnswer } from '../../../src-main/node/app/calls/auto-answer.ts';
import type { CallFact } from '../../../src-main/common/state/call-facts.ts';
import type { CallView, CommandOutcome } from '../../../src-main/common/state/types.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const call = (c1: number, key = c1): CallView => ({
  key,
  c1,
  phase: 'ringing',
  placedByMe: false,
  direction: 'inbound',
  consult: false,
  parties: [],
  startedAt: 0,
  since: 0,
  lastEventAt: 0,
});
const rang = (c1: number): CallFact => ({ kind: 'rang', call: call(c1) });
const answered = (c1: number): CallFact => ({ kind: 'answered', call: { ...call(c1), phase: 'connected' } });
const ended = (c1: number): CallFact => ({ kind: 'ended', call: call(c1), endedAt: 0, holdMs: 0 });
const on = { enabled: true, afterSeconds: 3 };

function rig(outcome: CommandOutcome = { ok: true, result: 1 }) {
  const clock = new FakeClock();
  /** The calls answered by itself. */
  const done: number[] = [];
  const logs: string[] = [];
  const auto = new AutoAnswer(
    clock,
    async (c1) => {
      done.push(c1);
      return outcome;
    },
    (m) => logs.push(m),
  );
  return { clock, done, logs, auto };
}

test('a call ringing at the agent is answered after the set seconds, and the toolbar is told when', () => {
  const { clock, done, auto } = rig();
  auto.follow([rang(7)], on);
  assert.deepEqual(auto.planned, { c1: 7, at: clock.now() + 3000 });
  clock.advance(2999);
  assert.deepEqual(done, []);
  clock.advance(1);
  assert.deepEqual(done, [7]);
  assert.equal(auto.planned, undefined);
});

test('nothing is planned when the setting is off, or for facts other than a call ringing', () => {
  const { clock, done, auto } = rig();
  auto.follow([rang(1)], { enabled: false, afterSeconds: 3 });
  auto.follow([answered(2), ended(3), { kind: 'renamed', call: call(4), from: 9 }], on);
  clock.advance(10_000);
  assert.deepEqual(done, []);
  assert.equal(clock.pending, 0);
});

test('the plan is dropped when the call stops ringing or is answered first; another call ringing then is planned anew', () => {
  const { clock, done, auto } = rig();
  auto.follow([rang(1)], on);
  auto.follow([ended(1)], on); // the caller gave up
  clock.advance(5000);
  auto.follow([rang(2)], on);
  clock.advance(1000);
  auto.follow([ended(9)], on); // another call's end changes nothing
  auto.follow([ended(2), rang(3)], on); // 2 gone, 3 rings: planned anew, from now
  assert.deepEqual(auto.planned, { c1: 3, at: clock.now() + 3000 });
  clock.advance(3000);
  auto.follow([rang(4)], on);
  auto.follow([answered(4)], on); // answered by hand (or on the phone)
  clock.advance(5000);
  assert.deepEqual(done, [3]);
  assert.equal(clock.pending, 0);
});

test('a ringing call renamed before its answer is answered under its new id', () => {
  const { clock, done, auto } = rig();
  auto.follow([rang(5)], on);
  auto.follow([{ kind: 'renamed', call: call(8, 5), from: 5 }], on);
  clock.advance(3000);
  assert.deepEqual(done, [8]);
});

test('a refused answer is logged with the call', async () => {
  const { clock, logs, auto } = rig({
    ok: false,
    kind: 'rejected',
    code: -4005,
    message: { ko: '거부', en: 'refused by the server' },
  });
  auto.follow([rang(9)], on);
  clock.advance(3000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(logs, ['auto-answer of call 9 refused: refused by the server']);
});
