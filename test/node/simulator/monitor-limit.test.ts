// The simulator's monitors of other devices: a session may watch colleagues' extensions and gets
// their events with the right `this`; beyond the configured number of monitors (`maxMonitors`) an
// addmonitor is refused MONITOR_ADD_FAIL (-4009), as a server's licence would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';

test('addmonitor of other devices up to maxMonitors, -4009 beyond; their events carry their `this`', async (t) => {
  const sim = await simulator({ config: { maxMonitors: 2 } });
  t.after(() => sim.stop());
  const client = await RawClient.connect(sim.endpoints[0]!);
  t.after(() => client.close());
  await client.request({ fname: 'login', id: 'cube', pwd: 'cube123' });
  const results = [];
  for (const device of ['1001', '1002', '1003'])
    results.push(Number((await client.request({ fname: 'addmonitor', device })).result));
  assert.deepEqual(results, [1, 1, -4009]);
  assert.equal(Number((await client.request({ fname: 'removemonitor', device: '1002' })).result), 1);
  assert.equal(Number((await client.request({ fname: 'addmonitor', device: '1003' })).result), 1, 'room again');
  sim.inbound({ from: '01055550001', to: '1003' });
  const ev = await client.waitEvent(4);
  assert.equal(ev.this, '1003');
  assert.equal(ev.monitor, '1003');
});
