// The app core under a server that floods it: the toolbar gets at most one state a frame, and the
// last one, however many events arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUSH_INTERVAL_MS } from '../../../src-main/node/app/state-push.ts';
import { pushesUnderFlood } from '../helpers/push-flood.ts';

test('10,000 events a second reach the toolbar as at most one push a frame, ending with the last state', async () => {
  const flood = await pushesUnderFlood(10_000);
  const said = `${flood.pushes} pushes in ${flood.seconds.toFixed(2)} s (${flood.pushesPerSecond.toFixed(0)}/s) for ${flood.events} events`;
  assert.ok(flood.pushesPerSecond <= 1000 / PUSH_INTERVAL_MS, said);
  assert.ok(flood.pushes >= 5, `the toolbar was kept up to date during the flood: ${said}`);
  assert.deepEqual(flood.last.core.calls, {}, 'the last push shows the last state');
});
