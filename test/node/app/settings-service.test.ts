// The settings service on a real file: checked per field, kept, the password never in the view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsService } from '../../../src-main/node/app/settings/settings-service.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import type { SecretStore } from '../../../src-main/node/settings/stores.ts';

const file = () => join(mkdtempSync(join(tmpdir(), 'cti-settings-service-')), 'settings.json');
const service = (path = file(), secrets: SecretStore = new MemorySecretStore()) => ({
  path,
  secrets,
  settings: new SettingsService(new FileSettingsStore(path, () => 3), secrets),
});
const withServer = {
  ...defaultSettings(),
  server: { ...defaultSettings().server, endpoints: ['ws://127.0.0.1:8877'] },
};

test('every refused field comes back named, with words in both languages; nothing is saved', () => {
  const { path, settings } = service();
  const result = settings.save({ ...defaultSettings(), agent: { ...defaultSettings().agent, group: 0, device: '' } });
  assert.ok(!result.ok);
  assert.deepEqual(result.errors.map((e) => [e.field, e.rule]).sort(), [
    ['agent.device', 'device'],
    ['agent.device', 'required'],
    ['agent.group', 'range'],
  ]);
  assert.deepEqual(result.errors.find((e) => e.field === 'agent.group')?.message, {
    ko: '허용 범위를 벗어났습니다.',
    en: 'Out of the allowed range.',
  });
  assert.throws(() => readFileSync(path), /ENOENT/);
});

test('a screen-pop or hook template that is not http(s), or a hook body that is not JSON, is refused by its field', () => {
  const { settings } = service();
  const pop = settings.save({
    ...defaultSettings(),
    screenPop: { ...defaultSettings().screenPop, enabled: true, template: 'file:///etc/passwd?{ani}' },
  });
  assert.ok(!pop.ok && pop.errors[0]?.field === 'screenPop.template');
  const hookUrl = settings.save({
    ...defaultSettings(),
    hooks: { ...defaultSettings().hooks, enabled: true, url: 'javascript:alert(1)' },
  });
  assert.ok(!hookUrl.ok && hookUrl.errors[0]?.field === 'hooks.url');
  const body = settings.save({
    ...defaultSettings(),
    hooks: { ...defaultSettings().hooks, enabled: true, url: 'https://crm.example.com/h', body: '{"ani": "{ani}"' },
  });
  assert.ok(!body.ok && body.errors[0]?.field === 'hooks.body');
  assert.deepEqual(settings.current, defaultSettings(), 'nothing refused was kept');
});

test('not-ready reasons with a code twice are refused at the repeat, in words; nothing is saved', () => {
  const { path, settings } = service();
  const notReadyReasons = [1, 2, 1].map((code) => ({ code, label: '' }));
  const result = settings.save({ ...defaultSettings(), agent: { ...defaultSettings().agent, notReadyReasons } });
  assert.ok(!result.ok);
  assert.deepEqual(result.errors, [
    {
      field: 'agent.notReadyReasons.2.code',
      rule: 'duplicate',
      message: {
        ko: '다른 줄에 이미 있는 코드입니다. 코드는 한 번씩만 쓰세요.',
        en: 'This code is already on another line: each code once.',
      },
    },
  ]);
  assert.throws(() => readFileSync(path), /ENOENT/);
});

test('a screen-pop template with a placeholder not closed is refused by its field', () => {
  const { settings } = service();
  const result = settings.save({
    ...defaultSettings(),
    screenPop: { ...defaultSettings().screenPop, template: 'https://crm.example.com/search?ani={ani' },
  });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((e) => [e.field, e.rule, e.message.en]),
    [['screenPop.template', 'template', 'A placeholder is not closed: {ani. Write it as {ani}.']],
  );
  assert.deepEqual(settings.current, defaultSettings());
});

test('a refused template is told together with the other refused fields, not in a second round', () => {
  const { settings } = service();
  const base = defaultSettings();
  const result = settings.save({
    ...base,
    agent: { ...base.agent, group: 'four' },
    screenPop: { ...base.screenPop, template: 'javascript:alert(1)' },
    hooks: { ...base.hooks, enabled: true, url: 'https://crm.example.com/hook?ani={ani', body: '{not json' },
  });
  assert.ok(!result.ok);
  assert.deepEqual(result.errors.map((e) => e.field).sort(), [
    'agent.group',
    'hooks.body',
    'hooks.url',
    'screenPop.template',
  ]);
});

test('good settings are kept, saved on disk and shown; a new service reads them back', () => {
  const { path, settings } = service();
  const saved = settings.save(withServer);
  assert.ok(saved.ok);
  assert.deepEqual(saved.view.settings, withServer);
  assert.deepEqual(settings.current, withServer);
  assert.deepEqual(service(path).settings.current, withServer);
});

test('the password: empty refused, insecure storage only with consent, never in the view; the demo has its own', () => {
  const insecure: SecretStore = {
    kind: 'basic_text',
    insecure: true,
    stored: undefined as string | undefined,
    boundTo: undefined as string | undefined,
    getPassword() {
      return this.stored;
    },
    getBinding() {
      return this.boundTo;
    },
    setPassword(password: string, { allowInsecure, boundTo }: { allowInsecure: boolean; boundTo?: string }) {
      if (!allowInsecure) return false;
      this.stored = password;
      this.boundTo = boundTo;
      return true;
    },
    bind(boundTo: string) {
      this.boundTo = boundTo;
    },
    clear() {
      this.stored = undefined;
      this.boundTo = undefined;
    },
  } as SecretStore & { stored: string | undefined; boundTo: string | undefined };
  const { settings } = service(file(), insecure);
  assert.equal(settings.password(), undefined, 'nothing stored: no password (demo mode has its own)');
  assert.ok(!settings.setPassword('', false).ok);
  const refused = settings.setPassword('s3cret', false);
  assert.ok(!refused.ok && refused.reason === 'insecure-storage');
  const kept = settings.setPassword('s3cret', true);
  assert.ok(kept.ok && kept.view.hasPassword && kept.view.secretStorageInsecure);
  assert.ok(!JSON.stringify(kept.view).includes('s3cret'));
  assert.ok(settings.save(withServer).ok);
  assert.equal(settings.password(), 's3cret');
});

test('with a server configured and no password stored there is none to log in with', () => {
  const { settings } = service();
  settings.save(withServer);
  assert.equal(settings.password(), undefined);
});

test('a corrupt file: the problem is told in words and logged with where the file was kept', () => {
  const path = file();
  writeFileSync(path, 'not json');
  const { settings } = service(path);
  const problem = settings.loadProblem();
  assert.match(
    problem?.log ?? '',
    new RegExp(`settings file .*settings.json: corrupt: .*kept as .*settings.json.corrupt-3`),
  );
  assert.match(problem?.message.en ?? '', /could not be read/);
  assert.equal(settings.view().problem?.kind, 'corrupt');
});

test('the stored password stays with the hosts it was entered for: another host or another CA removes it, with words for the agent', () => {
  const { settings, secrets } = service();
  assert.ok(settings.save(withServer).ok);
  settings.setPassword('s3cret', false);
  const server = (endpoints: string[], caCertificate = '') => ({
    ...withServer,
    server: { ...withServer.server, endpoints, caCertificate },
  });

  const sameHosts = settings.save(server(['wss://127.0.0.1:8877/', 'ws://127.0.0.1:8877']));
  assert.ok(sameHosts.ok && sameHosts.passwordCleared === undefined, 'the same host (now over TLS) keeps it');
  assert.equal(settings.password(), 's3cret');
  const agentOnly = settings.save({ ...server(['wss://127.0.0.1:8877/']), agent: { ...withServer.agent, group: 402 } });
  assert.ok(agentOnly.ok && !agentOnly.passwordCleared, 'agent settings do not touch it');

  const moved = settings.save(server(['wss://crm-evil.example.net:8877']));
  assert.ok(moved.ok);
  assert.match(moved.passwordCleared!.en, /password was removed/);
  assert.ok(moved.passwordCleared!.ko.length > 10);
  assert.equal(settings.password(), undefined, 'nothing to send to the new host');
  assert.equal(secrets.getPassword(), undefined);
  assert.equal(moved.view.hasPassword, false);

  settings.setPassword('other', false);
  const ca = settings.save(
    server(['wss://crm-evil.example.net:8877'], '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'),
  );
  assert.ok(ca.ok && ca.passwordCleared, 'another CA: whom wss:// trusts changed');
  assert.equal(settings.password(), undefined);
});

test('a password kept in demo mode (no server yet) goes to the first server configured', () => {
  const { settings } = service();
  settings.setPassword('first', false);
  const configured = settings.save(withServer);
  assert.ok(configured.ok && configured.passwordCleared === undefined);
  assert.equal(settings.password(), 'first');
  const demo = settings.save(defaultSettings());
  assert.ok(demo.ok && demo.passwordCleared, 'from a server back to demo: removed');
});
