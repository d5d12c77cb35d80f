// Settings on a real file in a temporary folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, SETTINGS_VERSION, validateSettings } from '../../../src-main/common/settings/schema.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { migrateSettings } from '../../../src-main/node/settings/settings-migrations.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'cti-settings-'));

describe('settings store', () => {
  test('no file: the defaults (the guide: cube, extension 1001, agent 1001, group 401, demo mode)', () => {
    const s = new FileSettingsStore(join(dir(), 'settings.json')).load();
    assert.deepEqual(s, defaultSettings());
    assert.equal(s.server.loginId, 'cube');
    assert.deepEqual(s.server.endpoints, []);
    assert.equal(s.agent.device, '1001');
    assert.equal(s.agent.group, 401);
  });

  test('what is saved is loaded again by a new store (a restart), written atomically', () => {
    const path = join(dir(), 'settings.json');
    const settings = defaultSettings();
    settings.server.endpoints = ['ws://10.1.2.3:8877', 'wss://10.1.2.4:8877'];
    settings.ui.language = 'ko';
    new FileSettingsStore(path).save(settings);
    assert.deepEqual(new FileSettingsStore(path).load(), settings);
    assert.deepEqual(readdirSync(join(path, '..')), ['settings.json'], 'no temporary file left');
    assert.ok(!readFileSync(path, 'utf8').includes('pwd'));
  });

  test('a corrupt file is backed up beside it and replaced by defaults, never a crash', () => {
    const d = dir();
    const path = join(d, 'settings.json');
    writeFileSync(path, '{"version":1, "server": {');
    const store = new FileSettingsStore(path, () => 42);
    assert.deepEqual(store.load(), defaultSettings());
    assert.equal(store.lastProblem?.kind, 'corrupt');
    assert.equal(readFileSync(join(d, 'settings.json.corrupt-42'), 'utf8'), '{"version":1, "server": {');
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), defaultSettings());
  });

  test('a file with invalid values is backed up and replaced, naming the fields', () => {
    const path = join(dir(), 'settings.json');
    const bad = { ...defaultSettings(), agent: { ...defaultSettings().agent, group: 0 } };
    writeFileSync(path, JSON.stringify(bad));
    const store = new FileSettingsStore(path, () => 7);
    assert.deepEqual(store.load(), defaultSettings());
    assert.equal(store.lastProblem?.kind, 'invalid');
    assert.match(store.lastProblem!.detail, /agent\.group/);
  });

  test('a file from a newer version is not overwritten silently: backed up first', () => {
    const path = join(dir(), 'settings.json');
    writeFileSync(path, JSON.stringify({ ...defaultSettings(), version: SETTINGS_VERSION + 1 }));
    const store = new FileSettingsStore(path, () => 9);
    store.load();
    assert.equal(store.lastProblem?.kind, 'newer');
    assert.ok(readFileSync(`${path}.corrupt-9`, 'utf8').includes(`"version":${SETTINGS_VERSION + 1}`));
  });

  test('refuses to save invalid settings', () => {
    const store = new FileSettingsStore(join(dir(), 'settings.json'));
    assert.throws(() => store.save({ ...defaultSettings(), server: { ...defaultSettings().server, endpoints: ['http://x'] } }), /server\.endpoints/);
  });
});

describe('settings migrations', () => {
  test('version 0 (no version): what is in today\'s places is kept, the rest is defaults', () => {
    const r = migrateSettings({ server: 'ws://10.0.0.5:8877', agent: { device: '2001', agentId: '2001' }, ui: { language: 'ko' }, obsolete: true });
    assert.ok(r.ok);
    assert.equal(r.from, 0);
    const checked = validateSettings(r.value);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual(checked.value.server.endpoints, ['ws://10.0.0.5:8877']);
    assert.equal(checked.value.agent.device, '2001');
    assert.equal(checked.value.agent.group, 401);
    assert.equal(checked.value.ui.language, 'ko');
    assert.equal(checked.value.version, SETTINGS_VERSION);
    assert.ok(!('obsolete' in checked.value));
  });

  test('version 1 gains the desktop settings (2): click-to-dial confirmed first, shortcuts on, no auto-start', () => {
    const v1 = { ...defaultSettings(), version: 1 } as Record<string, unknown>;
    delete v1.dialing;
    delete v1.desktop;
    const r = migrateSettings(v1);
    assert.ok(r.ok);
    assert.equal(r.from, 1);
    const checked = validateSettings(r.value);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.dialing, { trunkPrefix: '', confirmClickToDial: true });
    assert.equal(checked.value.desktop.startAtLogin, false);
    assert.equal(checked.value.desktop.logoffOnQuit, false);
    assert.equal(checked.value.desktop.shortcuts.enabled, true);
  });

  test('the current version passes unchanged; nonsense is refused', () => {
    const current = defaultSettings();
    assert.deepEqual(migrateSettings(current), { ok: true, value: current, from: SETTINGS_VERSION });
    assert.equal(migrateSettings([]).ok, false);
    assert.equal(migrateSettings({ version: 'one' }).ok, false);
  });

  test('a file of version 0 on disk loads migrated and is rewritten in the new shape', () => {
    const path = join(dir(), 'settings.json');
    writeFileSync(path, JSON.stringify({ agent: { device: '1005' } }));
    const loaded = new FileSettingsStore(path).load();
    assert.equal(loaded.agent.device, '1005');
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).version, SETTINGS_VERSION);
  });
});
