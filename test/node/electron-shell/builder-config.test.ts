// electron-builder.yml checked with electron-builder's own validation (its configuration schema),
// as `npm run dist` would check it; and what the issue asks it to carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const root = new URL('../../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
// app-builder-lib is electron-builder's own library (installed with it); its validator applies scheme.json.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = (name: string) => parse(readFileSync(`${root}${name}`, 'utf8')) as Record<string, unknown>;

test('electron-builder.yml passes electron-builder\'s own configuration schema', async () => {
  await validateConfiguration(load('electron-builder.yml'), new DebugLogger(false));
});

test('a wrong key is caught by the same check (the check can fail)', async () => {
  await assert.rejects(validateConfiguration({ ...load('electron-builder.yml'), notAnOption: true }, new DebugLogger(false)), /notAnOption/);
});

test('installers for Linux, Windows and macOS, icons from resources/, tel: and callto: registered', () => {
  const config = load('electron-builder.yml') as {
    appId: string;
    productName: string;
    linux: { target: string[]; icon: string };
    win: { target: string; icon: string };
    mac: { target: string; icon: string };
    protocols: { schemes: string[] }[];
  };
  assert.equal(config.appId, 'com.nexuscube.toolbar');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.equal(config.win.target, 'nsis');
  assert.equal(config.mac.target, 'dmg');
  for (const os of [config.linux, config.win, config.mac]) assert.equal(os.icon, 'resources/icon.png');
  assert.deepEqual(config.protocols.flatMap((p) => p.schemes).sort(), ['callto', 'tel']);
});
