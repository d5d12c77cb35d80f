// Away when the desk is left (issue 27 item 6), through the real core and the simulator: what the
// shell reports (screen locked / unlocked, idle seconds) puts a Ready agent Not ready with the
// site's Away code, and the bar is told; back at the desk, Ready is offered, never set.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import { deskEventOf } from '../../../src-main/node/app/agent/away.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { rig } from './app-rig.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

let sim: Simulator;
before(async () => {
  sim = await simulator();
});
after(() => sim.stop());

const AWAY = 6;

async function readyAgent(
  t: { after(fn: () => unknown): void },
  agent: Partial<Settings['agent']>,
): Promise<AppController> {
  const defaults = defaultSettings();
  const { app: a } = rig({
    server: { ...defaults.server, endpoints: [sim.endpoints[0]!] },
    agent: { ...defaults.agent, ...agent },
  });
  t.after(() => a.stop({ logoff: true }));
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  await a.handle('logon', {});
  await waitFor(() => a.getState().core.agent.state !== 'loggedOff');
  await a.handle('ready', {});
  await waitFor(() => a.getState().core.agent.state === 'ready', 5000, 'ready');
  return a;
}

const agentOf = (a: AppController) => a.getState().core.agent;
/** Long enough for a request, its answer and the event after it on loopback. */
const settle = () => new Promise((r) => setTimeout(r, 300));

test('the screen locks: Not ready with the Away code, said; unlocked: Ready offered, not set; one click Ready ends it', async (t) => {
  const a = await readyAgent(t, { awayOnLock: true, awayReason: AWAY });
  a.deskEvent({ kind: 'locked' });
  // the switch's event may come before the request's answer: the bar is told with the answer
  await waitFor(() => agentOf(a).state === 'notReady' && a.getState().away, 5000, 'not ready, away');
  assert.equal(agentOf(a).reason, AWAY);
  assert.deepEqual(
    { ...a.getState().away, since: 0 },
    { cause: 'locked', reason: AWAY, since: 0, back: false },
    'the bar says why',
  );
  a.deskEvent({ kind: 'unlocked' });
  await waitFor(() => a.getState().away?.back, 5000, 'Ready offered');
  await settle();
  assert.equal(agentOf(a).state, 'notReady', 'never Ready by itself');
  const sent = await a.handle('ready', {});
  assert.equal(sent.ok, true);
  await waitFor(() => agentOf(a).state === 'ready', 5000, 'ready');
  await settle();
  assert.equal(a.getState().away, undefined, 'the offer goes once Ready');
});

test('idle for the set minutes: Away (idle); input again: Ready offered', async (t) => {
  const a = await readyAgent(t, { awayIdleMinutes: 2, awayReason: AWAY });
  a.deskEvent({ kind: 'idle', seconds: 119 });
  await settle();
  assert.equal(agentOf(a).state, 'ready', 'not before the time');
  a.deskEvent({ kind: 'idle', seconds: 120 });
  await waitFor(() => agentOf(a).state === 'notReady' && a.getState().away, 5000, 'not ready, away');
  assert.equal(agentOf(a).reason, AWAY);
  assert.equal(a.getState().away?.cause, 'idle');
  a.deskEvent({ kind: 'idle', seconds: 130 });
  a.deskEvent({ kind: 'idle', seconds: 1 });
  await waitFor(() => a.getState().away?.back, 5000, 'Ready offered');
  await settle();
  assert.equal(agentOf(a).state, 'notReady');
});

test('off by default: a locked screen and a long idle leave the agent Ready', async (t) => {
  const a = await readyAgent(t, {});
  a.deskEvent({ kind: 'locked' });
  a.deskEvent({ kind: 'idle', seconds: 100_000 });
  await settle();
  assert.equal(agentOf(a).state, 'ready');
  assert.equal(a.getState().away, undefined);
});

test("the agent's own Not ready reason is never overwritten, nor a log-off", async (t) => {
  const a = await readyAgent(t, { awayOnLock: true, awayIdleMinutes: 1, awayReason: AWAY });
  await a.handle('notReady', { reason: 2 });
  await waitFor(() => agentOf(a).state === 'notReady' && agentOf(a).reason === 2, 5000, 'not ready 2');
  a.deskEvent({ kind: 'locked' });
  a.deskEvent({ kind: 'idle', seconds: 600 });
  await settle();
  assert.deepEqual([agentOf(a).state, agentOf(a).reason, a.getState().away], ['notReady', 2, undefined]);
  a.deskEvent({ kind: 'unlocked' });
  a.deskEvent({ kind: 'idle', seconds: 0 });
  await a.handle('logoff', { reason: 0 });
  await waitFor(() => agentOf(a).state === 'loggedOff', 5000, 'logged off');
  a.deskEvent({ kind: 'locked' });
  await settle();
  assert.equal(agentOf(a).state, 'loggedOff');
  assert.equal(a.getState().away, undefined);
});

test('not while a call rings or is up; once it ends with the screen still locked, Away', async (t) => {
  const a = await readyAgent(t, { awayOnLock: true, awayReason: AWAY });
  const { c1 } = sim.inbound({ from: '01055512345', to: '1001' });
  await waitFor(() => a.getState().core.calls[c1]?.phase === 'ringing', 5000, 'ringing');
  a.deskEvent({ kind: 'locked' });
  await settle();
  assert.equal(agentOf(a).state, 'ready', 'not while ringing');
  await a.handle('answer', { c1 });
  await waitFor(() => a.getState().core.calls[c1]?.phase === 'connected', 5000, 'connected');
  a.deskEvent({ kind: 'locked' });
  await settle();
  assert.notEqual(agentOf(a).state, 'notReady', 'not while on the call');
  sim.hangup(c1);
  await waitFor(
    () => agentOf(a).state === 'notReady' && agentOf(a).reason === AWAY && a.getState().away,
    5000,
    'away after the call',
  );
  assert.equal(a.getState().away?.cause, 'locked');
});

test("the preview's desk events (/__desk): only locked, unlocked and idle with whole seconds; anything else refused", () => {
  const of = (query: string) => deskEventOf(new URLSearchParams(query));
  assert.deepEqual(of('event=locked'), { kind: 'locked' });
  assert.deepEqual(of('event=unlocked'), { kind: 'unlocked' });
  assert.deepEqual(of('event=idle&seconds=600'), { kind: 'idle', seconds: 600 });
  for (const bad of [
    '',
    'event=idle',
    'event=idle&seconds=-1',
    'event=idle&seconds=1e9',
    'event=idle&seconds=1.5',
    'event=shutdown',
  ])
    assert.equal(of(bad), undefined, bad);
});
