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
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (c: unknown, l: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
// The same loader `npm run dist` uses: `extends`, package.json's metadata, defaults.
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string, fromOptions: null) => Promise<Record<string, unknown>>;
};

const load = (name: string) => parse(readFileSync(`${root}${name}`, 'utf8')) as Record<string, unknown>;

test("electron-builder.yml passes electron-builder's own configuration schema", async () => {
  await validateConfiguration(load('electron-builder.yml'), new DebugLogger(false));
});

test('a wrong key is caught by the same check (the check can fail)', async () => {
  await assert.rejects(
    validateConfiguration({ ...load('electron-builder.yml'), notAnOption: true }, new DebugLogger(false)),
    /notAnOption/,
  );
});

test('installers for Linux (the deb first: the supported one), Windows and macOS, icons from resources/, tel: and callto: registered', () => {
  const config = load('electron-builder.yml') as {
    appId: string;
    productName: string;
    linux: { target: string[]; icon: string; syncDesktopName: boolean };
    win: { target: string[]; icon: string };
    mac: { target: string[]; icon: string };
    protocols: { schemes: string[] }[];
  };
  assert.equal(config.appId, 'com.nexuscube.toolbar');
  assert.deepEqual(config.linux.target, ['deb', 'AppImage']);
  assert.deepEqual(config.win.target, ['nsis', 'msi']);
  assert.deepEqual(config.mac.target, ['dmg', 'zip', 'pkg']);
  // Ready-made icons: electron-builder converts a PNG only with a tool it downloads.
  assert.equal(config.linux.icon, 'resources/icon.png');
  assert.equal(config.win.icon, 'resources/icon.ico');
  assert.equal(config.mac.icon, 'resources/icon.icns');
  assert.deepEqual(config.protocols.flatMap((p) => p.schemes).sort(), ['callto', 'tel']);
  // The .desktop file the deb installs is named after package.json's desktopName.
  assert.equal(config.linux.syncDesktopName, true);
});

test('IT deployment: an MSI per machine, a pkg into /Applications, and the update feed electron-updater reads', () => {
  const config = load('electron-builder.yml') as {
    msi: { perMachine: boolean; oneClick: boolean; upgradeCode?: string };
    pkg: { installLocation: string; isRelocatable: boolean; mustClose: string[] };
    nsis: { perMachine: boolean };
    mac: { target: string[] };
    appId: string;
    publish: { provider: string; url: string };
  };
  assert.equal(config.msi.perMachine, true, 'Program Files, for every user of the machine');
  assert.equal(config.msi.oneClick, true, 'no wizard: msiexec /qn installs it');
  assert.equal(config.msi.upgradeCode, undefined, 'derived from appId: a newer MSI replaces an older one');
  assert.equal(config.pkg.installLocation, '/Applications');
  assert.equal(config.pkg.isRelocatable, false);
  assert.deepEqual(config.pkg.mustClose, [config.appId]);
  // electron-updater updates a macOS app from the zip, and reads resources/app-update.yml (written only with `publish`).
  assert.ok(config.mac.target.includes('zip'));
  assert.equal(config.publish.provider, 'generic');
  assert.match(config.publish.url, /\.invalid\//, 'a placeholder: the policy names the real server');
});

test("the schema checks the new targets' options too (a misspelt MSI or pkg option is refused)", async () => {
  const config = load('electron-builder.yml') as Record<string, Record<string, unknown>>;
  await assert.rejects(
    validateConfiguration({ ...config, msi: { ...config.msi, perMachin: true } }, new DebugLogger(false)),
    /configuration\.msi should be/,
  );
  await assert.rejects(
    validateConfiguration({ ...config, pkg: { ...config.pkg, installDir: '/opt' } }, new DebugLogger(false)),
    /configuration\.pkg should be/,
  );
});

test('the release and the test build both re-sign ad hoc after flipping fuses; the test build differs only in the inspect fuse', async () => {
  const release = (await getConfig(root, 'electron-builder.yml', null)) as { electronFuses: Record<string, boolean> };
  const testBuild = (await getConfig(root, 'electron-builder.test.yml', null)) as {
    electronFuses: Record<string, boolean>;
  };
  assert.equal(release.electronFuses.resetAdHocDarwinSignature, true);
  assert.equal(testBuild.electronFuses.resetAdHocDarwinSignature, true);
  const differ = Object.keys({ ...release.electronFuses, ...testBuild.electronFuses }).filter(
    (k) => release.electronFuses[k] !== testBuild.electronFuses[k],
  );
  assert.deepEqual(differ, ['enableNodeCliInspectArguments']);
  assert.equal(release.electronFuses.enableNodeCliInspectArguments, false);
});

test('package.json carries what the deb needs (homepage, author with an email) and a desktopName for the app id', () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    homepage?: string;
    author?: { name?: string; email?: string };
    desktopName?: string;
  };
  assert.match(pkg.homepage ?? '', /^https:\/\//);
  assert.match(pkg.author?.email ?? '', /^[^@\s]+@[^@\s]+\.[a-z]+$/);
  assert.ok(pkg.author?.name);
  const { appId } = load('electron-builder.yml') as { appId: string };
  // Reverse-DNS, as the freedesktop spec asks for a D-Bus-activatable name, and the same id as on Windows/macOS.
  assert.equal(pkg.desktopName, `${appId}.desktop`);
});

test("Windows builds name their installers' publisher in app-update.yml (the app does not update itself without it)", () => {
  const config = load('electron-builder.yml') as { win: { verifyUpdateCodeSignature?: boolean } };
  assert.notEqual(
    config.win.verifyUpdateCodeSignature,
    false,
    'electron-builder writes publisherName only when verifying',
  );
});
