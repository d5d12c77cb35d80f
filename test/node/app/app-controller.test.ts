// The app core as the toolbar drives it: commands of the IPC contract, against the simulator,
// with settings on a real file and the preview's platform recording the desktop effects.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { availableActions } from '../../../src-main/common/state/available-actions.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { rig, until, type Rig } from './app-rig.ts';
import { guideClient, waitFor } from '../helpers/raw-client.ts';
import { DIALECTS, simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

/** Starts the app and puts the agent Not ready (the logon is refused as "already logged on" if an
 *  earlier test left the agent on: either way on). */
async function startNotReady(app: AppController): Promise<void> {
  await app.start();
  await until(app, 'connected', (s) => s.core.connection.status === 'connected');
  await app.handle('logon', {});
  await app.handle('notReady', { reason: 1 });
  await until(app, 'not ready', (s) => s.core.agent.state === 'notReady');
}

for (const dialect of DIALECTS)
  describe(`app core (${dialect} dialect)`, () => {
    let sim: Simulator;
    let current: Rig | undefined;
    before(async () => {
      sim = await simulator({ config: { dialect } });
    });
    after(() => sim.stop());
    afterEach(async () => {
      await current?.app.stop();
      current = undefined;
    });
    const server = () => ({ ...defaultSettings().server, endpoints: [sim.endpoints[0]!] });

    test('with no server configured: the built-in simulator, in demo mode, and it says so', async () => {
      current = rig({}, null);
      await current.app.start();
      const s = await until(current.app, 'connected to the demo', (st) => st.core.connection.status === 'connected');
      assert.equal(s.demo.active, true);
      assert.equal(s.demo.controlUrl, undefined, 'no control port in the desktop demo');
      assert.match(s.core.connection.endpoint ?? '', /^ws:\/\/127\.0\.0\.1:/);
      assert.equal(s.settings.hasPassword, false, 'the demo password is not stored');
    });

    test('a day on the phone: log on, ready, a call rings (notified, brought to front), answer, hold, retrieve, hang up', async () => {
      current = rig({ server: server() });
      const { app, platform } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      assert.deepEqual(await app.handle('logon', {}), { ok: true, result: 1 });
      await app.handle('ready', {});
      await until(app, 'ready', (s) => s.core.agent.state === 'ready');
      const { c1 } = sim.inbound({ from: '01012345678', to: '401', uui: 'cust=1' });
      await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
      await waitFor(() => platform.effects.some((e) => e.type === 'notify'));
      assert.deepEqual(
        platform.effects.filter((e) => e.type === 'notify' || e.type === 'bring-to-front').map((e) => e.type),
        ['notify', 'bring-to-front'],
      );
      assert.deepEqual(await app.handle('answer', { c1 }), { ok: true, result: 1 });
      await app.handle('hold', { c1 });
      await until(app, 'held', (s) => s.core.calls[c1]?.phase === 'held');
      await app.handle('retrieve', { c1 });
      await until(app, 'retrieved', (s) => s.core.calls[c1]?.phase === 'connected');
      await app.handle('hangup', { c1 });
      await until(app, 'no call', (s) => Object.keys(s.core.calls).length === 0);
      await app.handle('logoff', { reason: 0 });
    });

    test('consult and complete the transfer, naming the held party from the held call', async () => {
      current = rig({ server: server() });
      const { app } = current;
      const callee = await guideClient(sim.endpoints[0]!, '1003');
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      const { c1 } = sim.inbound({ from: '01077778888', to: '1001' });
      await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
      await app.handle('answer', { c1 });
      await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
      assert.equal((await app.handle('consult', { c1, number: '10 03', mode: 'transfer' })).ok, true);
      const ring = await callee.waitEvent(4);
      const c2 = Number(ring.call?.c1);
      await callee.request({ fname: 'answer', this: '1003', c1: String(c2) });
      await until(app, 'consult connected', (s) => s.core.calls[c2]?.phase === 'connected');
      assert.deepEqual(await app.handle('transfer', { activeC1: c2, heldC1: c1 }), { ok: true, result: 1 });
      await until(app, 'transferred away', (s) => Object.keys(s.core.calls).length === 0);
      assert.deepEqual(
        sim
          .state()
          .calls.find((k) => k.c1 === c1)
          ?.parties.map((p) => p.device)
          .sort(),
        ['01077778888', '1003'],
      );
      sim.hangup(c1);
      await callee.close();
    });

    test('next state after the call is applied when the call ends; auto-answer answers by itself', async () => {
      current = rig({ server: server(), autoAnswer: { enabled: true, afterSeconds: 0 } });
      const { app } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      await app.handle('logon', {});
      await app.handle('ready', {});
      await app.handle('setNextState', { next: { state: 'notReady', reason: 2 } });
      assert.deepEqual(app.getState().nextState, { state: 'notReady', reason: 2 });
      const { c1 } = sim.inbound({ from: '01011112222', to: '401' });
      await until(app, 'auto-answered', (s) => s.core.calls[c1]?.phase === 'connected');
      sim.hangup(c1);
      const s = await until(
        app,
        'not ready 2 after the call',
        (st) => st.core.agent.state === 'notReady' && st.core.agent.reason === 2,
      );
      assert.equal(s.nextState, null, 'applied once');
      await app.handle('logoff', { reason: 0 });
    });

    test('finished calls go to the history: a missed one counts until seen, an answered one with its talk time', async () => {
      current = rig({ server: server() });
      const { app } = current;
      await startNotReady(app);
      const missed = sim.inbound({ from: '01011110000', to: '1001' });
      await until(app, 'ringing', (s) => s.core.calls[missed.c1]?.phase === 'ringing');
      sim.hangup(missed.c1);
      let s = await until(app, 'missed recorded', (st) => st.history.unseenMissed === 1);
      assert.equal(s.history.recent[0]!.number, '01011110000');
      assert.equal(s.history.recent[0]!.missed, true);
      const talked = sim.inbound({ from: '01022220000', to: '1001' });
      await until(app, 'ringing', (st) => st.core.calls[talked.c1]?.phase === 'ringing');
      await app.handle('answer', { c1: talked.c1 });
      await until(app, 'talking', (st) => st.core.calls[talked.c1]?.phase === 'connected');
      await app.handle('hangup', { c1: talked.c1 });
      s = await until(app, 'answered recorded', (st) => st.history.recent.length === 2);
      assert.deepEqual([s.history.recent[0]!.number, s.history.recent[0]!.missed], ['01022220000', false]);
      assert.equal(s.today.handled, 1);
      assert.equal(s.today.missed, 1);
      assert.ok(
        (s.today.stateSeconds.notReady ?? 0) > 0,
        `the time Not ready so far is counted: ${JSON.stringify(s.today.stateSeconds)}`,
      );
      await app.handle('markHistorySeen', {});
      assert.equal(app.getState().history.unseenMissed, 0);
      await app.handle('clearHistory', {});
      assert.deepEqual(app.getState().history.recent, []);
    });

    test('a call that ended during an outage: shown unconfirmed without blocking Call or Log off, gone by itself after the grace period, or dismissed', async () => {
      const clock = new FakeClock();
      current = rig({ server: server() }, 'cube123', clock);
      const { app } = current;
      await startNotReady(app);
      const talk = async (from: string) => {
        const { c1 } = sim.inbound({ from, to: '1001' });
        await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
        await app.handle('answer', { c1 });
        await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
        return c1;
      };
      /** The link goes silent, the caller hangs up meanwhile, the link comes back. */
      const outage = async (c1: number) => {
        await sim.fault({ kind: 'silence', ms: 1200 });
        sim.hangup(c1);
        return until(
          app,
          'back, the call unconfirmed',
          (s) => s.core.connection.status === 'connected' && s.core.calls[c1]?.unconfirmed === true,
        );
      };

      const first = await talk('01033330001');
      const back = await outage(first);
      const actions = availableActions(back);
      assert.deepEqual([actions.dial, actions.logoff, actions.calls[first]?.dismiss], [true, true, true]);
      clock.advance(59_999);
      assert.ok(app.getState().core.calls[first], 'kept during the grace period');
      clock.advance(1);
      assert.equal(app.getState().core.calls[first], undefined, 'gone after 60 s with no event');
      assert.equal(app.getState().history.recent[0]?.number, '01033330001');

      const second = await talk('01033330002');
      await outage(second);
      assert.deepEqual(await app.handle('dismissCall', { c1: second }), { ok: true, result: 1 });
      assert.equal(app.getState().core.calls[second], undefined, 'dismissed at once');
      const third = await talk('01033330003');
      const refused = await app.handle('dismissCall', { c1: third });
      assert.ok(!refused.ok && /hang up/.test(refused.message.en), 'a confirmed call is not dismissed');
      await app.handle('hangup', { c1: third });
      await app.handle('logoff', { reason: 0 });
    });

    test('click-to-dial: a tel: link is offered first (the default), dialled with the trunk prefix on OK; a bad link is told', async () => {
      current = rig({
        server: server(),
        dialing: { ...defaultSettings().dialing, trunkPrefix: '9', confirmClickToDial: true },
      });
      const { app, platform } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      await app.clickToDial('tel:+82-2-1234-5678');
      assert.deepEqual(app.getState().pendingDial, { number: '90212345678' });
      assert.ok(platform.effects.some((e) => e.type === 'bring-to-front'));
      assert.equal(Object.keys(app.getState().core.calls).length, 0, 'nothing dialled before the OK');
      assert.equal((await app.handle('confirmPendingDial', {})).ok, true);
      const s = await until(app, 'dialling', (st) => Object.values(st.core.calls).some((c) => c.placedByMe));
      assert.equal(s.pendingDial, undefined);
      assert.equal(Object.values(s.core.calls)[0]!.party, '90212345678');
      await app.handle('hangup', { c1: Object.values(s.core.calls)[0]!.c1 });
      await app.clickToDial('callto:call-me-maybe');
      assert.match(app.getState().notice?.message.en ?? '', /only digits/);
      await app.clickToDial('tel:1002');
      await app.handle('cancelPendingDial', {});
      assert.equal(app.getState().pendingDial, undefined);
    });

    test('shortcuts mean what the moment needs: answer the ringing call, hold and retrieve, hang up, ready / not ready', async () => {
      current = rig({ server: server() });
      const { app, platform } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      await app.handle('logon', {});
      await app.handle('shortcut', { action: 'readyToggle' });
      await until(app, 'ready', (s) => s.core.agent.state === 'ready');
      assert.equal((await app.handle('shortcut', { action: 'answer' })).ok, false, 'nothing rings');
      const { c1 } = sim.inbound({ from: '01044445555', to: '1001' });
      await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
      await app.handle('shortcut', { action: 'answer' });
      await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
      await app.handle('shortcut', { action: 'holdToggle' });
      await until(app, 'held', (s) => s.core.calls[c1]?.phase === 'held');
      await app.handle('shortcut', { action: 'holdToggle' });
      await until(app, 'retrieved', (s) => s.core.calls[c1]?.phase === 'connected');
      await app.handle('shortcut', { action: 'hangup' });
      await until(app, 'gone', (s) => !s.core.calls[c1]);
      await app.handle('shortcut', { action: 'readyToggle' });
      await until(app, 'not ready', (s) => s.core.agent.state === 'notReady');
      await app.handle('shortcut', { action: 'show' });
      assert.ok(platform.effects.some((e) => e.type === 'bring-to-front'));
      app.reportShortcutClashes(['CommandOrControl+Alt+A']);
      assert.match(app.getState().notice?.message.en ?? '', /taken by another app.*Alt\+A/);
      await app.handle('logoff', { reason: 0 });
    });

    test('click-to-dial without confirmation dials at once', async () => {
      current = rig({
        server: server(),
        dialing: { ...defaultSettings().dialing, trunkPrefix: '', confirmClickToDial: false },
      });
      const { app } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      await app.clickToDial('tel:1002');
      const s = await until(app, 'dialling 1002', (st) => Object.values(st.core.calls).some((c) => c.party === '1002'));
      await app.handle('hangup', { c1: Object.values(s.core.calls)[0]!.c1 });
    });

    test('dial validates the number, redial repeats it, refusals come back in plain words', async () => {
      current = rig({ server: server() });
      const { app } = current;
      await app.start();
      await until(app, 'connected', (s) => s.core.connection.status === 'connected');
      const bad = await app.handle('dial', { number: 'call mom' });
      assert.ok(!bad.ok && bad.kind === 'invalid');
      assert.match(bad.message.en, /only digits/);
      assert.equal((await app.handle('redial', {})).ok, false, 'nothing to redial yet');
      assert.equal((await app.handle('dial', { number: '+82 2-1234-5678' })).ok, true);
      const s = await until(app, 'dialing', (st) => Object.values(st.core.calls).some((c) => c.placedByMe));
      assert.equal(s.lastDialed, '0212345678');
      const c1 = Object.values(s.core.calls)[0]!.c1;
      await app.handle('hangup', { c1 });
      await until(app, 'idle', (st) => Object.keys(st.core.calls).length === 0);
      assert.equal((await app.handle('redial', {})).ok, true);
      const again = await until(app, 'redialled', (st) => Object.keys(st.core.calls).length === 1);
      await app.handle('hangup', { c1: Object.values(again.core.calls)[0]!.c1 });
      const refused = await app.handle('retrieve', { c1: 999 });
      assert.ok(!refused.ok);
      assert.ok(app.getState().core.lastError);
      await app.handle('dismissError', {});
      assert.equal(app.getState().core.lastError, undefined);
    });

    test('settings: refused values come back per field with words; good ones are kept on disk and applied', async () => {
      current = rig({ server: server() });
      const { app, store } = current;
      await app.start();
      const bad = await app.handle('saveSettings', {
        settings: {
          ...defaultSettings(),
          agent: { ...defaultSettings().agent, group: 0 },
          server: { ...server(), endpoints: ['http://nope'] },
        },
      });
      assert.ok(!bad.ok);
      assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['agent.group', 'server.endpoints.0']);
      assert.ok(bad.errors.every((e) => e.message.ko && e.message.en));
      const badPop = await app.handle('saveSettings', {
        settings: {
          ...defaultSettings(),
          server: server(),
          screenPop: { ...defaultSettings().screenPop, enabled: true, template: 'javascript:alert(1)' },
        },
      });
      assert.ok(!badPop.ok && badPop.errors[0]?.field === 'screenPop.template');
      const good = { ...defaultSettings(), server: server(), ui: { ...defaultSettings().ui, language: 'ko' as const } };
      const saved = await app.handle('saveSettings', { settings: good });
      assert.ok(saved.ok);
      assert.deepEqual(new FileSettingsStore(store.path).load(), good, 'kept on disk');
      assert.equal(app.getState().settings.settings.ui.language, 'ko');
    });

    test('password: empty refused; set, it is never in the state or the settings file', async () => {
      current = rig({ server: server() }, null);
      const { app, store } = current;
      await app.start();
      const empty = await app.handle('setPassword', { password: '' });
      assert.ok(!empty.ok && empty.reason === 'empty');
      const set = await app.handle('setPassword', { password: 'cube123' });
      assert.ok(set.ok && set.view.hasPassword);
      await until(app, 'connected with the new password', (s) => s.core.connection.status === 'connected');
      assert.ok(!readFileSync(store.path, 'utf8').includes('cube123'));
      assert.ok(!JSON.stringify(app.getState()).includes('cube123'));
      const diagnostics = await app.handle('copyDiagnostics', {});
      assert.ok(diagnostics.text.includes('"fname":"login"'), 'the login is in the frames log');
      assert.ok(!diagnostics.text.includes('cube123'), 'but not the password');
      assert.ok(!current.logs.some((line) => line.includes('cube123')), 'nor in the app log');
    });

    test('settings from a newer version: the app runs read-only on them, says so in the toolbar and the log, and never writes the file', async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'cti-app-')), 'settings.json');
      const text = JSON.stringify({ ...defaultSettings(), version: 99, server: server() });
      writeFileSync(path, text);
      const logs: string[] = [];
      const app = new AppController({
        settings: new FileSettingsStore(path),
        secrets: new MemorySecretStore(),
        platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
        version: 'test',
        log: (level, message) => logs.push(`${level} ${message}`),
      });
      const state = app.getState();
      assert.deepEqual(state.settings.settings.server.endpoints, server().endpoints, "the newer file's server is used");
      assert.equal(state.settings.readOnly, true);
      assert.equal(state.settings.problem?.kind, 'newer');
      assert.match(state.notice?.message.en ?? '', /newer version of the toolbar.*read-only/);
      assert.match(state.notice?.message.ko ?? '', /읽기 전용/);
      assert.ok(
        logs.some((line) => line.startsWith('warn ') && line.includes(path) && line.includes('newer')),
        logs.join('\n'),
      );
      const saved = await app.handle('saveSettings', { settings: { ...defaultSettings(), server: server() } });
      assert.ok(!saved.ok);
      assert.equal(saved.errors[0]?.rule, 'read-only');
      assert.match(saved.errors[0]?.message.en ?? '', /cannot be saved/);
      assert.equal(readFileSync(path, 'utf8'), text, 'the file is untouched');
    });

    test('a corrupt settings file: the defaults, the toolbar says where the old file was kept, and the log says why', () => {
      const path = join(mkdtempSync(join(tmpdir(), 'cti-app-')), 'settings.json');
      writeFileSync(path, '{"version": 2, "server": ');
      const logs: string[] = [];
      const app = new AppController({
        settings: new FileSettingsStore(path, () => 77),
        secrets: new MemorySecretStore(),
        platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
        version: 'test',
        log: (level, message) => logs.push(`${level} ${message}`),
      });
      const state = app.getState();
      assert.equal(state.settings.readOnly, false);
      assert.equal(state.settings.problem?.kind, 'corrupt');
      assert.ok(state.notice?.message.en.includes(`${path}.corrupt-77`));
      assert.ok(
        logs.some(
          (line) => line.startsWith('warn ') && line.includes('corrupt') && line.includes(`${path}.corrupt-77`),
        ),
        logs.join('\n'),
      );
    });
  });
