// The "restart" fault: the switch behaves like a restarted CTI server. Every login, monitor, agent
// logon and call is forgotten and every socket dropped; the switch itself keeps serving.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, waitFor, type RawClient } from '../helpers/raw-client.ts';
import { controlClient } from '../helpers/control-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

/** POSTs to the control port, with its token. */
const post = (sim: Simulator, path: string, body: unknown) => controlClient(sim).post(path, body);

describe('simulator: restart fault (a forgetful switch)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await simulator({ port2: 0, controlPort: 0 });
  });
  afterEach(() => sim.stop());

  /** An agent logged on at 1001 and Ready, on an inbound call through queue 401, plus a call waiting in the queue. */
  async function busyFloor(): Promise<{ agent: RawClient; other: RawClient; c1: number; waiting: number }> {
    const agent = await guideClient(sim.endpoints[0]!, '1001', '401');
    const other = await guideClient(sim.endpoints[1]!, '1002');
    const logon = await agent.request({
      fname: 'logon',
      this: '1001',
      agent: { id: '1001', group: 401, channel: 0, wmode: 3 },
    });
    assert.equal(logon.result, 1);
    const { c1 } = sim.inbound({ from: '01012345678', to: '401' });
    await agent.waitEvent(4, { this: '1001' });
    assert.equal((await agent.request({ fname: 'answer', this: '1001', c1 })).result, 1);
    const { c1: waiting } = sim.inbound({ from: '01099998888', to: '401' });
    return { agent, other, c1, waiting };
  }

  test('a restart: no agent, no call, nobody waiting, no session; every socket dropped with no close frame, on both endpoints', async () => {
    const { agent, other, c1, waiting } = await busyFloor();
    const before = sim.state();
    assert.deepEqual(
      before.agents.map((a) => [a.device, a.state]),
      [['1001', 'ready']],
    );
    assert.deepEqual(
      before.calls.map((c) => c.c1),
      [c1, waiting],
    );
    assert.equal(before.queues[0]?.waiting, 1);
    assert.equal(before.sessions.filter((x) => x.loggedIn).length, 2);
    const r = await post(sim, '/faults', { kind: 'restart' });
    assert.deepEqual(r, { status: 200, body: { ok: true } });
    const s = sim.state();
    assert.deepEqual(s.agents, []);
    assert.deepEqual(s.calls, []);
    assert.deepEqual(s.queues, [{ dn: '401', waiting: 0, longestWaitSec: 0 }]);
    assert.deepEqual(s.sessions, [], 'logins and monitors forgotten at once');
    await waitFor(() => agent.closed && other.closed, 3000, 'both sockets dropped');
    assert.equal(agent.closed?.code, 1006);
    assert.equal(other.closed?.code, 1006);
    assert.equal(
      agent.events().filter((e) => e.id === 3 || e.id === 1).length,
      0,
      'a crash tells nobody: no clear events',
    );
  });

  test('the restarted switch serves as new: the agent logs on again (counted as a second logon), the old call is unknown', async () => {
    const { c1 } = await busyFloor();
    await sim.fault({ kind: 'restart' });
    const again = await guideClient(sim.endpoints[0]!, '1001');
    assert.equal((await again.request({ fname: 'answer', this: '1001', c1 })).result, -4005, 'the call is gone');
    const logon = await again.request({
      fname: 'logon',
      this: '1001',
      agent: { id: '1001', group: 401, channel: 0, wmode: 1 },
    });
    assert.equal(logon.result, 1, 'not "already logged on"');
    const agent = sim.state().agents.find((a) => a.device === '1001');
    assert.equal(agent?.state, 'notReady');
    assert.equal(agent?.logons, 2, 'a re-logon, counted');
    await again.close();
  });

  test('a restart with nobody connected is harmless, and the fault is validated', async () => {
    await sim.fault({ kind: 'restart' });
    assert.deepEqual(sim.state().sessions, []);
    const bad = await post(sim, '/faults', { kind: 'reboot' });
    assert.equal(bad.status, 400);
  });
});
