// What "Copy diagnostics" gives support.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsReport } from '../../../src-main/node/app/diagnostics-report.ts';
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
