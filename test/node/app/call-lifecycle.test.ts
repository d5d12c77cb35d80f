// The facts the app's features hear about calls: rang, answered, ended with hold time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallLifecycle } from '../../../src-main/node/app/call-lifecycle.ts';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';

const view = (c1: number, patch: Partial<CallView> = {}): CallView => ({
  c1, phase: 'ringing', placedByMe: false, direction: 'inbound', consult: false, parties: [], startedAt: 1000 + c1, since: 1000, lastEventAt: 1000, party: '0101', ...patch,
});
const calls = (...list: CallView[]): CoreState['calls'] => Object.fromEntries(list.map((c) => [c.c1, c]));
const kinds = (facts: { kind: string; call: CallView }[]) => facts.map((f) => `${f.kind} ${f.call.c1}`);

test('a call that rings, is answered, held 20 s, retrieved and hung up: rang, answered, ended with 20 s held', () => {
  let now = 1000;
  const life = new CallLifecycle(() => now);
  assert.deepEqual(kinds(life.follow(calls(view(5)))), ['rang 5']);
  now = 3000;
  assert.deepEqual(kinds(life.follow(calls(view(5, { phase: 'connected', answeredAt: 3000, since: 3000 })))), ['answered 5']);
  now = 10_000;
  const held = calls(view(5, { phase: 'held', answeredAt: 3000, since: 10_000 }));
  assert.deepEqual(life.follow(held), []);
  assert.deepEqual(life.follow(held), [], 'the same calls twice: nothing new');
  now = 30_000;
  assert.deepEqual(life.follow(calls(view(5, { phase: 'connected', answeredAt: 3000, since: 30_000 }))), []);
  now = 40_000;
  const ended = life.follow(calls());
  assert.equal(ended.length, 1);
  assert.deepEqual({ ...ended[0]!, call: ended[0]!.call.c1 }, { kind: 'ended', call: 5, endedAt: 40_000, holdMs: 20_000 });
});

test('a call renamed by a transfer (same start, new id) has not ended; a call placed by the agent never "rings"', () => {
  const life = new CallLifecycle(() => 5000);
  life.follow(calls(view(5, { phase: 'connected', answeredAt: 2000 })));
  assert.deepEqual(kinds(life.follow(calls(view(9, { phase: 'connected', answeredAt: 2000, startedAt: 1005 })))), []);
  assert.deepEqual(kinds(life.follow(calls(view(9, { phase: 'connected', answeredAt: 2000, startedAt: 1005 }), view(12, { placedByMe: true })))), []);
  assert.deepEqual(kinds(life.follow(calls())), ['ended 9', 'ended 12']);
});

test('a ringing call that stops ringing unanswered ends with no hold time', () => {
  const life = new CallLifecycle(() => 7000);
  life.follow(calls(view(3)));
  const [ended] = life.follow(calls());
  assert.equal(ended?.kind, 'ended');
  assert.equal(ended?.kind === 'ended' && ended.holdMs, 0);
  assert.equal(ended?.call.answeredAt, undefined);
});
