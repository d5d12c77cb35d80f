// No request, however malformed, ends the simulator: its control port and its WebSocket
// endpoints answer bad escapes, bad hosts, huge headers and slow bodies, and keep serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlClient } from '../helpers/control-client.ts';
import { attack } from '../helpers/raw-http.ts';
import { guideClient } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';

function assertRefused(statuses: { name: string; status: number; exact?: 400 }[]): void {
  for (const { name, status, exact } of statuses) {
    if (exact) assert.equal(status, exact, name);
    else assert.ok(status >= 400 && status < 500, `${name}: ${status}`);
  }
}

test('the control port answers malformed requests with 4xx and keeps serving', async (t) => {
  const sim = await simulator({ controlPort: 0 });
  t.after(() => sim.stop());
  const control = controlClient(sim);
  const port = Number(new URL(control.url).port);
  const { statuses, answeredMeanwhile } = await attack(
    port,
    async () => (await control.get('/state')).status === 200,
    `Authorization: Bearer ${control.token}\r\n`,
  );
  assertRefused(statuses);
  assert.ok(answeredMeanwhile, 'answered while slow requests dangled');
  assert.equal(
    (await control.post('/inbound', { from: '01012345678', to: '401' })).status,
    200,
    'still answers afterwards',
  );
});

test('a WebSocket endpoint answers malformed requests with 4xx and keeps serving', async (t) => {
  const sim = await simulator();
  t.after(() => sim.stop());
  const url = sim.endpoints[0]!;
  const port = Number(new URL(url).port);
  const { statuses, answeredMeanwhile } = await attack(port, async () => {
    const client = await guideClient(url, '1001');
    await client.close();
    return true;
  });
  assertRefused(statuses);
  assert.ok(answeredMeanwhile);
  const after = await guideClient(url, '1001');
  assert.equal(
    (await after.request({ fname: 'dial', this: '1001', called: '1002' })).result,
    1,
    'still serves afterwards',
  );
  await after.close();
});
