// Requests at the agent's device through a real session and simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallControl } from '../../../src-main/node/app/calls/call-control.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';
import { connected, testSession, until } from '../session/fixtures.ts';
import { simulator } from '../simulator/fixtures.ts';

test('without a session every request is "not connected" in plain words', async () => {
  const control = new CallControl(
    () => undefined,
    () => '1001',
  );
  const outcomes = [
    await control.request('answer', { c1: 1 }),
    await control.agentState({ state: 'ready' }),
    await control.join('transfer', 1, 2, {}),
  ];
  assert.deepEqual(
    outcomes.map((o) => !o.ok && o.kind),
    ['not-connected', 'not-connected', 'invalid'],
  );
  assert.ok(outcomes.every((o) => !o.ok && o.message.ko && o.message.en));
});

test("requests go out at the agent's device; a join names the held party from the held call; agent states reach the switch", async (t) => {
  const sim = await simulator();
  const session: CtiSession = testSession([sim.endpoints[0]!], {
    identity: { device: '1003', agentId: '1003', queues: ['401'] },
  });
  t.after(async () => {
    await session.stop();
    await sim.stop();
  });
  session.start();
  await connected(session);
  const control = new CallControl(
    () => session,
    () => '1003',
  );
  assert.ok((await control.withSession((s) => s.logon())).ok);
  assert.ok((await control.agentState({ state: 'notReady', reason: 2 })).ok);
  await until(session, 'not ready', (s) => s.agent.state === 'notReady' && s.agent.reason === 2);
  assert.equal(sim.state().agents.find((a) => a.agentId === '1003')?.state, 'notReady');

  assert.ok((await control.request('dial', { called: '1004' })).ok);
  const dialled = await until(session, 'dialling 1004', (s) => Object.values(s.calls).some((c) => c.party === '1004'));
  const c1 = Object.values(dialled.calls)[0]!.c1;
  assert.ok(
    sim.state().calls.some((c) => c.c1 === c1),
    'the switch has the call placed from 1003',
  );

  const noHeld = await control.join('transfer', c1, 999, dialled.calls);
  assert.ok(!noHeld.ok && noHeld.kind === 'invalid' && /held call was not found/.test(noHeld.message.en));
  assert.ok((await control.request('clear', { c1 })).ok);
  await until(session, 'call gone', (s) => Object.keys(s.calls).length === 0);
  assert.ok((await control.agentState({ state: 'loggedOff', reason: 0 })).ok);
  await until(session, 'logged off', (s) => s.agent.state === 'loggedOff');
});
