// Settings on a real file in a temporary folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, SETTINGS_VERSION, validateSettings } from '../../../src-main/common/settings/schema.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MIGRATIONS, migrateSettings } from '../../../src-main/node/settings/settings-migrations.ts';

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
    assert.equal(store.problem?.kind, 'corrupt');
    assert.equal(readFileSync(join(d, 'settings.json.corrupt-42'), 'utf8'), '{"version":1, "server": {');
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), defaultSettings());
  });

  test('a file with invalid values is backed up and replaced, naming the fields', () => {
    const path = join(dir(), 'settings.json');
    const bad = { ...defaultSettings(), agent: { ...defaultSettings().agent, group: 0 } };
    writeFileSync(path, JSON.stringify(bad));
    const store = new FileSettingsStore(path, () => 7);
    assert.deepEqual(store.load(), defaultSettings());
    assert.equal(store.problem?.kind, 'invalid');
    assert.match(store.problem!.detail, /agent\.group/);
  });

  test('a file from a newer version is left untouched: the app runs read-only on what it understands of it', () => {
    const path = join(dir(), 'settings.json');
    const newer = {
      ...defaultSettings(),
      version: SETTINGS_VERSION + 1,
      agent: { ...defaultSettings().agent, device: '1007' },
      futureSection: { x: 1 },
    };
    const text = JSON.stringify(newer);
    writeFileSync(path, text);
    const store = new FileSettingsStore(path, () => 9);
    const loaded = store.load();
    assert.equal(store.problem?.kind, 'newer');
    assert.equal(store.readOnly, true);
    assert.equal(loaded.agent.device, '1007', "the newer file's values this version understands are used");
    assert.equal(loaded.version, SETTINGS_VERSION);
    assert.throws(() => store.save(loaded), /newer version/);
    assert.equal(readFileSync(path, 'utf8'), text, 'the file is byte for byte what the newer version wrote');
    assert.deepEqual(readdirSync(join(path, '..')), ['settings.json'], 'no backup, no temporary file');
  });

  test('a newer file this version cannot read at all: the defaults, read-only, the file untouched', () => {
    const path = join(dir(), 'settings.json');
    const text = JSON.stringify({ version: SETTINGS_VERSION + 3, server: 'a new shape' });
    writeFileSync(path, text);
    const store = new FileSettingsStore(path);
    assert.deepEqual(store.load(), defaultSettings());
    assert.equal(store.readOnly, true);
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  test(
    'settings, their backups and the folder are private to the user (0600 / 0700)',
    { skip: process.platform === 'win32' ? 'POSIX file modes' : false },
    () => {
      const d = join(dir(), 'nested');
      const path = join(d, 'settings.json');
      new FileSettingsStore(path).save(defaultSettings());
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.equal(statSync(d).mode & 0o777, 0o700);
      writeFileSync(path, '{', { mode: 0o644 });
      new FileSettingsStore(path, () => 5).load();
      assert.equal(statSync(`${path}.corrupt-5`).mode & 0o777, 0o600);
    },
  );

  test('refuses to save invalid settings', () => {
    const store = new FileSettingsStore(join(dir(), 'settings.json'));
    assert.throws(
      () => store.save({ ...defaultSettings(), server: { ...defaultSettings().server, endpoints: ['http://x'] } }),
      /server\.endpoints/,
    );
  });
});

describe('settings migrations', () => {
  test("version 0 (no version): what is in today's places is kept, the rest is defaults", () => {
    const r = migrateSettings({
      server: 'ws://10.0.0.5:8877',
      agent: { device: '2001', agentId: '2001' },
      ui: { language: 'ko' },
      obsolete: true,
    });
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
    assert.deepEqual(checked.value.dialing, { trunkPrefix: '', confirmClickToDial: true, linkFeatureCodes: false });
    assert.equal(checked.value.desktop.startAtLogin, false);
    assert.equal(checked.value.desktop.logoffOnQuit, false);
    assert.equal(checked.value.desktop.shortcuts.enabled, true);
  });

  test('migrations are frozen: a version 0 file migrates to exactly what version 1 and 2 were released with', () => {
    const v2 = MIGRATIONS[1]!(MIGRATIONS[0]!({ agent: { device: '2001' } }));
    assert.deepEqual(v2, {
      version: 2,
      server: { endpoints: [], loginId: 'cube', integersAs: 'number', caCertificate: '' },
      agent: {
        device: '2001',
        agentId: '1001',
        group: 401,
        channel: 0,
        workMode: 1,
        queues: ['401'],
        notReadyReasons: [1, 2, 3, 4, 5].map((code) => ({ code, label: '' })),
      },
      screenPop: { enabled: false, template: '', trigger: 'ringing', callTypes: [], queues: [], openIn: 'browser' },
      notifications: { enabled: true, bringToFront: true, ringSound: false },
      autoAnswer: { enabled: false, afterSeconds: 3 },
      directory: [],
      ui: { language: 'system', theme: 'system', alwaysOnTop: true },
      dialing: { trunkPrefix: '', confirmClickToDial: true },
      desktop: {
        startAtLogin: false,
        logoffOnQuit: false,
        shortcuts: {
          enabled: true,
          answer: 'CommandOrControl+Alt+A',
          hangup: 'CommandOrControl+Alt+H',
          holdToggle: 'CommandOrControl+Alt+O',
          readyToggle: 'CommandOrControl+Alt+R',
          show: 'CommandOrControl+Alt+T',
        },
      },
      hooks: {
        enabled: false,
        method: 'POST',
        url: '',
        body: '{"event":"{event}","ani":"{ani}","agent":"{agentId}","cnid":"{cnid}","uui":"{uui}"}',
        timeoutMs: 3000,
        on: { ringing: true, answered: true, ended: true },
      },
    });
  });

  test('version 2 gains (3) the 2 s heartbeat, the 256 KiB frame limit, 60 s for unconfirmed calls and tel: links off; what a development build wrote is kept', () => {
    const v2 = MIGRATIONS[1]!(MIGRATIONS[0]!({ agent: { device: '2001' } }));
    const r = migrateSettings(v2);
    assert.ok(r.ok);
    assert.equal(r.from, 2);
    const checked = validateSettings(r.value);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual([checked.value.server.heartbeatSeconds, checked.value.server.maxFrameKiB], [2, 256]);
    assert.deepEqual(checked.value.calls, { unconfirmedGraceSeconds: 60, consultCancelOfferSeconds: 10 }); // a file without the newer key: its default
    assert.equal(checked.value.desktop.handleTelLinks, false);
    assert.equal(checked.value.agent.device, '2001');
    const dev = {
      ...(v2 as Record<string, unknown>),
      calls: { unconfirmedGraceSeconds: 120 },
      desktop: { ...(v2 as { desktop: object }).desktop, handleTelLinks: true },
    };
    const kept = migrateSettings(dev);
    assert.ok(kept.ok);
    assert.deepEqual((kept.value as { calls: unknown }).calls, { unconfirmedGraceSeconds: 120 });
    assert.equal((kept.value as { desktop: { handleTelLinks: boolean } }).desktop.handleTelLinks, true);
    assert.equal(
      validateSettings({ ...defaultSettings(), server: { ...defaultSettings().server, heartbeatSeconds: 0 } }).ok,
      false,
      'heartbeat at least 1 s',
    );
    assert.equal(
      validateSettings({ ...defaultSettings(), server: { ...defaultSettings().server, maxFrameKiB: 8 } }).ok,
      false,
      'frames of at least 16 KiB',
    );
  });

  test('version 3 becomes 4: integersAs becomes integerFieldsAs, keeping what the file sent Integer-typed fields as', () => {
    const v3 = migrateSettings(MIGRATIONS[1]!(MIGRATIONS[0]!({ agent: { device: '2001' } })));
    assert.ok(v3.ok);
    const asV3 = (integersAs?: unknown) => {
      const value = structuredClone(v3.value) as { server: Record<string, unknown>; version: number };
      value.version = 3;
      if (integersAs === undefined) delete value.server.integersAs;
      else value.server.integersAs = integersAs;
      return value;
    };
    for (const [old, now] of [
      ['number', 'number'],
      ['string', 'string'],
      [undefined, 'number'],
      ['nonsense', 'number'],
    ] as const) {
      const r = migrateSettings(asV3(old));
      assert.ok(r.ok);
      assert.equal(r.from, 3);
      const checked = validateSettings(r.value);
      assert.ok(checked.ok, JSON.stringify(checked));
      assert.equal(checked.value.server.integerFieldsAs, now, `integersAs ${String(old)}`);
      assert.ok(!('integersAs' in checked.value.server));
      assert.equal(checked.value.agent.device, '2001');
    }
    assert.deepEqual(
      MIGRATIONS[3]!({ version: 3 }),
      { version: 4, server: { integerFieldsAs: 'number' } },
      'no server section',
    );
    assert.equal(
      defaultSettings().server.integerFieldsAs,
      'string',
      "a new file sends Integer-typed fields as the guide's samples do",
    );
  });

  test('the current version passes unchanged; nonsense is refused', () => {
    const current = defaultSettings();
    assert.deepEqual(migrateSettings(current), { ok: true, value: current, from: SETTINGS_VERSION });
    assert.equal(migrateSettings([]).ok, false);
    assert.equal(migrateSettings({ version: 'one' }).ok, false);
    assert.deepEqual(migrateSettings({ version: SETTINGS_VERSION + 1 }), {
      ok: false,
      newer: true,
      reason: `version ${SETTINGS_VERSION + 1} is newer than this app (${SETTINGS_VERSION})`,
    });
  });

  test('a file of version 0 on disk loads migrated and is rewritten in the new shape', () => {
    const path = join(dir(), 'settings.json');
    writeFileSync(path, JSON.stringify({ agent: { device: '1005' } }));
    const loaded = new FileSettingsStore(path).load();
    assert.equal(loaded.agent.device, '1005');
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).version, SETTINGS_VERSION);
  });
});

test('a version-3 file written before the reason codes and Listen in were settings loads unchanged, with their defaults', () => {
  const path = join(dir(), 'settings.json');
  const old = defaultSettings() as unknown as { agent: Record<string, unknown> };
  for (const key of ['afterWorkReasons', 'logoffReasons', 'readyReason', 'listenIn']) delete old.agent[key];
  old.agent.group = 402;
  writeFileSync(path, JSON.stringify(old));
  const store = new FileSettingsStore(path);
  const loaded = store.load();
  assert.equal(store.problem, undefined, 'not refused, nothing set aside');
  assert.equal(loaded.version, SETTINGS_VERSION);
  assert.equal(loaded.agent.group, 402, "the agent's own values kept");
  assert.deepEqual(loaded.agent.afterWorkReasons, []);
  assert.deepEqual(loaded.agent.logoffReasons, []);
  assert.equal(loaded.agent.readyReason, 0);
  assert.equal(loaded.agent.listenIn, false);
});
