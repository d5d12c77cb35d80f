// Agent-state hooks (issue 27 item 8) against a real HTTP server on loopback, through the app core
// and the simulator: the call hooks' request when the agent logs on, goes Ready, Not ready, After
// work, logs off; each kind on its own switch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import { defaultHooks, defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { AGENT_HOOK_BURST } from '../../../src-main/node/app/hooks/agent-hooks.ts';
import { startHookTarget, type Hit, type HookTarget } from '../helpers/hook-target.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { rig, type Rig } from './app-rig.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

let sim: Simulator;
let target: HookTarget;
let origin: string;
let hits: Hit[];

before(async () => {
  sim = await simulator();
  target = await startHookTarget();
  ({ origin, hits } = target);
});
after(async () => {
  target.stop();
  await sim.stop();
});

const ALL_ON = { logon: true, ready: true, notReady: true, afterWork: true, logoff: true };

/** The core against the simulator with these hooks, and the site's wrap-up and log-off codes. */
function hooked(hooks: Partial<Settings['hooks']>): Rig {
  const defaults = defaultSettings();
  return rig({
    server: { ...defaults.server, endpoints: [sim.endpoints[0]!] },
    agent: {
      ...defaults.agent,
      afterWorkReasons: [{ code: 2, label: 'Wrap' }],
      logoffReasons: [{ code: 4, label: 'Home' }],
    },
    hooks: { ...defaultHooks(), enabled: true, ...hooks },
  });
}

const bodies = () => hits.map((h) => JSON.parse(h.body) as Record<string, string>);

/** Logs on, Ready, Not ready 3, After work 2, logs off 4: each step once its state is shown. */
async function aDay(a: AppController): Promise<void> {
  const agent = () => a.getState().core.agent;
  await a.handle('logon', {});
  await waitFor(() => agent().state !== 'loggedOff', 5000, 'logged on');
  await a.handle('ready', {});
  await waitFor(() => agent().state === 'ready', 5000, 'ready');
  await a.handle('notReady', { reason: 3 });
  await waitFor(() => agent().state === 'notReady' && agent().reason === 3, 5000, 'not ready 3');
  await a.handle('afterWork', { reason: 2 });
  await waitFor(() => agent().state === 'afterWork', 5000, 'after work');
  await a.handle('logoff', { reason: 4 });
  await waitFor(() => agent().state === 'loggedOff', 5000, 'logged off');
}

test('every agent state change the agent makes reaches the tool: event, state and reason in the body and the URL', async () => {
  hits.length = 0;
  const { app: a } = hooked({
    url: `${origin}/presence/{event}?agent={agentId}&dn={dn}&reason={reason}`,
    body: '{"event":"{event}","state":"{state}","reason":"{reason}","agent":"{agentId}","ani":"{ani}"}',
    onAgent: ALL_ON,
  });
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  await aDay(a);
  await waitFor(() => bodies().some((b) => b.event === 'logoff'), 5000, 'the logoff hook');
  const seen = bodies().map((b) => [b.event, b.state, b.reason]);
  // logged on into Not ready (the default work mode) is a logon, then that state
  assert.deepEqual(seen.slice(-4), [
    ['ready', 'ready', seen.at(-4)![2]],
    ['notReady', 'notReady', '3'],
    ['afterWork', 'afterWork', '2'],
    ['logoff', 'loggedOff', '4'],
  ]);
  assert.equal(seen[0]![0], 'logon', `first: ${JSON.stringify(seen)}`);
  assert.deepEqual(bodies()[0], { ...bodies()[0], agent: '1001', ani: '' });
  const url = new URL(hits.findLast((h) => h.url.startsWith('/presence/notReady'))!.url, origin);
  assert.equal(url.searchParams.get('reason'), '3');
  assert.equal(url.searchParams.get('dn'), '1001');
  assert.ok(hits.every((h) => h.method === 'POST'));
  await a.stop();
});

test('only the kinds switched on are sent; with none (the default) a call-hook setup sends no presence', async () => {
  hits.length = 0;
  const { app: some } = hooked({
    url: `${origin}/some/{event}`,
    onAgent: { ...ALL_ON, logon: false, afterWork: false },
  });
  await some.start();
  await waitFor(() => some.getState().core.connection.status === 'connected');
  await aDay(some);
  await waitFor(() => hits.some((h) => h.url === '/some/logoff'), 5000, 'the logoff hook');
  assert.deepEqual(
    hits.map((h) => h.url),
    // logged on into Not ready (the default work mode): its logon is off, its Not ready on
    ['/some/notReady', '/some/ready', '/some/notReady', '/some/logoff'],
  );
  await some.stop();

  hits.length = 0;
  const { app: none } = hooked({ url: `${origin}/none/{event}` });
  await none.start();
  await waitFor(() => none.getState().core.connection.status === 'connected');
  await aDay(none);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(hits, []);
  await none.stop();
});

test('a state flapping on the server sends at most a burst of hooks, the rest logged', async () => {
  hits.length = 0;
  const { app: a, logs } = hooked({ url: `${origin}/flap/{event}`, onAgent: ALL_ON });
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  await a.handle('logon', {});
  await waitFor(() => a.getState().core.agent.state !== 'loggedOff');
  for (let i = 0; i < 30; i++) {
    if (i % 2 === 0) await a.handle('ready', {});
    else await a.handle('notReady', { reason: 3 });
  }
  await waitFor(() => logs.some((l) => /agent-state hooks not sent: a burst/.test(l)), 15_000, 'the burst logged');
  assert.equal(hits.filter((h) => h.url.startsWith('/flap/')).length, AGENT_HOOK_BURST.max);
  await a.stop();
  await new Promise((r) => setTimeout(r, 200));
});
