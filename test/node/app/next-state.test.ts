// "Next state after this call", on its own, fed the call facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NextStateAfterCall } from '../../../src-main/node/app/agent/next-state.ts';
import type { NextState } from '../../../src-main/common/state/next-state-schema.ts';
import type { CallFact } from '../../../src-main/common/state/call-facts.ts';
import type { CallView, CommandOutcome, CoreState } from '../../../src-main/common/state/types.ts';

const view = (c1: number, extra: Partial<CallView> = {}): CallView => ({
  key: c1,
  c1,
  phase: 'connected',
  placedByMe: false,
  direction: 'inbound',
  consult: false,
  parties: [],
  startedAt: 0,
  since: 0,
  lastEventAt: 0,
  ...extra,
});
const calls = (...list: CallView[]): CoreState['calls'] => Object.fromEntries(list.map((c) => [c.c1, c]));
const ended = (c1: number): CallFact => ({ kind: 'ended', call: view(c1), endedAt: 0, holdMs: 0 });

/** `null`: no session to apply the state to. */
function rig(outcome: CommandOutcome | null = { ok: true, result: 1 }) {
  const applied: NonNullable<NextState>[] = [];
  const logs: string[] = [];
  const next = new NextStateAfterCall(
    (n) => {
      applied.push(n);
      return outcome ? Promise.resolve(outcome) : undefined;
    },
    (m) => logs.push(m),
  );
  return { next, applied, logs };
}

test('chosen during a call, applied once when the last call ends, then cleared', async () => {
  const { next, applied } = rig();
  next.set({ state: 'notReady', reason: 3 });
  await next.follow([{ kind: 'answered', call: view(4) }], calls(view(4)));
  await next.follow([ended(5)], calls(view(4)));
  assert.deepEqual(applied, [], 'a call ended, another goes on');
  await next.follow([ended(4)], calls());
  assert.deepEqual(applied, [{ state: 'notReady', reason: 3 }]);
  assert.equal(next.value, null);
  await next.follow([ended(6)], calls());
  assert.equal(applied.length, 1, 'applied once');
});

test('a call left unconfirmed by a reconnect does not hold it back', async () => {
  const { next, applied } = rig();
  next.set({ state: 'afterWork', reason: 1 });
  await next.follow([ended(4)], calls(view(5, { unconfirmed: true })));
  assert.deepEqual(applied, [{ state: 'afterWork', reason: 1 }]);
});

test('chosen while idle: waits for a call to end, not applied at once', async () => {
  const { next, applied } = rig();
  next.set({ state: 'ready' });
  await next.follow([], calls());
  assert.deepEqual(applied, []);
  assert.deepEqual(next.value, { state: 'ready' });
});

test('with no session to apply it to, the choice is kept; a refusal is logged', async () => {
  const kept = rig(null);
  kept.next.set({ state: 'loggedOff', reason: 0 });
  await kept.next.follow([ended(4)], calls());
  assert.deepEqual(kept.next.value, { state: 'loggedOff', reason: 0 });

  const refused = rig({ ok: false, kind: 'rejected', code: -4005, message: { ko: '거부', en: 'refused' } });
  refused.next.set({ state: 'afterWork', reason: 1 });
  await refused.next.follow([ended(4)], calls());
  assert.deepEqual(refused.logs, ['next state afterWork refused: refused']);
});
