// The traces the reducer's tests replay (test/node/state/fixtures/simulator-traces.json) against the
// simulator as it is now: every scenario of the recorder, played again on a fresh simulator, must
// bring agent 1001's client the recorded frames, in order, field for field. Only `ftime` (the wall
// clock, to the hundredth of a second) may differ; call ids and cnids count from 1 on a fresh
// simulator and the scenarios run in a fixed order, so they must match too.
// If this fails because the simulator changed on purpose, record again:
//   node test/node/state/fixtures/record-traces.ts
// and see what the reducer's tests (test/node/state/reducer*.test.ts) say about the new frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTraces } from '../state/fixtures/record-traces.ts';
import { recordedTraces } from '../state/recorded-traces.ts';

const FTIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{2}$/;

/** A frame with its ftime checked for form and then left out. */
function unclocked(frame: unknown, where: string): unknown {
  const { ftime, ...rest } = frame as Record<string, unknown>;
  assert.match(String(ftime), FTIME, `ftime of ${where}`);
  return rest;
}

test('the simulator still sends the recorded traces, the same frames but for their ftime', async () => {
  const live = await recordTraces();
  const recorded = recordedTraces();
  assert.deepEqual(Object.keys(live), Object.keys(recorded), 'the same scenarios, in the same order');
  for (const [name, frames] of Object.entries(recorded)) {
    const now = live[name as keyof typeof live].map((f, i) => unclocked(f, `frame ${i} of ${name} now`));
    assert.deepStrictEqual(
      now,
      frames.map((f, i) => unclocked(f, `recorded frame ${i} of ${name}`)),
      `${name}: what 1001's client receives changed`,
    );
  }
});
