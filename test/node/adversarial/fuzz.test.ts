// 100,000 generated and mutated frames through the decoder, and 100,000 events in sequences
// through the reducer: no throw, no unbounded growth, the invariants hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeFrame, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { eventFrames } from '../helpers/event-frames.ts';
import { prng } from '../helpers/prng.ts';

const ODD_VALUES: unknown[] = [
  null,
  '',
  'x',
  '12abc',
  -1,
  0,
  1.5,
  1e300,
  Number.MAX_SAFE_INTEGER,
  true,
  [],
  {},
  [1, 2],
  { nested: { deep: 1 } },
  '__proto__',
  '0x10',
  ' 7 ',
  '１２',
];
const KEYS = [
  'fname',
  'id',
  'this',
  'monitor',
  'cnid',
  'cnsq',
  'ftime',
  'call',
  'queue',
  'attach',
  'agent',
  'ctype',
  '__proto__',
  'constructor',
  'result',
];
const CALL_KEYS = ['c1', 'c2', 'c3', 'ctype', 'other', 'ohter', 'third', 'called', 'uui', 'toString'];

/** One of: a field deleted, retyped, added; a nested section broken; the text truncated or spliced. */
function mutate(frame: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const kind = Math.floor(rand() * 7);
  if (kind === 0) return frame.slice(0, Math.floor(rand() * frame.length));
  if (kind === 1) {
    const at = Math.floor(rand() * frame.length);
    return frame.slice(0, at) + pick(['"', '{', '}', ',', ':', '\\u0000', 'null', '[']) + frame.slice(at);
  }
  const obj = JSON.parse(frame) as Record<string, unknown>;
  const call = (obj.call ?? {}) as Record<string, unknown>;
  if (kind === 2) delete obj[pick(KEYS)];
  if (kind === 3) obj[pick(KEYS)] = pick(ODD_VALUES);
  if (kind === 4) call[pick(CALL_KEYS)] = pick(ODD_VALUES);
  if (kind === 5) obj.call = pick(ODD_VALUES);
  if (kind === 6) obj.id = pick([...ODD_VALUES, 4, '4', 999, 205]);
  return JSON.stringify(obj);
}

function checkEvent(event: CtiEvent): void {
  assert.ok(Number.isInteger(event.id));
  for (const key of ['c1', 'c2', 'c3', 'ctype', 'cause'] as const) {
    const v = event.call?.[key];
    if (v !== undefined) assert.ok(Number.isInteger(v), `call.${key} ${String(v)}`);
  }
  for (const key of ['other', 'third', 'called', 'uui', 'origin'] as const) {
    const v = event.call?.[key];
    if (v !== undefined) assert.equal(typeof v, 'string');
  }
  if (event.this !== undefined) assert.equal(typeof event.this, 'string');
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
/** `npm run fuzz:long` multiplies the counts (FUZZ_SCALE=20: 2,000,000 frames and events). */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));

test(`decoder: ${100_000 * SCALE} mutated and generated frames, never a throw, values typed (seed ${SEED})`, () => {
  const rand = prng(SEED);
  const base = eventFrames(2000);
  const kinds = { event: 0, response: 0, error: 0 };
  for (let i = 0; i < 80_000 * SCALE; i++) {
    const decoded = decodeFrame(mutate(base[i % base.length]!, rand));
    kinds[decoded.kind]++;
    if (decoded.kind === 'event') checkEvent(decoded.event);
  }
  const generated = fc.sample(
    fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify({ fname: 'event', id: 4, call: v })),
    ),
    { numRuns: 20_000 * SCALE, seed: SEED },
  );
  for (const text of generated) {
    const decoded = decodeFrame(text);
    kinds[decoded.kind]++;
    if (decoded.kind === 'event') checkEvent(decoded.event);
  }
  assert.equal(kinds.event + kinds.response + kinds.error, 100_000 * SCALE);
  assert.ok(kinds.event > 10_000 && kinds.error > 10_000, JSON.stringify(kinds));
});

test(`reducer: ${100_000 * SCALE} events in ${1000 * SCALE} mutated sequences, state sound and bounded (seed ${SEED})`, () => {
  const rand = prng(SEED + 1);
  const identity = { device: '1001', agentId: '1001', queues: ['401'] };
  const base = eventFrames(600);
  let events = 0;
  let maxCalls = 0;
  for (let seq = 0; seq < 1000 * SCALE; seq++) {
    let state: CoreState = initialState(identity, 1, 0);
    for (let i = 0; i < 100; i++) {
      const text =
        rand() < 0.5 ? base[Math.floor(rand() * base.length)]! : mutate(base[Math.floor(rand() * base.length)]!, rand);
      const decoded = decodeFrame(text);
      if (decoded.kind !== 'event') continue;
      state = reduce(state, { type: 'event', event: decoded.event, at: i });
      events++;
      const calls = Object.entries(state.calls);
      maxCalls = Math.max(maxCalls, calls.length);
      for (const [key, call] of calls) assert.equal(Number(key), call.c1);
      assert.ok(Object.keys(state.queues).every((q) => identity.queues.includes(q)));
    }
  }
  assert.ok(events > 60_000 * SCALE, `${events} events reduced`);
  assert.ok(maxCalls <= 600, `calls bounded by the ids seen: ${maxCalls}`);
});
