// Whether the app may update itself: only the installs it made itself (NSIS, a macOS app the user
// can write to, an AppImage); an MSI, a pkg in a root-owned bundle, a deb are IT's to update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFacts, installKind, type InstallFacts } from '../../../src-main/node/app/updates/install-kind.ts';

test('the decision per platform and install type', () => {
  const rows: [string, InstallFacts, string][] = [
    [
      "Windows, the NSIS installer's, per user (its uninstaller beside the exe)",
      { platform: 'win32', nsisUninstaller: true, folderWritable: true },
      'nsis',
    ],
    [
      "Windows, the NSIS installer's with /allusers (Program Files: updating would need an administrator)",
      { platform: 'win32', nsisUninstaller: true, folderWritable: false },
      'refused:nsis-machine',
    ],
    [
      'Windows, the MSI (per machine, no NSIS uninstaller)',
      { platform: 'win32', nsisUninstaller: false },
      'refused:msi',
    ],
    [
      "macOS, a bundle the user can write to (the dmg's, dragged in)",
      { platform: 'darwin', bundleWritable: true },
      'mac-app',
    ],
    ["macOS, the pkg's root-owned bundle", { platform: 'darwin', bundleWritable: false }, 'refused:mac-system'],
    ['Linux, the AppImage', { platform: 'linux', appImage: '/home/a/Nexus.AppImage' }, 'appimage'],
    ['Linux, the deb', { platform: 'linux', packageType: 'deb' }, 'refused:linux-package'],
    ['Linux, an rpm', { platform: 'linux', packageType: 'rpm' }, 'refused:linux-package'],
    [
      'Linux, the deb started with APPIMAGE set by something else',
      { platform: 'linux', packageType: 'deb', appImage: '/tmp/x' },
      'refused:linux-package',
    ],
    ['Linux, an unpacked folder', { platform: 'linux' }, 'refused:unknown'],
    ['FreeBSD', { platform: 'freebsd' }, 'refused:unknown'],
  ];
  for (const [name, facts, expected] of rows) {
    const kind = installKind(facts);
    assert.equal(kind.selfUpdate ? kind.kind : `refused:${kind.kind}`, expected, name);
    if (!kind.selfUpdate) assert.ok(kind.why.length > 0, `${name}: a reason for the log`);
  }
});

test("facts from the install on disk: the NSIS uninstaller, a writable bundle, electron-builder's package-type", (t) => {
  const root = mkdtempSync(join(tmpdir(), 'install-kind-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    t.diagnostic(
      'NOT CHECKED here: a folder or bundle the agent cannot write to (this test runs as root, who can write anywhere); the decision for it is checked in the table above',
    );
  t.after(() => {
    chmodSync(join(root, 'Applications', 'Nexus Toolbar.app'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });
  const dir = join(root, 'Nexus Toolbar');
  mkdirSync(dir);
  const exe = join(dir, 'Nexus Toolbar.exe');
  writeFileSync(exe, '');
  assert.deepEqual(
    installFacts('win32', exe, join(dir, 'resources'), {}),
    { platform: 'win32', nsisUninstaller: false },
    'an MSI install',
  );
  writeFileSync(join(dir, 'Uninstall Nexus Toolbar.exe'), '');
  assert.deepEqual(installFacts('win32', exe, join(dir, 'resources'), {}), {
    platform: 'win32',
    nsisUninstaller: true,
    folderWritable: true,
  });
  assert.deepEqual(
    readdirSync(dir).sort(),
    ['Nexus Toolbar.exe', 'Uninstall Nexus Toolbar.exe'],
    'the write check leaves nothing behind',
  );
  chmodSync(dir, 0o555);
  if (!asRoot) assert.equal(installFacts('win32', exe, join(dir, 'resources'), {}).folderWritable, false);
  chmodSync(dir, 0o755);

  const bundle = join(root, 'Applications', 'Nexus Toolbar.app');
  mkdirSync(join(bundle, 'Contents', 'MacOS'), { recursive: true });
  const macExe = join(bundle, 'Contents', 'MacOS', 'Nexus Toolbar');
  assert.equal(installFacts('darwin', macExe, join(bundle, 'Contents', 'Resources'), {}).bundleWritable, true);
  chmodSync(bundle, 0o555); // as the pkg leaves it: owned by root, not writable by the agent
  if (!asRoot)
    assert.equal(installFacts('darwin', macExe, join(bundle, 'Contents', 'Resources'), {}).bundleWritable, false);
  assert.equal(
    installFacts('darwin', join(root, 'bin', 'electron'), root, {}).bundleWritable,
    false,
    'not in a bundle at all',
  );

  const resources = join(root, 'opt', 'resources');
  mkdirSync(resources, { recursive: true });
  assert.deepEqual(
    installFacts('linux', join(root, 'opt', 'nexus-toolbar'), resources, { APPIMAGE: '/home/a/N.AppImage' }),
    { platform: 'linux', appImage: '/home/a/N.AppImage' },
  );
  writeFileSync(join(resources, 'package-type'), 'deb\n');
  assert.deepEqual(installFacts('linux', join(root, 'opt', 'nexus-toolbar'), resources, {}), {
    platform: 'linux',
    packageType: 'deb',
  });
});
