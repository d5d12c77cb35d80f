// Where the simulator's control port listens: it can ring the agent and break the switch, so
// loopback unless told otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../../src-main/node/simulator/index.ts';

test('the control port listens on loopback even when the endpoints listen elsewhere; --control-host moves it', async (t) => {
  const elsewhere = await startSimulator({ host: '127.0.0.2', port: 0, controlPort: 0 });
  t.after(() => elsewhere.stop());
  assert.match(elsewhere.endpoints[0]!, /^ws:\/\/127\.0\.0\.2:\d+$/);
  assert.match(elsewhere.controlUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await fetch(`${elsewhere.controlUrl}/state`)).status, 200);
  const moved = await startSimulator({ port: 0, controlPort: 0, controlHost: '127.0.0.3' });
  t.after(() => moved.stop());
  assert.match(moved.controlUrl ?? '', /^http:\/\/127\.0\.0\.3:\d+$/);
});
