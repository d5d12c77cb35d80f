// The organisation's policy as the agent meets it in the app core: the server pair and CRM
// template an admin locked cannot be changed from the toolbar, a policy that cannot be read is
// told and not half-applied, and a policy changed while the app runs is applied at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { SettingsService } from '../../../src-main/node/app/settings-service.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PolicyFile } from '../../../src-main/node/settings/policy.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { waitFor } from '../helpers/raw-client.ts';

const PAIR = ['wss://cti-a.example.com:8877', 'wss://cti-b.example.com:8877'];
const CRM = 'https://crm.example.com/search?ani={ani}';
const LOCKED_POLICY = { version: 1, defaults: { server: { endpoints: PAIR }, screenPop: { enabled: true, template: CRM }, ui: { theme: 'dark' } }, locked: ['server.endpoints', 'screenPop.template'] };

function machine(policy?: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'cti-policy-app-'));
  const policyPath = join(dir, 'policy.json');
  if (policy !== undefined) writeFileSync(policyPath, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return { dir, policyPath, settingsPath: join(dir, 'settings.json'), policyFile: new PolicyFile(policyPath, 20) };
}

function controller(policy?: unknown) {
  const m = machine(policy);
  const logs: string[] = [];
  const app = new AppController({
    settings: new FileSettingsStore(m.settingsPath),
    secrets: new MemorySecretStore(),
    policy: m.policyFile,
    platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
    version: 'test',
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  return { ...m, app, logs };
}

test('a locked screen-pop template and server pair: shown, marked locked, and the agent cannot change them', async () => {
  const { app, settingsPath, policyFile } = controller(LOCKED_POLICY);
  const view = app.getState().settings;
  assert.deepEqual(view.settings.server.endpoints, PAIR);
  assert.equal(view.settings.screenPop.template, CRM);
  assert.deepEqual(view.locked, ['server.endpoints', 'screenPop.template']);

  const mine = { ...view.settings, screenPop: { ...view.settings.screenPop, template: 'https://mine.example.com/?q={ani}' }, server: { ...view.settings.server, endpoints: [] } };
  const refused = await app.handle('saveSettings', { settings: mine });
  assert.ok(!refused.ok);
  assert.deepEqual(refused.errors.map((e) => [e.field, e.rule]), [['server.endpoints', 'locked'], ['screenPop.template', 'locked']]);
  assert.deepEqual(refused.errors[1]?.message, { ko: '조직에서 설정한 값입니다.', en: 'Set by your organisation.' });
  assert.equal(app.getState().settings.settings.screenPop.template, CRM);
  assert.throws(() => readFileSync(settingsPath), /ENOENT/, 'nothing saved');
  policyFile.close();
});

test('the agent saves other fields under a policy: kept, and policy defaults stay the policy\'s', () => {
  const m = machine(LOCKED_POLICY);
  const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), { policy: m.policyFile });
  const shown = service.current;
  const saved = service.save({ ...shown, agent: { ...shown.agent, group: 402 }, ui: { ...shown.ui, alwaysOnTop: false } });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.view.settings.agent.group, 402);
  assert.deepEqual(saved.view.settings.server.endpoints, PAIR);
  assert.equal(saved.view.settings.ui.theme, 'dark');
  const onDisk = JSON.parse(readFileSync(m.settingsPath, 'utf8'));
  assert.equal(onDisk.agent.group, 402);
  assert.deepEqual(onDisk.server.endpoints, [], 'the locked pair is the policy\'s, not written as the agent\'s');
  assert.equal(onDisk.ui.theme, 'system', 'the policy default is not copied into the agent\'s file');
  service.stop();
});

test('an invalid policy is refused whole, logged with field and rule, and the agent is told in both languages', () => {
  const { app, logs, policyFile } = controller({ ...LOCKED_POLICY, defaults: { ...LOCKED_POLICY.defaults, agent: { group: 0 } } });
  const state = app.getState();
  assert.deepEqual(state.settings.settings.server.endpoints, [], 'the good parts are not applied either');
  assert.equal(state.settings.settings.screenPop.template, '');
  assert.deepEqual(state.settings.locked, []);
  assert.match(state.notice?.message.en ?? '', /organisation's settings could not be read/);
  assert.match(state.notice?.message.ko ?? '', /조직의 설정을 읽을 수 없습니다/);
  assert.deepEqual(state.settings.policyProblem, state.notice?.message);
  assert.ok(logs.some((l) => /^warn policy file .*policy\.json refused: defaults\.agent\.group: range$/.test(l)), logs.join('\n'));
  policyFile.close();
});

test('a policy changed while running is applied; a bad one later is told and the last good one stays', async () => {
  const m = machine({ version: 1, defaults: { ui: { theme: 'dark' } } });
  const told: string[] = [];
  let applied = 0;
  const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
    policy: m.policyFile,
    tell: (message) => told.push(message.en),
    applied: () => applied++,
  });
  assert.equal(service.current.ui.theme, 'dark');
  assert.equal(service.current.screenPop.template, '');

  // As an admin's tool would: written beside and renamed into place.
  writeFileSync(`${m.policyPath}.tmp`, JSON.stringify(LOCKED_POLICY));
  renameSync(`${m.policyPath}.tmp`, m.policyPath);
  await waitFor(() => (service.current.screenPop.template === CRM ? true : undefined), 5000, 'the new policy applied');
  assert.deepEqual(service.view().locked, ['server.endpoints', 'screenPop.template']);
  assert.ok(applied >= 1, 'the app core was asked to apply the settings');
  assert.ok(!service.save({ ...service.current, screenPop: { ...service.current.screenPop, template: '' } }).ok, 'the new lock holds');

  writeFileSync(m.policyPath, '{"version": 1, "locked": [');
  await waitFor(() => (told.length > 0 ? true : undefined), 5000, 'the bad policy told');
  assert.match(told[0] ?? '', /could not be read/);
  assert.equal(service.current.screenPop.template, CRM, 'the last good policy stays in force');
  assert.deepEqual(service.view().locked, ['server.endpoints', 'screenPop.template']);

  rmSync(m.policyPath);
  await waitFor(() => (service.current.screenPop.template === '' ? true : undefined), 5000, 'the removed policy lifted');
  assert.deepEqual(service.view().locked, [], 'policy removed: nothing locked');
  assert.equal(service.view().policyProblem, undefined);
  service.stop();
});

test('no policy file: the agent\'s own settings, nothing locked, nothing told', () => {
  const { app, policyFile } = controller();
  assert.deepEqual(app.getState().settings.settings, defaultSettings());
  assert.deepEqual(app.getState().settings.locked, []);
  assert.equal(app.getState().notice, undefined);
  policyFile.close();
});

test('the running app applies a changed policy: the toolbar is pushed the new settings and locks', async () => {
  const { app, policyPath, policyFile } = controller({ version: 1 });
  await app.start();
  const pushed: string[][] = [];
  const off = app.onState((state) => pushed.push(state.settings.locked ?? []));
  writeFileSync(policyPath, JSON.stringify({ version: 1, defaults: { ui: { alwaysOnTop: false }, screenPop: { template: CRM } }, locked: ['screenPop.template'] }));
  await waitFor(() => (pushed.some((locked) => locked.includes('screenPop.template')) ? true : undefined), 5000, 'the new locks pushed');
  assert.equal(app.getState().settings.settings.screenPop.template, CRM);
  assert.equal(app.getState().settings.settings.ui.alwaysOnTop, false);
  off();
  policyFile.close();
  await app.stop();
});

test('a policy cannot lock in a screen-pop template the agent could not save (javascript:): refused whole', () => {
  const { app, logs, policyFile } = controller({ ...LOCKED_POLICY, defaults: { ...LOCKED_POLICY.defaults, screenPop: { enabled: true, template: 'javascript:alert({ani})' } } });
  assert.equal(app.getState().settings.settings.screenPop.template, '');
  assert.deepEqual(app.getState().settings.settings.server.endpoints, [], 'the rest of it is not applied either');
  assert.match(app.getState().notice?.message.en ?? '', /could not be read/);
  assert.ok(logs.some((l) => /refused: defaults\.screenPop\.template: template$/.test(l)), logs.join('\n'));
  policyFile.close();
});
