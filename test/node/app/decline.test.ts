// Declining a ringing call through the real app core and session against the simulator: the
// toolbar promises nothing, and tells what became of the call only from the events that follow
// (queued again, or ended); the history says Declined, not Missed, and today's figures count it apart.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appOnSimulator, until } from './app-rig.ts';

describe('app core: declining a ringing call', () => {
  const env = appOnSimulator({ config: { offerDeclinedAgainMs: 300 } });
  const start = async () => {
    const app = await env.start();
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    return app;
  };

  test('a queue call: told it waits in the queue again (from Queued), recorded Declined, offered again later', async () => {
    const app = await start();
    const { c1 } = env.sim.inbound({ from: '01033330001', to: '401' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    assert.deepEqual(await app.handle('decline', { c1 }), { ok: true, result: 1 });
    let s = await until(app, 'told', (st) => st.notice !== undefined);
    assert.equal(s.notice?.message.en, 'The call you declined is waiting in queue 401 again.');
    assert.equal(s.notice?.message.ko, '거절한 호가 큐 401에서 다시 대기 중입니다.');
    s = await until(app, 'recorded', (st) => st.history.recent.length === 1);
    assert.equal(s.history.recent[0]!.declined, true);
    assert.equal(s.history.recent[0]!.missed, false, 'declined, not missed');
    assert.equal(s.history.unseenMissed, 0);
    assert.equal(s.today.declined, 1);
    assert.equal(s.today.missed, 0);
    // Nobody else is Ready: the same caller rings here again a little later.
    await until(app, 'offered again', (st) => st.core.calls[c1]?.phase === 'ringing');
    env.sim.hangup(c1);
    s = await until(app, 'the caller gave up', (st) => st.history.recent.length === 2);
    assert.equal(s.history.recent[0]!.missed, true, 'this time it rang out: missed');
    assert.equal(s.today.declined, 1);
    assert.equal(s.today.missed, 1);
  });

  test('a call to the extension: told it ended (from CallCleared), recorded Declined', async () => {
    const app = await start();
    const { c1 } = env.sim.inbound({ from: '01033330002', to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    assert.deepEqual(await app.handle('decline', { c1 }), { ok: true, result: 1 });
    const s = await until(app, 'told', (st) => st.notice !== undefined && st.history.recent.length === 1);
    assert.equal(s.notice?.message.en, 'The call you declined has ended.');
    assert.equal(s.history.recent[0]!.declined, true);
    assert.equal(s.history.recent[0]!.missed, false);
  });

  test('a decline the switch refuses changes nothing: the call still rings, nothing is told of it', async () => {
    const app = await start();
    const { c1 } = env.sim.inbound({ from: '01033330003', to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    env.sim.hangup(c1);
    await until(app, 'gone', (s) => s.core.calls[c1] === undefined);
    const outcome = await app.handle('decline', { c1 });
    assert.equal(outcome.ok, false);
    const s = app.getState();
    assert.equal(s.history.recent[0]!.missed, true, 'it rang out before: missed, not declined');
    assert.equal(s.core.declined, undefined);
  });
});
