// Colleagues' lines at a glance, through the real app core and session against the simulator over
// a real socket: the directory's extensions are monitored, each line follows its colleague's calls
// and agent state, a refused or over-the-limit line says why, a line that goes has its monitor
// removed, and after a reconnect the monitors are added again. None of it touches the agent's own
// calls or state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import { guideClient, waitFor } from '../helpers/raw-client.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { rigOn, simulatorWithPhones, until, type Rig } from './app-rig.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';

const line = (s: AppState, device: string) => s.core.colleagues?.[device];
const monitorsOfAgent = (sim: Simulator) =>
  sim.state().sessions.find((x) => x.loggedIn && x.monitors.includes('1001'))?.monitors ?? [];

describe('app core: colleagues’ lines', () => {
  const env = simulatorWithPhones('1002', '1003');
  let r: Rig;
  const directory = [
    { name: 'Kim', number: '1002' },
    { name: 'Lee', number: '1003' },
    { name: 'Park', number: '1004' },
    { name: 'Outside', number: '0212345678' },
  ];
  const start = async (settings: Partial<Settings> = {}) => {
    r = rigOn(env.sim, { directory, ...settings });
    await r.app.start();
    await until(r.app, 'connected', (s) => s.core.connection.status === 'connected');
    return r.app;
  };

  test('each line is unknown until its first event, then follows the colleague’s call: ringing, on a call, on hold, idle', async (t) => {
    const app = await start();
    t.after(() => app.stop({ logoff: true }));
    const s0 = await until(app, 'watched', (s) => line(s, '1002')?.monitor === 'watched');
    assert.equal(line(s0, '1002')!.line, 'unknown', 'the guide has no query: unknown until an event');
    assert.ok(monitorsOfAgent(env.sim).includes('1002'), 'addmonitor 1002 was sent');
    const { c1 } = env.sim.inbound({ from: '01055550001', to: '1002' });
    await until(app, 'ringing', (s) => line(s, '1002')?.line === 'ringing');
    await env.phones.request({ fname: 'answer', this: '1002', c1: String(c1) });
    await until(app, 'on a call', (s) => line(s, '1002')?.line === 'onCall');
    await env.phones.request({ fname: 'hold', this: '1002', c1: String(c1) });
    await until(app, 'held', (s) => line(s, '1002')?.line === 'held');
    await env.phones.request({ fname: 'retrieve', this: '1002', c1: String(c1) });
    await until(app, 'on a call again', (s) => line(s, '1002')?.line === 'onCall');
    const busy = app.getState();
    assert.deepEqual(busy.core.calls, {}, 'the colleague’s call is not the agent’s');
    assert.equal(line(busy, '1003')!.line, 'unknown', 'another colleague’s line is not moved');
    env.sim.hangup(c1);
    const s = await until(app, 'idle', (st) => line(st, '1002')?.line === 'idle');
    assert.deepEqual(s.core.calls, {});
    assert.equal(s.core.agent.state, s0.core.agent.state, 'the agent’s state did not move');
  });

  test('agent events at a colleague’s extension: Ready, Not ready with its reason, After work, logged off, each with its time', async (t) => {
    const app = await start();
    t.after(() => app.stop({ logoff: true }));
    await until(app, 'watched', (s) => line(s, '1003')?.monitor === 'watched');
    const agent = { id: '2003', group: '401', channel: '0', wmode: '3' };
    await env.phones.request({ fname: 'logon', this: '1003', agent });
    const ready = await until(app, 'ready', (s) => line(s, '1003')?.agent?.state === 'ready');
    assert.equal(line(ready, '1003')!.line, 'idle', 'an agent event says the extension is there');
    assert.equal(ready.core.agent.state, 'loggedOff', 'the agent itself did not log on');
    await env.phones.request({ fname: 'notready', this: '1003', agent: { id: '2003', reason: '3' } });
    const nr = await until(app, 'not ready', (s) => line(s, '1003')?.agent?.state === 'notReady');
    assert.equal(line(nr, '1003')!.agent!.reason, 3);
    assert.ok(line(nr, '1003')!.agent!.since >= line(ready, '1003')!.agent!.since);
    await env.phones.request({ fname: 'afterwork', this: '1003', agent: { id: '2003', reason: '0' } });
    await until(app, 'after work', (s) => line(s, '1003')?.agent?.state === 'afterWork');
    await env.phones.request({ fname: 'logoff', this: '1003', agent: { id: '2003', group: '401', reason: '0' } });
    const off = await until(app, 'logged off', (s) => line(s, '1003')?.agent?.state === 'loggedOff');
    assert.equal(off.core.agent.state, 'loggedOff');
    assert.deepEqual(off.core.calls, {});
  });

  test('over the settings’ limit, a line is not watched and says so; one the server refuses (-4009) says that', async (t) => {
    const app = await start({ colleagueLines: { maxWatched: 2 } });
    t.after(() => app.stop({ logoff: true }));
    const s = await until(app, 'answered', (st) => line(st, '1003')?.monitor === 'watched');
    assert.deepEqual(line(s, '1004')!.unavailable, { why: 'limit', limit: 2 });
    assert.ok(!monitorsOfAgent(env.sim).includes('1004'), 'no addmonitor beyond the limit');
    assert.equal(line(s, '0212345678')!.unavailable?.why, 'limit');

    await app.stop({ logoff: true });
    const refusing = await start();
    t.after(() => refusing.stop({ logoff: true }));
    const s2 = await until(refusing, 'refused', (st) => line(st, '0212345678')?.monitor === 'unavailable');
    assert.deepEqual(line(s2, '0212345678')!.unavailable, { why: 'refused', code: -4009 });
    assert.match(r.logs.join('\n'), /0212345678 not watched: addmonitor answered -4009/);
    assert.equal(s2.core.lastError, undefined, 'a colleague’s refused line is not the agent’s error');
  });

  test('a line taken out of the directory has its monitor removed; one put in is watched at once', async (t) => {
    const app = await start();
    t.after(() => app.stop({ logoff: true }));
    await until(app, 'watched', (s) => line(s, '1002')?.monitor === 'watched');
    const settings = app.getState().settings.settings;
    const saved = await app.handle('saveSettings', {
      settings: {
        ...settings,
        directory: [
          { name: 'Lee', number: '1003' },
          { name: 'Choi', number: '1005' },
        ],
      },
    });
    assert.equal(saved.ok, true);
    await until(app, '1005 watched', (s) => line(s, '1005')?.monitor === 'watched');
    assert.equal(line(app.getState(), '1002'), undefined);
    await waitFor(() => !monitorsOfAgent(env.sim).includes('1002'), 8000, 'removemonitor 1002');
    assert.ok(monitorsOfAgent(env.sim).includes('1005'));
  });

  test('after the link is lost, the monitors are added again and the lines are unknown until their next event', async (t) => {
    const app = await start();
    t.after(() => app.stop({ logoff: true }));
    await until(app, 'watched', (s) => line(s, '1002')?.monitor === 'watched');
    const { c1 } = env.sim.inbound({ from: '01055550002', to: '1002' });
    await until(app, 'ringing', (s) => line(s, '1002')?.line === 'ringing');
    await env.sim.fault({ kind: 'terminate' }); // every socket: the colleague's phone's too
    await until(app, 'lost', (s) => s.core.connection.lastClose !== undefined);
    env.phones = await guideClient(env.sim.endpoints[0]!, '1002', '1003');
    const back = await until(
      app,
      'back, watched again',
      (s) => s.core.connection.status === 'connected' && line(s, '1002')?.monitor === 'watched',
    );
    assert.equal(line(back, '1002')!.line, 'unknown');
    assert.ok(monitorsOfAgent(env.sim).includes('1002'), 'addmonitor 1002 again on the new link');
    await env.phones.request({ fname: 'answer', this: '1002', c1: String(c1) });
    await until(app, 'known again', (s) => line(s, '1002')?.line === 'onCall');
    env.sim.hangup(c1);
    await until(app, 'idle', (s) => line(s, '1002')?.line === 'idle');
  });
});
