// Stand-in Electron distributions for electron-builder's `electronDist` option, used only by the
// packaging test: the files electron-builder renames, edits and packs, with no Electron inside.
// Each main binary carries Electron's fuse wire after the sentinel @electron/fuses looks for,
// set as Electron 45 ships it, so the packaged binary shows which fuses electron-builder flipped.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Fuse wire v1 as Electron ships it ('1' on, '0' off): RunAsNode, EnableCookieEncryption,
 * EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges, WasmTrapHandlers.
 */
export const SHIPPED_FUSES = '101100011';

const fuseWire = () =>
  Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, SHIPPED_FUSES.length]),
    Buffer.from(SHIPPED_FUSES, 'ascii'),
  ]);
const common = (dir: string, version: string) => {
  writeFileSync(join(dir, 'LICENSE'), 'stand-in: no Electron here\n');
  writeFileSync(join(dir, 'version'), version);
};

/** linux-x64: `electron`, `chrome-sandbox`, `locales/`, `resources/`. */
export function linuxDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run" >&2\nexit 1\n# '),
      fuseWire(),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(dir, 'chrome-sandbox'), 0o755);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  common(dir, version);
  return dir;
}

/** win32-x64: `electron.exe`, a real (empty) PE image with the version resource electron-builder edits. */
export function windowsDist(dir: string, version: string): string {
  // resedit is what electron-builder itself edits Windows executables with.
  const resedit = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))(
    'resedit',
  ) as typeof import('resedit');
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const exe = resedit.NtExecutable.createEmpty(false, false);
  const res = resedit.NtExecutableResource.from(exe);
  const info = resedit.Resource.VersionInfo.createEmpty();
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  info.setFileVersion(major, minor, patch, 0, 1033);
  info.setStringValues(
    { lang: 1033, codepage: 1200 },
    {
      ProductName: 'Electron',
      FileDescription: 'Electron',
      CompanyName: 'GitHub, Inc.',
      OriginalFilename: 'electron.exe',
    },
  );
  info.outputToResourceEntries(res.entries);
  res.entries.push({ type: 'FUSE', id: 1, lang: 1033, codepage: 1200, bin: Uint8Array.from(fuseWire()).buffer });
  res.outputResource(exe);
  writeFileSync(join(dir, 'electron.exe'), Buffer.from(exe.generate()));
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  common(dir, version);
  return dir;
}

const plist = (entries: Record<string, string>) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  `<plist version="1.0"><dict>${Object.entries(entries)
    .map(([k, v]) => `<key>${k}</key><string>${v}</string>`)
    .join('')}</dict></plist>\n`;

/** darwin-x64: `Electron.app` with its helpers; the fuse wire is in `Electron Framework`, as in Electron. */
export function macDist(dir: string, version: string): string {
  const contents = join(dir, 'Electron.app', 'Contents');
  mkdirSync(join(contents, 'MacOS'), { recursive: true });
  mkdirSync(join(contents, 'Resources'), { recursive: true });
  writeFileSync(
    join(contents, 'Info.plist'),
    plist({
      CFBundleExecutable: 'Electron',
      CFBundleIdentifier: 'com.github.Electron',
      CFBundleName: 'Electron',
      CFBundleVersion: version,
      CFBundleIconFile: 'electron.icns',
    }),
  );
  writeFileSync(join(contents, 'MacOS', 'Electron'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(contents, 'MacOS', 'Electron'), 0o755);
  writeFileSync(join(contents, 'Resources', 'electron.icns'), '');
  const framework = join(contents, 'Frameworks', 'Electron Framework.framework');
  mkdirSync(framework, { recursive: true });
  writeFileSync(join(framework, 'Electron Framework'), Buffer.concat([Buffer.from('stand-in framework '), fuseWire()]));
  for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
    const helper = join(contents, 'Frameworks', `Electron Helper${suffix}.app`, 'Contents');
    mkdirSync(join(helper, 'MacOS'), { recursive: true });
    writeFileSync(
      join(helper, 'Info.plist'),
      plist({
        CFBundleExecutable: `Electron Helper${suffix}`,
        CFBundleIdentifier: 'com.github.Electron.helper',
        CFBundleName: `Electron Helper${suffix}`,
        CFBundleVersion: version,
      }),
    );
    writeFileSync(join(helper, 'MacOS', `Electron Helper${suffix}`), '#!/bin/sh\nexit 1\n');
  }
  common(dir, version);
  return dir;
}
