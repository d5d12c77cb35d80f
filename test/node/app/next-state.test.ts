// "Next state after this call", on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NextStateAfterCall } from '../../../src-main/node/app/next-state.ts';
import type { NextState } from '../../../src-main/common/ipc/contract.ts';
import type { CallView, CommandOutcome, CoreState } from '../../../src-main/common/state/types.ts';

const oneCall = { 4: { c1: 4, phase: 'connected' } as CallView } as CoreState['calls'];
const none: CoreState['calls'] = {};

/** `null`: no session to apply the state to. */
function rig(outcome: CommandOutcome | null = { ok: true, result: 1 }) {
  const applied: NonNullable<NextState>[] = [];
  const logs: string[] = [];
  const next = new NextStateAfterCall((n) => {
    applied.push(n);
    return outcome ? Promise.resolve(outcome) : undefined;
  }, (m) => logs.push(m));
  return { next, applied, logs };
}

test('chosen during a call, applied once when the last call ends, then cleared', async () => {
  const { next, applied } = rig();
  await next.update(oneCall);
  next.set({ state: 'notReady', reason: 3 });
  await next.update(oneCall);
  assert.deepEqual(applied, []);
  await next.update(none);
  assert.deepEqual(applied, [{ state: 'notReady', reason: 3 }]);
  assert.equal(next.value, null);
  await next.update(none);
  await next.update(oneCall);
  await next.update(none);
  assert.equal(applied.length, 1, 'applied once');
});

test('chosen while idle: waits for a call to end, not applied at once', async () => {
  const { next, applied } = rig();
  next.set({ state: 'ready' });
  await next.update(none);
  assert.deepEqual(applied, []);
  assert.deepEqual(next.value, { state: 'ready' });
});

test('with no session to apply it to, the choice is kept; a refusal is logged', async () => {
  const kept = rig(null);
  await kept.next.update(oneCall);
  kept.next.set({ state: 'loggedOff', reason: 0 });
  await kept.next.update(none);
  assert.deepEqual(kept.next.value, { state: 'loggedOff', reason: 0 });

  const refused = rig({ ok: false, kind: 'rejected', code: -4005, message: { ko: '거부', en: 'refused' } });
  await refused.next.update(oneCall);
  refused.next.set({ state: 'afterWork', reason: 1 });
  await refused.next.update(none);
  assert.deepEqual(refused.logs, ['next state afterWork refused: refused']);
});
