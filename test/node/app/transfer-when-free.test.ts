// "Transfer when free" through the real app core and session against the simulator over a real
// socket: the customer is held while the colleague is busy; once the colleague's line clears (and,
// for an agent, once Ready) the agent consults them, or transfers blind; cancelled, the customer
// is retrieved; past the limit the customer is retrieved and the agent told; a customer who hangs
// up while waiting ends it.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { rigOn, simulatorWithPhones, until, type Rig } from './app-rig.ts';

const line = (s: AppState, device: string) => s.core.colleagues?.[device];
const directory = [
  { name: 'Kim', number: '1002' },
  { name: 'Lee', number: '1003' },
];

describe('app core: transfer when free', () => {
  const env = simulatorWithPhones('1002', '1003');
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.app.stop({ logoff: true });
    r = undefined;
    for (const call of env.sim.state().calls) {
      if (env.sim.hangup(call.c1)) continue;
      for (const party of call.parties)
        await env.phones.request({ fname: 'clear', this: party.device, c1: String(call.c1) });
    }
    for (const agent of env.sim.state().agents)
      await env.phones.request({
        fname: 'logoff',
        this: agent.device,
        agent: { id: agent.agentId, group: '401', reason: '0' },
      });
  });

  const customerParty = (c1: number) =>
    env.sim
      .state()
      .calls.find((k) => k.c1 === c1)
      ?.parties.find((p) => p.device === '1001')?.state;

  const callsBetween = (a: string, b: string) =>
    env.sim.state().calls.filter((k) => k.parties.some((p) => p.device === a) && k.parties.some((p) => p.device === b))
      .length;

  /** The agent at 1001 talking to a customer, colleague 1002 busy on a call of their own. */
  async function talkingWhileKimIsBusy(settings: Partial<Settings> = {}, clock?: FakeClock) {
    r = rigOn(env.sim, { directory, ...settings }, clock);
    const app = r.app;
    await app.start();
    await until(app, 'Kim watched', (s) => line(s, '1002')?.monitor === 'watched');
    const kim = env.sim.inbound({ from: '01055550001', to: '1002' }).c1;
    await env.phones.waitEvent(4);
    await env.phones.request({ fname: 'answer', this: '1002', c1: String(kim) });
    await until(app, 'Kim on a call', (s) => line(s, '1002')?.line === 'onCall');
    const customer = env.sim.inbound({ from: '01077770001', to: '1001' }).c1;
    await until(app, 'ringing', (s) => s.core.calls[customer]?.phase === 'ringing');
    assert.equal((await app.handle('answer', { c1: customer })).ok, true);
    await until(app, 'talking', (s) => s.core.calls[customer]?.phase === 'connected');
    return { app, kim, customer };
  }

  test('consult: the customer waits on hold; Kim hangs up, and the agent is consulting Kim at once', async () => {
    const { app, kim, customer } = await talkingWhileKimIsBusy();
    assert.deepEqual(await app.handle('transferWhenFree', { number: '1002' }), { ok: true, result: 1 });
    const waiting = await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    assert.equal(waiting.transferWhenFree?.device, '1002');
    assert.equal(waiting.transferWhenFree?.how, 'consult', "the settings' default");
    assert.equal(waiting.transferWhenFree!.until - waiting.transferWhenFree!.startedAt, 120_000);
    assert.equal(customerParty(customer), 'held', 'held at the switch');
    assert.equal(callsBetween('1001', '1002'), 0, 'nothing sent to Kim yet: Kim is busy');
    env.sim.hangup(kim);
    const consulting = await until(app, 'consulting', (s) =>
      Object.values(s.core.calls).some((c) => c.consult && c.c1 !== customer),
    );
    assert.equal(consulting.transferWhenFree, undefined);
    const leg = env.sim.state().calls.find((k) => k.c1 !== customer)!;
    assert.deepEqual(
      leg.parties.map((p) => [p.device, p.state]),
      [
        ['1001', 'dialing'],
        ['1002', 'ringing'],
      ],
      'a consult from 1001 rings at Kim',
    );
    assert.equal(customerParty(customer), 'held');
  });

  test('blind: once Kim is free the customer is transferred to Kim (single-step) and leaves the agent', async () => {
    const { app, kim, customer } = await talkingWhileKimIsBusy();
    assert.equal((await app.handle('transferWhenFree', { number: '1002', how: 'blind' })).ok, true);
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    env.sim.hangup(kim);
    await until(app, 'transferred', (s) => Object.keys(s.core.calls).length === 0);
    const call = env.sim.state().calls.find((k) => k.c1 === customer)!;
    assert.deepEqual(
      call.parties.map((p) => p.device),
      ['01077770001', '1002'],
      'the customer rings at Kim',
    );
  });

  test('blind, with the customer taken back off hold meanwhile: still transferred once Kim is free', async () => {
    const { app, kim, customer } = await talkingWhileKimIsBusy();
    assert.equal((await app.handle('transferWhenFree', { number: '1002', how: 'blind' })).ok, true);
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    assert.equal((await app.handle('retrieve', { c1: customer })).ok, true);
    await until(app, 'talking again', (s) => s.core.calls[customer]?.phase === 'connected');
    env.sim.hangup(kim);
    const s = await until(app, 'transferred', (st) => Object.keys(st.core.calls).length === 0);
    assert.equal(s.notice, undefined, 'no failure told');
    assert.ok(
      env.sim
        .state()
        .calls.find((k) => k.c1 === customer)!
        .parties.some((p) => p.device === '1002'),
    );
  });

  test('a colleague logged on as an agent: idle but Not ready is waited for; Ready lets the consult go', async () => {
    r = rigOn(env.sim, { directory });
    const app = r.app;
    await app.start();
    await until(app, 'Lee watched', (s) => line(s, '1003')?.monitor === 'watched');
    await env.phones.request({
      fname: 'logon',
      this: '1003',
      agent: { id: '2003', group: '401', channel: '0', wmode: '1' },
    });
    await until(app, 'Lee not ready', (s) => line(s, '1003')?.agent?.state === 'notReady');
    const customer = env.sim.inbound({ from: '01077770002', to: '1001' }).c1;
    await until(app, 'ringing', (s) => s.core.calls[customer] !== undefined);
    await app.handle('answer', { c1: customer });
    await until(app, 'talking', (s) => s.core.calls[customer]?.phase === 'connected');
    assert.equal((await app.handle('transferWhenFree', { number: '1003' })).ok, true);
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(app.getState().transferWhenFree, 'still waiting: Lee is idle but Not ready');
    assert.equal(callsBetween('1001', '1003'), 0);
    await env.phones.request({ fname: 'ready', this: '1003', agent: { id: '2003', reason: '0' } });
    await until(app, 'consulting Lee', (s) => Object.values(s.core.calls).some((c) => c.consult && c.c1 !== customer));
    assert.equal(app.getState().transferWhenFree, undefined);
  });

  test('cancelled: the customer is retrieved and nothing more is sent when Kim is free', async () => {
    const { app, kim, customer } = await talkingWhileKimIsBusy();
    await app.handle('transferWhenFree', { number: '1002' });
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    assert.deepEqual(await app.handle('cancelTransferWhenFree', {}), { ok: true, result: 1 });
    const back = await until(app, 'retrieved', (s) => s.core.calls[customer]?.phase === 'connected');
    assert.equal(back.transferWhenFree, undefined);
    assert.equal(customerParty(customer), 'connected');
    env.sim.hangup(kim);
    await until(app, 'Kim idle', (s) => line(s, '1002')?.line === 'idle');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(callsBetween('1001', '1002'), 0, 'no consult after the cancel');
  });

  test('the limit (settings): past it the customer is retrieved and the agent told', async () => {
    const clock = new FakeClock(Date.now());
    const { app, customer } = await talkingWhileKimIsBusy(
      { transferWhenFree: { how: 'consult', limitSeconds: 30 } },
      clock,
    );
    await app.handle('transferWhenFree', { number: '1002' });
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    clock.advance(29_999);
    assert.ok(app.getState().transferWhenFree, 'still waiting before the limit');
    clock.advance(1);
    const back = await until(
      app,
      'retrieved and told',
      (s) => s.core.calls[customer]?.phase === 'connected' && s.notice !== undefined,
    );
    assert.equal(back.transferWhenFree, undefined);
    assert.equal(back.notice?.message.en, 'Kim (1002) was not free within 30 s: the customer is back with you.');
    assert.equal(back.notice?.message.ko, '30초 안에 Kim (1002) 님의 통화가 끝나지 않아 고객 통화로 돌아왔습니다.');
    assert.equal(customerParty(customer), 'connected');
  });

  test('the customer hangs up while waiting: it ends, and the agent is told', async () => {
    const { app, customer } = await talkingWhileKimIsBusy();
    await app.handle('transferWhenFree', { number: '1002' });
    await until(app, 'held', (s) => s.core.calls[customer]?.phase === 'held');
    env.sim.hangup(customer);
    const s = await until(app, 'ended', (st) => st.transferWhenFree === undefined);
    assert.equal(s.notice?.message.en, 'The customer hung up while waiting for Kim (1002).');
  });

  test('refused unsent: with no call, for a free colleague, for one not in the directory', async () => {
    r = rigOn(env.sim, { directory });
    const app = r.app;
    await app.start();
    await until(app, 'Kim idle', (s) => line(s, '1002')?.monitor === 'watched');
    const none = await app.handle('transferWhenFree', { number: '1002' });
    assert.equal(none.ok ? '' : none.message.en, 'Transfer when free needs one call you are talking on.');
    const customer = env.sim.inbound({ from: '01077770003', to: '1001' }).c1;
    await until(app, 'ringing', (s) => s.core.calls[customer] !== undefined);
    await app.handle('answer', { c1: customer });
    await until(app, 'talking', (s) => s.core.calls[customer]?.phase === 'connected');
    await env.phones.request({
      fname: 'logon',
      this: '1002',
      agent: { id: '2002', group: '401', channel: '0', wmode: '3' },
    });
    await until(app, 'Kim free', (s) => line(s, '1002')?.agent?.state === 'ready');
    const free = await app.handle('transferWhenFree', { number: '1002' });
    assert.match(free.ok ? '' : free.message.en, /free now/);
    const stranger = await app.handle('transferWhenFree', { number: '1009' });
    assert.match(stranger.ok ? '' : stranger.message.en, /not watched/);
    assert.equal(app.getState().core.calls[customer]!.phase, 'connected', 'the customer was never held');
  });
});
