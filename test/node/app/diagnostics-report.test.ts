// What "Copy diagnostics" gives support.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsReport, redactUrl } from '../../../src-main/node/app/diagnostics/diagnostics-report.ts';
import { DiagnosticsLog } from '../../../src-main/node/session/diagnostics.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { appState } from '../helpers/app-state.ts';

test('version, settings file and values, whether a password is stored (never which), the state, the frames in order', () => {
  const frames = new DiagnosticsLog(10, () => Date.UTC(2026, 10, 25, 9, 0, 0));
  frames.add('out', '{"fname":"login","id":"cube","pwd":"cube123"}');
  frames.add('in', '{"fname":"login","id":"cube","pwd":"cube123","result":1}');
  const text = diagnosticsReport({
    version: '1.2.3',
    settingsPath: '/home/agent/.config/Nexus Toolbar/settings.json',
    settings: defaultSettings(),
    password: { stored: true, kind: 'keyring' },
    state: appState({}).core,
    frames: frames.list(),
  });
  const lines = text.split('\n');
  assert.equal(lines[0], 'version: 1.2.3');
  assert.equal(lines[1], 'settings file: /home/agent/.config/Nexus Toolbar/settings.json');
  assert.equal(lines[2], `settings: ${JSON.stringify(defaultSettings())}`);
  assert.equal(lines[3], 'password stored: true (keyring)');
  assert.ok(lines[4]!.startsWith('state: {"identity":{"device":"1001"'));
  assert.equal(lines[5], '--- recent frames');
  assert.deepEqual(lines.slice(6), [
    '2026-11-25T09:00:00.000Z out  {"fname":"login","id":"cube","pwd":"***"}',
    '2026-11-25T09:00:00.000Z in   {"fname":"login","id":"cube","pwd":"***","result":1}',
  ]);
  assert.ok(!text.includes('cube123'));
});

test('hook and screen-pop URLs: user name, password, query and fragment cut; where they go kept', () => {
  const settings = defaultSettings();
  settings.hooks = {
    ...settings.hooks,
    url: 'https://bot:t0ken@hooks.example.com:8443/calls/{event}?key=SECRET&ani={ani}#frag',
  };
  settings.screenPop = {
    ...settings.screenPop,
    template: 'https://crm.example.com/search?ani={ani}&apikey=SECRET#/call/{c1}',
  };
  const text = diagnosticsReport({
    version: '1',
    settingsPath: '/s.json',
    settings,
    password: { stored: false, kind: 'none' },
    state: appState({}).core,
    frames: [],
  });
  const shown = JSON.parse(text.split('\n')[2]!.slice('settings: '.length)) as typeof settings;
  assert.equal(shown.hooks.url, 'https://***@hooks.example.com:8443/calls/{event}?***#***');
  assert.equal(shown.screenPop.template, 'https://crm.example.com/search?***#***');
  for (const secret of ['t0ken', 'bot:', 'SECRET', 'key=', 'apikey']) assert.ok(!text.includes(secret), secret);
  assert.equal(settings.hooks.url.includes('SECRET'), true, 'the settings themselves are untouched');
});

test('redactUrl: each part on its own, and text that is no URL', () => {
  const rows: [string, string][] = [
    ['', ''],
    ['https://crm.example.com/x', 'https://crm.example.com/x'],
    ['https://crm.example.com', 'https://crm.example.com'],
    ['https://u@crm.example.com?x=1', 'https://***@crm.example.com?***'],
    ['http://a:b@c@10.0.0.9:8080/p/{uui}', 'http://***@10.0.0.9:8080/p/{uui}'],
    ['https://crm.example.com/p#/route?token=1', 'https://crm.example.com/p#***'],
    ['crm/{ani}?q=1', 'crm/{ani}?***'],
  ];
  for (const [url, redacted] of rows) assert.equal(redactUrl(url), redacted, url);
});

test('a frame with a line break or terminal escapes stays on its line', () => {
  const frames = new DiagnosticsLog(10, () => 0);
  frames.add('in', '{"uui":"x\n1970-01-01T00:00:00.000Z out  {\\"fname\\":\\"logout\\"}\u001b[2K"}');
  const text = diagnosticsReport({
    version: '1',
    settingsPath: '/s.json',
    settings: defaultSettings(),
    password: { stored: false, kind: 'none' },
    state: appState({}).core,
    frames: frames.list(),
  });
  const lines = text.split('\n');
  assert.equal(lines.length, 7);
  assert.match(lines[6]!, /^1970-01-01T00:00:00\.000Z in {3}\{"uui":"x\\n1970.*\\x1b\[2K"\}$/);
});
