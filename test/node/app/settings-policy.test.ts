// The organisation's policy as the agent meets it in the app core: the server pair and CRM
// template an admin locked cannot be changed from the toolbar, a policy that cannot be read is
// told and not half-applied, and a policy changed while the app runs is applied at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { SettingsService } from '../../../src-main/node/app/settings/settings-service.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import {
  checkPolicy,
  PolicyFile,
  resolveIdentity,
  withIdentity,
  type PolicyChecks,
} from '../../../src-main/node/settings/managed-policy.ts';
import { posixPolicyRefusal } from '../../../src-main/node/settings/policy-place.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { AppControllerDeps } from '../../../src-main/node/app/ports.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { waitFor } from '../helpers/raw-client.ts';

const PAIR = ['wss://cti-a.example.com:8877', 'wss://cti-b.example.com:8877'];
const CRM = 'https://crm.example.com/search?ani={ani}';
const LOCKED_POLICY = {
  version: 1,
  defaults: { server: { endpoints: PAIR }, screenPop: { enabled: true, template: CRM }, ui: { theme: 'dark' } },
  locked: ['server.endpoints', 'screenPop.template'],
};

function machine(policy?: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'cti-policy-app-'));
  const policyPath = join(dir, 'policy.json');
  if (policy !== undefined) writeFileSync(policyPath, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return { dir, policyPath, settingsPath: join(dir, 'settings.json'), policyFile: new PolicyFile(policyPath, 20) };
}

async function controller(policy?: unknown, extra: Partial<AppControllerDeps> = {}) {
  const m = machine(policy);
  const logs: string[] = [];
  const app = new AppController({
    settings: new FileSettingsStore(m.settingsPath),
    secrets: new MemorySecretStore(),
    policy: m.policyFile,
    platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
    version: 'test',
    log: (level, message) => logs.push(`${level} ${message}`),
    ...extra,
  });
  await app.settingsSettled();
  return { ...m, app, logs };
}

test('a locked screen-pop template and server pair: shown, marked locked, and the agent cannot change them', async () => {
  const { app, settingsPath, policyFile } = await controller(LOCKED_POLICY);
  const view = app.getState().settings;
  assert.deepEqual(view.settings.server.endpoints, PAIR);
  assert.equal(view.settings.screenPop.template, CRM);
  assert.deepEqual(view.locked, ['server.endpoints', 'screenPop.template']);

  const mine = {
    ...view.settings,
    screenPop: { ...view.settings.screenPop, template: 'https://mine.example.com/?q={ani}' },
    server: { ...view.settings.server, endpoints: [] },
  };
  const refused = await app.handle('saveSettings', { settings: mine });
  assert.ok(!refused.ok);
  assert.deepEqual(
    refused.errors.map((e) => [e.field, e.rule]),
    [
      ['server.endpoints', 'locked'],
      ['screenPop.template', 'locked'],
    ],
  );
  assert.deepEqual(refused.errors[1]?.message, { ko: '조직에서 설정한 값입니다.', en: 'Set by your organisation.' });
  assert.equal(app.getState().settings.settings.screenPop.template, CRM);
  assert.throws(() => readFileSync(settingsPath), /ENOENT/, 'nothing saved');
  policyFile.close();
});

test("the agent saves other fields under a policy: kept, and policy defaults stay the policy's", async () => {
  const m = machine(LOCKED_POLICY);
  const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
    policy: m.policyFile,
  });
  await service.settled();
  const shown = service.current;
  const saved = service.save({
    ...shown,
    agent: { ...shown.agent, group: 402 },
    ui: { ...shown.ui, alwaysOnTop: false },
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.view.settings.agent.group, 402);
  assert.deepEqual(saved.view.settings.server.endpoints, PAIR);
  assert.equal(saved.view.settings.ui.theme, 'dark');
  const onDisk = JSON.parse(readFileSync(m.settingsPath, 'utf8'));
  assert.equal(onDisk.agent.group, 402);
  assert.deepEqual(onDisk.server.endpoints, [], "the locked pair is the policy's, not written as the agent's");
  assert.equal(onDisk.ui.theme, 'system', "the policy default is not copied into the agent's file");
  service.stop();
});

test("while the policy's check is still running (a slow PowerShell), the agent's own settings show and a save waits for it: a locked field is still refused", async (t) => {
  const m = machine(LOCKED_POLICY);
  let answer: (why: string | undefined) => void = () => undefined;
  const checking = new Promise<string | undefined>((resolve) => (answer = resolve));
  const policyFile = new PolicyFile({ path: m.policyPath, refusal: () => checking }, 20);
  const app = new AppController({
    settings: new FileSettingsStore(m.settingsPath),
    secrets: new MemorySecretStore(),
    policy: policyFile,
    platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
    version: 'test',
  });
  t.after(async () => {
    answer(undefined);
    await app.stop();
    policyFile.close();
  });
  const before = app.getState().settings;
  assert.deepEqual(before.locked, [], 'not yet: the check has not answered');
  const mine = {
    ...before.settings,
    screenPop: { ...before.settings.screenPop, template: 'https://mine.example.com/?q={ani}' },
  };
  let answered = false;
  const saving = app.handle('saveSettings', { settings: mine }).finally(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(answered, false, 'the save waits for the check');
  answer(undefined);
  const saved = await saving;
  assert.ok(!saved.ok);
  assert.deepEqual(
    saved.errors.map((e) => [e.field, e.rule]),
    [
      ['server.endpoints', 'locked'],
      ['screenPop.template', 'locked'],
    ],
  );
  assert.deepEqual(app.getState().settings.locked, ['server.endpoints', 'screenPop.template']);
  assert.throws(() => readFileSync(m.settingsPath), /ENOENT/, 'nothing saved');
});

test('an invalid policy is refused whole, logged with field and rule, and the agent is told in both languages', async () => {
  const { app, logs, policyFile } = await controller({
    ...LOCKED_POLICY,
    defaults: { ...LOCKED_POLICY.defaults, agent: { group: 0 } },
  });
  const state = app.getState();
  assert.deepEqual(state.settings.settings.server.endpoints, [], 'the good parts are not applied either');
  assert.equal(state.settings.settings.screenPop.template, '');
  assert.deepEqual(state.settings.locked, []);
  assert.match(state.notice?.message.en ?? '', /organisation's settings could not be read/);
  assert.match(state.notice?.message.ko ?? '', /조직의 설정을 읽을 수 없습니다/);
  assert.deepEqual(state.settings.policyProblem, state.notice?.message);
  assert.ok(
    logs.some((l) => /^warn policy file .*policy\.json refused: defaults\.agent\.group: range$/.test(l)),
    logs.join('\n'),
  );
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
  await service.settled();
  assert.equal(service.current.ui.theme, 'dark');
  assert.equal(service.current.screenPop.template, '');

  // As an admin's tool would: written beside and renamed into place.
  writeFileSync(`${m.policyPath}.tmp`, JSON.stringify(LOCKED_POLICY));
  renameSync(`${m.policyPath}.tmp`, m.policyPath);
  await waitFor(() => (service.current.screenPop.template === CRM ? true : undefined), 5000, 'the new policy applied');
  assert.deepEqual(service.view().locked, ['server.endpoints', 'screenPop.template']);
  assert.ok(applied >= 1, 'the app core was asked to apply the settings');
  assert.ok(
    !service.save({ ...service.current, screenPop: { ...service.current.screenPop, template: '' } }).ok,
    'the new lock holds',
  );

  writeFileSync(m.policyPath, '{"version": 1, "locked": [');
  await waitFor(() => (told.length > 0 ? true : undefined), 5000, 'the bad policy told');
  assert.match(told[0] ?? '', /could not be read/);
  assert.equal(service.current.screenPop.template, CRM, 'the last good policy stays in force');
  assert.deepEqual(service.view().locked, ['server.endpoints', 'screenPop.template']);

  rmSync(m.policyPath);
  await waitFor(
    () => (service.current.screenPop.template === '' ? true : undefined),
    5000,
    'the removed policy lifted',
  );
  assert.deepEqual(service.view().locked, [], 'policy removed: nothing locked');
  assert.equal(service.view().policyProblem, undefined);
  service.stop();
});

test("no policy file: the agent's own settings, nothing locked, nothing told", async () => {
  const { app, policyFile } = await controller();
  assert.deepEqual(app.getState().settings.settings, defaultSettings());
  assert.deepEqual(app.getState().settings.locked, []);
  assert.equal(app.getState().notice, undefined);
  policyFile.close();
});

test('the running app applies a changed policy: the toolbar is pushed the new settings and locks', async () => {
  const { app, policyPath, policyFile } = await controller({ version: 1 });
  await app.start();
  const pushed: string[][] = [];
  const off = app.onState((state) => pushed.push(state.settings.locked ?? []));
  writeFileSync(
    policyPath,
    JSON.stringify({
      version: 1,
      defaults: { ui: { alwaysOnTop: false }, screenPop: { template: CRM } },
      locked: ['screenPop.template'],
    }),
  );
  await waitFor(
    () => (pushed.some((locked) => locked.includes('screenPop.template')) ? true : undefined),
    5000,
    'the new locks pushed',
  );
  assert.equal(app.getState().settings.settings.screenPop.template, CRM);
  assert.equal(app.getState().settings.settings.ui.alwaysOnTop, false);
  off();
  policyFile.close();
  await app.stop();
});

test('a policy cannot lock in a screen-pop template the agent could not save (javascript:): refused whole', async () => {
  const { app, logs, policyFile } = await controller({
    ...LOCKED_POLICY,
    defaults: { ...LOCKED_POLICY.defaults, screenPop: { enabled: true, template: 'javascript:alert({ani})' } },
  });
  assert.equal(app.getState().settings.settings.screenPop.template, '');
  assert.deepEqual(app.getState().settings.settings.server.endpoints, [], 'the rest of it is not applied either');
  assert.match(app.getState().notice?.message.en ?? '', /could not be read/);
  assert.ok(
    logs.some((l) => /refused: defaults\.screenPop\.template: template$/.test(l)),
    logs.join('\n'),
  );
  policyFile.close();
});

// ---------------------------------------------------------------------------------------------
// Fleet deployment (issue 12): the update server, the identity from the computer's sign-in, and a
// server moved while the agent is on a call.

test('the policy names the update server, channel, switch and check interval; anything but https there is refused whole', async () => {
  const ok = checkPolicy({
    version: 1,
    updates: { url: 'https://updates.example.com/toolbar/', channel: 'beta', enabled: true, checkHours: 12 },
  });
  assert.equal(ok.kind, 'ok');
  assert.deepEqual(ok.kind === 'ok' && ok.policy.updates, {
    url: 'https://updates.example.com/toolbar/',
    channel: 'beta',
    enabled: true,
    checkHours: 12,
  });
  const defaults = checkPolicy({ version: 1, updates: { url: 'https://10.0.0.9/toolbar' } });
  assert.deepEqual(
    defaults.kind === 'ok' && defaults.policy.updates,
    { url: 'https://10.0.0.9/toolbar', channel: 'stable', enabled: true, checkHours: 4 },
    'stable, on, every 4 hours unless said',
  );
  const rules = (raw: unknown, checks: PolicyChecks = {}) => {
    const read = checkPolicy({ version: 1, updates: raw }, checks);
    return read.kind === 'invalid' ? read.errors.map((e) => `${e.field}: ${e.rule}`) : [];
  };
  // The feed carries the installer's sha512: over plain http anyone on the path could swap both.
  assert.deepEqual(rules({ url: 'http://10.0.0.9/toolbar' }), ['updates.url: endpoint'], 'plain http on the network');
  assert.deepEqual(rules({ url: 'http://updates.example.com/toolbar/' }), ['updates.url: endpoint']);
  for (const local of ['http://127.0.0.1:8080/toolbar/', 'http://localhost/toolbar/', 'http://[::1]:9000/']) {
    // An installed app: on a shared machine whoever binds the port first would serve the installer.
    assert.deepEqual(rules({ url: local }), ['updates.url: endpoint'], `installed: no plain http even to ${local}`);
    assert.deepEqual(
      rules({ url: local }, { loopbackHttpUpdates: true }),
      [],
      `a development or test run: loopback ${local}`,
    );
  }
  assert.deepEqual(
    rules({ url: 'http://127.0.0.1.example.com/' }, { loopbackHttpUpdates: true }),
    ['updates.url: endpoint'],
    'a name that only starts like loopback',
  );
  assert.deepEqual(rules({ url: 'file:///share/toolbar/' }), ['updates.url: endpoint']);
  assert.deepEqual(rules({ url: 'ftp://updates.example.com/' }), ['updates.url: endpoint']);
  assert.deepEqual(
    rules({ url: 'https://admin:secret@updates.example.com/' }),
    ['updates.url: endpoint'],
    'no credentials in a machine-wide file',
  );
  assert.deepEqual(rules({ url: 'https://u.example.com/', channel: 'nightly', enabled: 'yes' }), [
    'updates.channel: type',
    'updates.enabled: type',
  ]);
  assert.deepEqual(rules({ url: 'https://u.example.com/', auto: true }), ['updates.auto: unknown']);
  assert.deepEqual(
    rules({ url: 'https://u.example.com/', checkHours: 0.5 }),
    ['updates.checkHours: range'],
    'not more often than hourly',
  );
  assert.deepEqual(
    rules({ url: 'https://u.example.com/', checkHours: 25 }),
    ['updates.checkHours: range'],
    'at least daily',
  );
  assert.deepEqual(rules({ url: 'https://u.example.com/', checkHours: '4' }), ['updates.checkHours: type']);
  assert.deepEqual(rules('https://u.example.com/'), ['updates: type']);
});

test('identity rules: only ${VAR} of the allowed variables, tables of strings; a bad one refuses the policy whole', async () => {
  const rules = (identity: unknown) => {
    const read = checkPolicy({ version: 1, defaults: { ui: { theme: 'dark' } }, identity });
    return read.kind === 'invalid' ? read.errors.map((e) => `${e.field}: ${e.rule}`) : [];
  };
  assert.deepEqual(
    rules({ agentId: '${USERNAME}', device: { from: '${COMPUTERNAME}', table: { 'PC-0012': '3001' } } }),
    [],
  );
  assert.deepEqual(rules({ agentId: '${PATH}' }), ['identity.agentId.from: variable'], 'no other environment variable');
  assert.deepEqual(rules({ agentId: 'agent-$USER' }), ['identity.agentId.from: template']);
  assert.deepEqual(
    rules({ agentId: 'fixed' }),
    ['identity.agentId.from: template'],
    'a fixed value belongs in defaults and locked',
  );
  assert.deepEqual(rules({ device: { from: '${HOSTNAME}', table: { a: 3001 } } }), ['identity.device.table: type']);
  assert.deepEqual(rules({ queue: '${USER}' }), ['identity.queue: unknown']);
});

test('identity from the sign-in: table lookup (case aside), locked; unmapped or unusable left to the agent and logged', async () => {
  const identity = { agentId: '${USERNAME}', device: { from: '${COMPUTERNAME}', table: { 'pc-0012': '3001' } } };
  const read = checkPolicy({ version: 1, identity });
  assert.ok(read.kind === 'ok');
  const mapped = resolveIdentity(read.policy.identity, { USERNAME: 'kim.jiwoo', COMPUTERNAME: 'PC-0012' });
  assert.deepEqual(mapped, {
    values: [
      { path: 'agent.agentId', value: 'kim.jiwoo' },
      { path: 'agent.device', value: '3001' },
    ],
    unmapped: [],
  });
  const applied = withIdentity(read.policy, mapped);
  assert.deepEqual([applied.base.agent.agentId, applied.base.agent.device], ['kim.jiwoo', '3001']);
  assert.deepEqual(applied.locked, ['agent.agentId', 'agent.device']);

  const unmapped = resolveIdentity(read.policy.identity, { COMPUTERNAME: 'PC-0099' });
  assert.deepEqual(unmapped.values, []);
  assert.deepEqual(unmapped.unmapped, [
    { path: 'agent.agentId', why: 'USERNAME not set' },
    { path: 'agent.device', why: "PC-0099 is not in the policy's table" },
  ]);
  const raw = resolveIdentity({ device: { from: '${HOSTNAME}' } }, { HOSTNAME: 'desk-12' });
  assert.deepEqual(
    raw.unmapped,
    [{ path: 'agent.device', why: '"desk-12" refused (device)' }],
    'a host name is no extension: not used',
  );
});

test('the app core: the mapped agent id and extension are shown locked; the agent cannot change them; unmapped logged', async () => {
  const m = machine({
    version: 1,
    identity: { agentId: '${USER}', device: { from: '${HOSTNAME}', table: { 'desk-12': '3001' } } },
  });
  const logs: string[] = [];
  const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
    policy: m.policyFile,
    identityNames: { USER: 'lee', HOSTNAME: 'DESK-12' },
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  await service.settled();
  assert.deepEqual([service.current.agent.agentId, service.current.agent.device], ['lee', '3001']);
  assert.deepEqual(service.view().locked, ['agent.agentId', 'agent.device']);
  const refused = service.save({ ...service.current, agent: { ...service.current.agent, device: '1001' } });
  assert.ok(!refused.ok);
  assert.deepEqual(
    refused.errors.map((e) => [e.field, e.rule]),
    [['agent.device', 'locked']],
  );
  service.stop();

  const other = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
    policy: m.policyFile,
    identityNames: { USER: 'lee', HOSTNAME: 'desk-99' },
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  await other.settled();
  assert.equal(
    other.current.agent.device,
    defaultSettings().agent.device,
    "not in the table: the agent's own extension",
  );
  assert.deepEqual(other.view().locked, ['agent.agentId']);
  assert.ok(
    logs.includes("warn policy identity: agent.device left to the agent: desk-99 is not in the policy's table"),
    logs.join('\n'),
  );
  assert.ok(
    other.save({ ...other.current, agent: { ...other.current.agent, device: '1005' } }).ok,
    'the agent sets it',
  );
  other.stop();
});

test("the identity comes from the OS's sign-in, not from USERNAME or COMPUTERNAME, which whoever starts the app sets", async () => {
  const m = machine({ version: 1, identity: { agentId: '${USERNAME}' } });
  const saved = { USERNAME: process.env.USERNAME, USER: process.env.USER };
  process.env.USERNAME = 'mallory';
  process.env.USER = 'mallory';
  try {
    const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
      policy: m.policyFile,
    });
    await service.settled();
    assert.equal(service.current.agent.agentId, userInfo().username, 'the account the app runs as');
    service.stop();
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
});

test('a policy file someone other than root can change is not read: the agent is told, the log says why, nothing of it applies', async () => {
  const m = machine(LOCKED_POLICY);
  chmodSync(m.dir, 0o755);
  chownSync(m.policyPath, 65534, 65534); // nobody's file
  const logs: string[] = [];
  const policy = new PolicyFile({ path: m.policyPath, refusal: async () => posixPolicyRefusal(m.policyPath) }, 20);
  const service = new SettingsService(new FileSettingsStore(m.settingsPath), new MemorySecretStore(), {
    policy,
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  await service.settled();
  assert.deepEqual(service.view().locked, [], 'no lock of it applies');
  assert.deepEqual(service.current.server.endpoints, defaultSettings().server.endpoints);
  assert.match(service.view().policyProblem?.en ?? '', /people other than administrators can change the file/);
  assert.match(service.view().policyProblem?.ko ?? '', /관리자가 아닌 사용자/);
  assert.match(
    service.loadProblem()?.log ?? '',
    new RegExp(
      `policy file ${m.policyPath} refused, not read: the policy file ${m.policyPath} is owned by uid 65534, not root`,
    ),
  );
  service.stop();
  policy.close();
});

test('stopping the app core stops watching the policy file', async () => {
  const { app, policyPath, policyFile } = await controller({ version: 1 });
  await app.start();
  await app.stop();
  const before = JSON.stringify(app.getState().settings);
  writeFileSync(policyPath, JSON.stringify({ version: 1, defaults: { ui: { theme: 'dark' } } }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(JSON.stringify(app.getState().settings), before, 'a stopped app does not follow the policy');
  policyFile.close();
});

test('a policy moving the server during a call: the call goes on, the agent is told, the switch comes when it ends', async () => {
  const [first, second] = [await simulator(), await simulator()];
  const policyAt = (sim: Simulator) => ({
    version: 1,
    defaults: { server: { endpoints: [sim.endpoints[0]!] } },
    locked: ['server.endpoints'],
  });
  const secrets = new MemorySecretStore();
  secrets.setPassword('cube123');
  const { app, policyPath, policyFile } = await controller(policyAt(first), {
    secrets,
    session: { requestTimeoutMs: 1000, heartbeatMs: 300, backoff: { baseMs: 50, capMs: 300 } },
  });
  try {
    await app.start();
    const core = () => app.getState().core;
    await waitFor(
      () => (core().connection.status === 'connected' ? true : undefined),
      8000,
      'connected to the first server',
    );
    assert.ok((await app.handle('logon', {})).ok !== false);
    await waitFor(() => (core().agent.state !== 'loggedOff' ? true : undefined), 8000, 'logged on');
    const { c1 } = first.inbound({ from: '01055512345', to: '1001' });
    await waitFor(() => (Object.keys(core().calls).length > 0 ? true : undefined), 8000, 'ringing');

    writeFileSync(policyPath, JSON.stringify(policyAt(second)));
    await waitFor(
      () => (app.getState().settings.settings.server.endpoints[0] === second.endpoints[0] ? true : undefined),
      5000,
      'the new policy read',
    );
    await waitFor(
      () => (app.getState().notice?.message.en.includes('when your call ends') ? true : undefined),
      5000,
      'the agent told',
    );
    assert.equal(core().connection.endpoint, first.endpoints[0], 'still on the first server');
    assert.ok(Object.keys(core().calls).length > 0, 'the call is still there');
    assert.equal(second.state().sessions.length, 0, 'nothing sent to the second server yet');

    first.hangup(c1);
    await waitFor(
      () => (first.state().sessions.length === 0 ? true : undefined),
      8000,
      'the first server left after the call',
    );
    // The password was entered for the first server's host: it does not follow the policy to another.
    assert.equal(app.getState().settings.hasPassword, false);
    await app.handle('setPassword', { password: 'cube123' });
    await waitFor(
      () =>
        core().connection.status === 'connected' && core().connection.endpoint === second.endpoints[0]
          ? true
          : undefined,
      8000,
      'on the second server',
    );
  } finally {
    await app.stop();
    policyFile.close();
    await first.stop();
    await second.stop();
  }
});

test('two readers of one policy file (the settings and the updater) each hear of every change', async () => {
  const m = machine({ version: 1 });
  let settingsHeard = 0;
  let updaterHeard = 0;
  const stopSettings = m.policyFile.watch(() => {
    settingsHeard++;
    void m.policyFile.read();
  });
  const stopUpdater = m.policyFile.watch(() => {
    updaterHeard++;
    void m.policyFile.read();
  });
  writeFileSync(m.policyPath, JSON.stringify({ version: 1, updates: { url: 'https://updates.example.com/toolbar/' } }));
  await waitFor(() => (settingsHeard > 0 && updaterHeard > 0 ? true : undefined), 5000, 'both told of the change');
  stopSettings();
  stopUpdater();
  m.policyFile.close();
});
