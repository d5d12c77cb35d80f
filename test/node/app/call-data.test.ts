// Call data travels (issue 27, items 1-2), through the real core and the simulator over a real
// socket: the note and the site's fields go with dial, consult and single-step transfer and arrive
// at the called phone's events; too long is refused in words, nothing sent; a tel: link can carry
// them; and the CRM record open at the agent follows a consult or transfer into the colleague's
// screen pop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { simulator } from '../simulator/fixtures.ts';
import { guideClient, waitFor } from '../helpers/raw-client.ts';
import { rig, until, type Rig } from './app-rig.ts';

const CUSTOMER = '01055556666';
const FIELDS = [
  { key: 'ticket', label: 'Ticket' },
  { key: 'topic', label: 'Topic' },
];
const CRM = 'https://crm.example.com';

describe('call data travels with dial, consult and transfer', () => {
  let sim: Simulator;
  const rigs: Rig[] = [];
  before(async () => {
    sim = await simulator();
  });
  after(async () => {
    for (const r of rigs) await r.app.stop({ logoff: true });
    await sim.stop();
  });

  /** An app core at `device` against the simulator, started and connected. */
  async function core(device: string, extra: Partial<Settings> = {}): Promise<Rig> {
    const defaults = defaultSettings();
    const r = rig({
      server: { ...defaults.server, endpoints: [sim.endpoints[0]!] },
      agent: { ...defaults.agent, device, agentId: device },
      callData: { fields: FIELDS },
      ...extra,
    });
    rigs.push(r);
    await r.app.start();
    await until(r.app, 'connected', (s) => s.core.connection.status === 'connected');
    return r;
  }
  async function stop(r: Rig): Promise<void> {
    rigs.splice(rigs.indexOf(r), 1);
    await r.app.stop({ logoff: true });
  }
  /** The agent at 1001 talking with a customer; the call's c1. */
  async function talking(r: Rig): Promise<number> {
    const { c1 } = sim.inbound({ from: CUSTOMER, to: r.app.getState().settings.settings.agent.device });
    await until(r.app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    await r.app.handle('answer', { c1 });
    await until(r.app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    return c1;
  }

  test('a dial carries the note in uui and the fields in attach.ci; the called phone sees them ringing', async (t) => {
    const agent = await core('1001');
    t.after(() => stop(agent));
    const colleague = await guideClient(sim.endpoints[0]!, '1002');
    t.after(() => colleague.close());
    const note = '고객 VIP, 환불 문의';
    const outcome = await agent.app.handle('dial', {
      number: '1002',
      callData: { note, fields: { ticket: 'T-7&8=9', topic: '환불 100%' } },
    });
    assert.equal(outcome.ok, true);
    const ring = await colleague.waitEvent(4, { this: '1002' });
    assert.equal((ring.call as { uui?: string }).uui, note);
    const ci = (ring.attach as { ci?: string }).ci!;
    assert.equal(ci, 'ticket=T-7%268%3D9&topic=환불 100%25');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(ci)), { ticket: 'T-7&8=9', topic: '환불 100%' });
    const c1 = Number((ring.call as { c1: unknown }).c1);
    await agent.app.handle('hangup', { c1 });
  });

  test('a note over 256 bytes (Korean: 3 a letter) is refused with how many bytes over, and nothing is dialled', async (t) => {
    const agent = await core('1001');
    t.after(() => stop(agent));
    const before = sim.state().calls.length;
    const note = '가'.repeat(86); // 258 bytes in UTF-8, 86 characters
    const outcome = await agent.app.handle('dial', { number: '1002', callData: { note } });
    assert.ok(!outcome.ok && outcome.kind === 'invalid');
    assert.match(outcome.message.en, /2 bytes over its limit of 256 bytes/);
    assert.match(outcome.message.ko, /256바이트를 2바이트 넘었습니다/);
    const fields = await agent.app.handle('dial', {
      number: '1002',
      callData: { fields: { ticket: 'x'.repeat(1100) } },
    });
    assert.ok(!fields.ok && /\d+ bytes over their limit of 1024 bytes/.test(fields.message.en));
    const unknown = await agent.app.handle('dial', { number: '1002', callData: { fields: { secret: 'x' } } });
    assert.ok(!unknown.ok && /secret/.test(unknown.message.en));
    const control = await agent.app.handle('dial', { number: '1002', callData: { note: 'a\nb' } });
    assert.ok(!control.ok && /control characters/.test(control.message.en));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sim.state().calls.length, before, 'no call was placed');
  });

  test('consult and single-step transfer carry them to the colleague', async (t) => {
    const agent = await core('1001');
    t.after(() => stop(agent));
    const colleague = await guideClient(sim.endpoints[0]!, '1003', '1004');
    t.after(() => colleague.close());
    const c1 = await talking(agent);
    const consulted = await agent.app.handle('consult', {
      c1,
      number: '1003',
      mode: 'transfer',
      callData: { note: 'consult note', fields: { topic: 'billing' } },
    });
    assert.equal(consulted.ok, true);
    const ring = await colleague.waitEvent(4, { this: '1003' });
    assert.equal((ring.call as { uui?: string }).uui, 'consult note');
    assert.equal((ring.attach as { ci?: string }).ci, 'topic=billing');
    const leg = Number((ring.call as { c1: unknown }).c1);
    assert.equal((await agent.app.handle('cancelConsult', { c1: leg })).ok, true);
    await until(agent.app, 'customer back', (s) => s.core.calls[c1]?.phase === 'connected' && !s.core.calls[leg]);

    const mark = colleague.mark();
    const moved = await agent.app.handle('singleStepTransfer', {
      c1,
      number: '1004',
      callData: { note: '이관 메모', fields: { ticket: 'T-1' } },
    });
    assert.equal(moved.ok, true);
    const transferred = await colleague.waitEvent(4, { this: '1004', from: mark });
    assert.equal((transferred.call as { uui?: string }).uui, '이관 메모');
    assert.equal((transferred.attach as { ci?: string }).ci, 'ticket=T-1');
    sim.hangup(c1);
  });

  test('a tel: link carries call data in its query; a link with a field the settings do not define is refused and told', async (t) => {
    const agent = await core('1001', {
      dialing: { ...defaultSettings().dialing, confirmClickToDial: false },
    });
    t.after(() => stop(agent));
    const colleague = await guideClient(sim.endpoints[0]!, '1002');
    t.after(() => colleague.close());
    await agent.app.clickToDial('tel:1002?uui=%EC%9A%94%EC%B2%AD%20%ED%99%95%EC%9D%B8&ticket=T-9');
    const ring = await colleague.waitEvent(4, { this: '1002' });
    assert.equal((ring.call as { uui?: string }).uui, '요청 확인');
    assert.equal((ring.attach as { ci?: string }).ci, 'ticket=T-9');
    await agent.app.handle('hangup', { c1: Number((ring.call as { c1: unknown }).c1) });
    await until(agent.app, 'idle', (s) => Object.keys(s.core.calls).length === 0);

    const before = sim.state().calls.length;
    await agent.app.clickToDial('tel:1002?password=x');
    const told = await until(agent.app, 'told', (s) => s.notice !== undefined);
    assert.match(told.notice!.message.en, /not dialled.*password/);
    await agent.app.clickToDial(`tel:1002?uui=${'%EA%B0%80'.repeat(90)}`);
    await until(agent.app, 'told again', (s) => /bytes over/.test(s.notice?.message.en ?? ''));
    await agent.app.clickToDial('tel:1002?uui=a&uui=b');
    await until(agent.app, 'told a third time', (s) => /repeats a field/.test(s.notice?.message.en ?? ''));
    assert.equal(sim.state().calls.length, before, 'no call was placed');
  });

  test("a link offered first shows what it will send, by the fields' labels; OK sends it", async (t) => {
    const agent = await core('1001'); // confirm click-to-dial: on by default
    t.after(() => stop(agent));
    const colleague = await guideClient(sim.endpoints[0]!, '1002');
    t.after(() => colleague.close());
    await agent.app.clickToDial('tel:1002?uui=%EC%9A%94%EC%B2%AD&ticket=T-5');
    const offered = await until(agent.app, 'offered', (s) => s.pendingDial !== undefined);
    assert.deepEqual(offered.pendingDial, {
      number: '1002',
      sends: { note: '요청', fields: [{ label: 'Ticket', value: 'T-5' }] },
    });
    assert.equal((await agent.app.handle('confirmPendingDial', {})).ok, true);
    const ring = await colleague.waitEvent(4, { this: '1002' });
    assert.equal((ring.call as { uui?: string }).uui, '요청');
    assert.equal((ring.attach as { ci?: string }).ci, 'ticket=T-5');
    await agent.app.handle('hangup', { c1: Number((ring.call as { c1: unknown }).c1) });
  });

  describe('the open CRM record follows the transfer', () => {
    const popAtColleague: Partial<Settings> = {
      screenPop: {
        ...defaultSettings().screenPop,
        enabled: true,
        template: `${CRM}/open?record={uei}&ani={ani}`,
        trigger: 'ringing',
      },
    };
    const agentSettings = (recordId: NonNullable<Settings['screenPop']['recordId']>): Partial<Settings> => ({
      screenPop: {
        ...defaultSettings().screenPop,
        enabled: true,
        template: `${CRM}/search?ani={ani}`,
        openIn: 'app',
        recordId,
      },
    });
    const pops = (r: Rig) =>
      r.platform.effects.flatMap((e) => (e.type === 'screen-pop' ? [(e as { url: string }).url] : []));

    test("consult: the colleague's toolbar pops the record the agent has open, by its id", async (t) => {
      const agent = await core(
        '1001',
        agentSettings({ from: 'lastPathSegment', pathPrefix: '/customers/', query: '' }),
      );
      const colleague = await core('1002', popAtColleague);
      t.after(() => Promise.all([stop(agent), stop(colleague)]));
      const c1 = await talking(agent);
      agent.app.crmPageShown(`${CRM}/customers/C-42?tab=notes`);
      assert.equal((await agent.app.handle('consult', { c1, number: '1002', mode: 'transfer' })).ok, true);
      const url = await waitFor(() => pops(colleague)[0], 5000, 'screen pop at 1002');
      assert.equal(new URL(url).searchParams.get('record'), 'C-42');
      assert.ok(agent.logs.some((l) => /record follows the call: the open CRM record goes in attach\.uei/.test(l)));
      sim.hangup(c1);
    });

    test('single-step transfer, the id from a query field; the agent moved on in the window: the latest record goes', async (t) => {
      const agent = await core('1001', agentSettings({ from: 'query', pathPrefix: '', query: 'id' }));
      const colleague = await core('1002', popAtColleague);
      t.after(() => Promise.all([stop(agent), stop(colleague)]));
      const c1 = await talking(agent);
      agent.app.crmPageShown(`${CRM}/record?id=first`);
      agent.app.crmPageShown(`${CRM}/record?id=%EA%B3%A0%EA%B0%9D-7#history`);
      assert.equal((await agent.app.handle('singleStepTransfer', { c1, number: '1002' })).ok, true);
      const url = await waitFor(() => pops(colleague)[0], 5000, 'screen pop at 1002');
      assert.equal(new URL(url).searchParams.get('record'), '고객-7');
      sim.hangup(c1);
    });

    test('no record open, a page of another site, or an id that is not printable: nothing in uei, and the log says why', async (t) => {
      const agent = await core('1001', agentSettings({ from: 'query', pathPrefix: '', query: 'id' }));
      const watcher = await guideClient(sim.endpoints[0]!, '1002');
      t.after(async () => {
        await watcher.close();
        await stop(agent);
      });
      const c1 = await talking(agent);
      const cases: [string | undefined, RegExp][] = [
        [undefined, /no CRM record is open/],
        ['https://elsewhere.example.org/record?id=C-1', /not on the screen pop's site/],
        [`${CRM}/record?id=a%20b`, /not printable/],
        [`${CRM}/record?other=1`, /holds no record id/],
      ];
      for (const [page, why] of cases) {
        agent.app.crmPageShown(page);
        const mark = watcher.mark();
        assert.equal((await agent.app.handle('consult', { c1, number: '1002', mode: 'transfer' })).ok, true);
        const ring = await watcher.waitEvent(4, { this: '1002', from: mark });
        assert.equal((ring.attach as { uei?: string } | undefined)?.uei, undefined, `nothing sent for ${page}`);
        assert.ok(
          agent.logs.some((l) => why.test(l)),
          `logged why for ${page}`,
        );
        assert.ok(!agent.logs.some((l) => page !== undefined && l.includes(page)), 'the address is never logged');
        await agent.app.handle('cancelConsult', { c1: Number((ring.call as { c1: unknown }).c1) });
        await until(agent.app, 'customer back', (s) => s.core.calls[c1]?.phase === 'connected');
      }
      sim.hangup(c1);
    });
  });
});
