// Packaging run to the end: electron-builder with electron-builder.yml, as `npm run dist` runs it,
// against stand-in Electron distributions (test/packaging/electron-dist-standin.ts) so nothing is
// downloaded: the deb for Linux (fpm replaced by test/packaging/fpm-standin.ts, which builds it with
// dpkg-deb), `--dir` for macOS and Windows. Then what an installation would hold is read back: the
// deb's control fields, .desktop entry, AppArmor profile and scripts; app.asar's files; the fuses;
// the macOS ad-hoc re-sign; the Windows version resource.
// Not here: the AppImage (electron-builder downloads appimagetool from GitHub), the dmg (macOS's
// hdiutil) and the NSIS installer (makensis, downloaded): said as skipped tests below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { FUSE_SENTINEL, linuxDist, macDist, windowsDist } from '../../packaging/electron-dist-standin.ts';

const root = new URL('../../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as typeof import('@electron/asar');
const resedit = createRequire(require.resolve('app-builder-lib/package.json'))('resedit') as typeof import('resedit');
const { parsePlistFile } = require('app-builder-lib/out/util/plist') as {
  parsePlistFile: (file: string) => Promise<Record<string, unknown>>;
};

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  version: string;
  homepage?: string;
  author?: { name: string; email: string };
  desktopName?: string;
  main: string;
  dependencies: Record<string, string>;
};
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  productName: string;
  electronFuses: Record<string, boolean>;
  protocols: { schemes: string[] }[];
  linux: { maintainer?: string };
};
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> }
).packages['node_modules/electron']!.version;

const onLinux = process.platform === 'linux';
const hasDpkgDeb = onLinux && spawnOk('dpkg-deb', ['--version']);
const NO_DPKG =
  'dpkg-deb is not installed here (Debian: apt-get install dpkg); the deb is NOT built or checked on this machine';

function spawnOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Run {
  code: number;
  log: string;
  seconds: number;
}

/** `electron-builder --config electron-builder.yml <args>`, as `npm run dist`, with nothing but loopback reachable. */
function electronBuilder(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Run> {
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const guard = join(root, 'test', 'node', 'helpers', 'loopback-only.mjs');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(guard).href, cli, '--config', 'electron-builder.yml', '--publish', 'never', ...args],
      {
        cwd: root,
        env: { ...process.env, ...env, CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(logFile, log);
      resolve({ code: code ?? 1, log, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The fuse wire after the sentinel: one '0'/'1' per fuse, in @electron/fuses' FuseV1Options order. */
function fuseWire(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(FUSE_SENTINEL);
  assert.ok(at >= 0, `no fuse sentinel in ${file}`);
  const start = at + FUSE_SENTINEL.length;
  assert.equal(bytes[start], 1, 'fuse wire version 1');
  return bytes.subarray(start + 2, start + 2 + bytes[start + 1]!).toString('ascii');
}
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
function assertFusesAsConfigured(file: string): void {
  const wire = fuseWire(file);
  for (const [i, name] of FUSE_ORDER.entries()) {
    const wanted = config.electronFuses[name];
    assert.equal(typeof wanted, 'boolean', `electron-builder.yml sets electronFuses.${name}`);
    assert.equal(wire[i], wanted ? '1' : '0', `${file}: fuse ${name}`);
  }
}

/** Every file under dir, relative, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

const work = mkdtempSync(join(tmpdir(), 'cti-packaging-'));
const out = { linux: join(work, 'out-linux'), mac: join(work, 'out-mac'), win: join(work, 'out-win') };
const runs: Partial<Record<keyof typeof out, Run>> = {};
let totalSeconds = 0;
const codesignLog = join(work, 'codesign.log');

describe(
  'packaging with electron-builder against stand-in Electron distributions',
  { skip: onLinux ? false : 'runs on Linux (it builds the deb and packs for the other OSes from there)' },
  () => {
    before(async () => {
      for (const f of [pkg.main, 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
        assert.ok(
          existsSync(join(root, f)),
          `${f} is missing: run \`npm run build\` first (npm test builds before the Node suites)`,
        );
      }
      const dists = join(work, 'electron');
      // fpm, as electron-builder runs it (CUSTOM_FPM_PATH must name one executable file).
      const fpm = join(work, 'fpm');
      writeFileSync(
        fpm,
        `#!/bin/sh\nexec "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${join(root, 'test', 'packaging', 'fpm-standin.ts')}" "$@"\n`,
      );
      chmodSync(fpm, 0o755);
      // codesign, as @electron/fuses runs it for resetAdHocDarwinSignature: records its arguments and
      // the framework binary at that moment (so the test sees that it ran after the fuses were flipped).
      const bin = join(work, 'bin');
      mkdirSync(bin);
      writeFileSync(
        join(bin, 'codesign'),
        `#!/bin/sh\nprintf '%s\\n' "$*" >> "${codesignLog}"\nfor last; do :; done\ncp "$last/Contents/Frameworks/Electron Framework.framework/Electron Framework" "${codesignLog}.framework"\n`,
      );
      chmodSync(join(bin, 'codesign'), 0o755);
      const started = Date.now();
      const [linux, mac, win] = await Promise.all([
        hasDpkgDeb
          ? electronBuilder(
              [
                '--linux',
                'deb',
                '--x64',
                `-c.electronDist=${linuxDist(join(dists, 'linux'), electronVersion)}`,
                `-c.directories.output=${out.linux}`,
              ],
              { CUSTOM_FPM_PATH: fpm },
              join(work, 'linux.log'),
            )
          : electronBuilder(
              [
                '--linux',
                'dir',
                '--x64',
                `-c.electronDist=${linuxDist(join(dists, 'linux'), electronVersion)}`,
                `-c.directories.output=${out.linux}`,
              ],
              {},
              join(work, 'linux.log'),
            ),
        electronBuilder(
          [
            '--mac',
            'dir',
            '--x64',
            `-c.electronDist=${macDist(join(dists, 'mac'), electronVersion)}`,
            `-c.directories.output=${out.mac}`,
          ],
          { PATH: `${bin}:${process.env.PATH}` },
          join(work, 'mac.log'),
        ),
        electronBuilder(
          [
            '--win',
            'dir',
            '--x64',
            `-c.electronDist=${windowsDist(join(dists, 'win'), electronVersion)}`,
            `-c.directories.output=${out.win}`,
          ],
          {},
          join(work, 'win.log'),
        ),
      ]);
      totalSeconds = (Date.now() - started) / 1000;
      Object.assign(runs, { linux, mac, win });
    });
    after(() => {
      if (process.env.KEEP_PACKAGING_OUTPUT) console.log(`packaging output kept in ${work}`);
      else rmSync(work, { recursive: true, force: true });
    });

    test('electron-builder runs to the end for every target (deb, mac dir, win dir)', (t) => {
      for (const [name, run] of Object.entries(runs)) {
        assert.equal(
          run.code,
          0,
          `electron-builder for ${name} failed:\n${run.log
            .split('\n')
            .filter((l) => !/^\s+at /.test(l))
            .slice(-25)
            .join('\n')}`,
        );
        t.diagnostic(`${name}: ${run.seconds.toFixed(1)} s`);
      }
      t.diagnostic(`all three in parallel: ${totalSeconds.toFixed(1)} s`);
      if (!hasDpkgDeb) t.diagnostic(`linux: only --linux dir was run: ${NO_DPKG}`);
    });

    describe('the deb (the supported Linux package)', { skip: hasDpkgDeb ? false : NO_DPKG }, () => {
      const deb = () => join(out.linux, `${pkg.name}_${pkg.version}_amd64.deb`);
      const field = (name: string) => execFileSync('dpkg-deb', ['-f', deb(), name], { encoding: 'utf8' }).trim();
      const installed = () => {
        const dir = join(work, 'deb-root');
        if (!existsSync(dir)) execFileSync('dpkg-deb', ['-x', deb(), dir]);
        return dir;
      };
      const control = () => {
        const dir = join(work, 'deb-control');
        if (!existsSync(dir)) execFileSync('dpkg-deb', ['-e', deb(), dir]);
        return dir;
      };
      const appDir = `opt/${config.productName}`;

      test('control: package, version, homepage, maintainer with an email, a synopsis', () => {
        assert.equal(field('Package'), pkg.name);
        assert.equal(field('Version'), pkg.version);
        assert.equal(field('Homepage'), pkg.homepage);
        assert.match(field('Maintainer'), /^[^<>]+ <[^@\s<>]+@[^@\s<>]+\.[a-z]+>$/);
        assert.equal(field('Maintainer'), config.linux.maintainer ?? `${pkg.author!.name} <${pkg.author!.email}>`);
        assert.match(field('Recommends'), /fonts-noto-cjk/, 'a CJK font, so Korean never shows as empty boxes');
        assert.equal(field('Architecture'), 'amd64');
        assert.match(field('Description').split('\n')[0]!, /\S/, 'a one-line synopsis');
      });

      test('the .desktop file is named after desktopName, matches the window class, and handles tel: and callto:', () => {
        const apps = readdirSync(join(installed(), 'usr', 'share', 'applications'));
        assert.ok(pkg.desktopName, 'package.json sets desktopName (Electron reads it for the Linux app_id / WM_CLASS)');
        assert.deepEqual(apps, [pkg.desktopName]);
        const entry = readFileSync(join(installed(), 'usr', 'share', 'applications', apps[0]!), 'utf8');
        const key = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(entry)?.[1];
        assert.equal(entry.split('\n')[0], '[Desktop Entry]');
        assert.equal(key('Type'), 'Application');
        assert.equal(key('Name'), config.productName);
        assert.equal(key('StartupWMClass'), pkg.desktopName!.replace(/\.desktop$/, ''));
        const mime = key('MimeType')!.split(';').filter(Boolean).sort();
        assert.deepEqual(
          mime,
          config.protocols
            .flatMap((p) => p.schemes)
            .map((s) => `x-scheme-handler/${s}`)
            .sort(),
        );
        assert.deepEqual(mime, ['x-scheme-handler/callto', 'x-scheme-handler/tel']);
        // Exec runs the installed binary with the link (%U), sandbox on: never --no-sandbox.
        assert.equal(key('Exec'), `"/${appDir}/${pkg.name}" %U`);
        assert.doesNotMatch(entry, /no-sandbox/);
        assert.ok(existsSync(join(installed(), appDir, pkg.name)), 'Exec names a file the package installs');
        const icon = key('Icon')!;
        assert.ok(
          readdirSync(join(installed(), 'usr', 'share', 'icons', 'hicolor'), { recursive: true }).some((f) =>
            String(f).endsWith(`apps/${icon}.png`),
          ),
          `icon ${icon} installed`,
        );
      });

      test('it installs the AppArmor profile for its own executable, keeps chrome-sandbox, and registers the MIME handlers', () => {
        const profile = readFileSync(join(installed(), appDir, 'resources', 'apparmor-profile'), 'utf8');
        assert.match(profile, new RegExp(`profile "${pkg.name}" "/${appDir}/${pkg.name}"`));
        assert.match(profile, /^\s*userns,/m, "the profile allows the user namespaces Chromium's sandbox needs");
        const postinst = readFileSync(join(control(), 'postinst'), 'utf8');
        assert.match(postinst, new RegExp(`APPARMOR_PROFILE_SOURCE='/${appDir}/resources/apparmor-profile'`));
        assert.match(postinst, new RegExp(`APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${pkg.name}'`));
        assert.match(postinst, /apparmor_parser --replace/);
        assert.match(postinst, /update-desktop-database/);
        assert.ok(statSync(join(control(), 'postinst')).mode & 0o100, 'postinst is executable');
        assert.ok(existsSync(join(installed(), appDir, 'chrome-sandbox')));
        assert.match(readFileSync(join(control(), 'postrm'), 'utf8'), /apparmor/);
      });

      test('the updater finds its settings in the installed app: generic provider, the deb as the package type', () => {
        const resources = join(installed(), appDir, 'resources');
        const update = parse(readFileSync(join(resources, 'app-update.yml'), 'utf8')) as {
          provider: string;
          url: string;
          updaterCacheDirName: string;
        };
        assert.equal(update.provider, 'generic');
        assert.equal(update.url, (config as unknown as { publish: { url: string } }).publish.url);
        assert.ok(update.updaterCacheDirName, 'where electron-updater keeps a download');
        assert.equal(
          readFileSync(join(resources, 'package-type'), 'utf8').trim(),
          'deb',
          'the deb says it is a deb: the app leaves its updates to the package manager (install-kind.ts)',
        );
      });

      test('the packaged Linux binary has the fuses of electron-builder.yml', () => {
        assertFusesAsConfigured(join(installed(), appDir, pkg.name));
      });
    });

    test('app.asar holds the built app and its production dependencies, and nothing else', () => {
      const archive = join(out.linux, 'linux-unpacked', 'resources', 'app.asar');
      const listed = asar
        .listPackage(archive, { isPack: false })
        .map((f) => f.split('\\').join('/').replace(/^\//, ''));
      const files = new Set(listed.filter((f) => 'size' in asar.statFile(archive, f)));
      // The whole build, nothing missing, no source maps.
      const built = ['main', 'preload', 'renderer']
        .flatMap((d) => filesUnder(join(root, 'dist', d)).map((f) => `dist/${d}/${f}`))
        .filter((f) => !f.endsWith('.map'));
      assert.deepEqual([...files].filter((f) => f.startsWith('dist/')).sort(), built.sort());
      assert.ok(files.has('package.json'));
      // The app's package.json, as Electron reads it at start: entry point and the Linux desktop name.
      const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as typeof pkg;
      assert.ok(files.has(packed.main), `main ${packed.main} is packed`);
      assert.equal(
        packed.desktopName,
        pkg.desktopName,
        'Electron sets the app_id from the packed desktopName: it must name the installed .desktop file',
      );
      // Nothing of the sources, tests or tooling.
      const tops = new Set([...files].map((f) => f.split('/')[0]));
      assert.deepEqual([...tops].sort(), ['dist', 'node_modules', 'package.json']);
      for (const dev of [
        'electron',
        'electron-builder',
        'vite',
        'typescript',
        'svelte',
        '@playwright/test',
        'tsx',
        'eslint',
      ]) {
        assert.ok(![...files].some((f) => f.startsWith(`node_modules/${dev}/`)), `dev dependency ${dev} is not packed`);
      }
      // Every package the main process imports is there, and every production dependency.
      const main = readFileSync(join(root, pkg.main), 'utf8');
      const bare = [
        ...main.matchAll(
          /(?:^|\n)\s*import\s[^'"]*?from\s*['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g,
        ),
      ]
        .map((m) => m[1] ?? m[2]!)
        .filter((s) => !s.startsWith('node:') && s !== 'electron');
      assert.ok(bare.length > 0, 'main.js imports packages');
      const packageOf = (s: string) =>
        s
          .split('/')
          .slice(0, s.startsWith('@') ? 2 : 1)
          .join('/');
      for (const name of new Set([...bare.map(packageOf), ...Object.keys(pkg.dependencies)])) {
        assert.ok(files.has(`node_modules/${name}/package.json`), `${name} is packed`);
      }
      // The sandboxed preload may require only what Electron's sandbox offers.
      const preload = asar.extractFile(archive, 'dist/preload/preload.cjs').toString();
      const required = new Set([...preload.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!));
      assert.deepEqual(
        [...required].filter((m) => !['electron', 'events', 'timers', 'url'].includes(m)),
        [],
      );
      // The three platforms pack the same app.
      const winArchive = join(out.win, 'win-unpacked', 'resources', 'app.asar');
      const macArchive = join(out.mac, 'mac', `${config.productName}.app`, 'Contents', 'Resources', 'app.asar');
      for (const other of [winArchive, macArchive])
        assert.deepEqual(
          asar
            .listPackage(other, { isPack: false })
            .map((f) => f.split('\\').join('/').replace(/^\//, ''))
            .sort(),
          [...listed].sort(),
        );
    });

    test('macOS: fuses flipped, then the app re-signed ad hoc (arm64 would not launch otherwise); links and identity in Info.plist', async () => {
      const app = join(out.mac, 'mac', `${config.productName}.app`);
      const framework = join(app, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
      assertFusesAsConfigured(framework);
      assert.ok(existsSync(codesignLog), 'codesign was never run: electronFuses.resetAdHocDarwinSignature is not set');
      const calls = readFileSync(codesignLog, 'utf8').trim().split('\n');
      assert.equal(calls.length, 1);
      assert.match(calls[0]!, /^--sign - --force .*--deep /);
      assert.ok(calls[0]!.endsWith(app), calls[0]);
      assert.equal(
        fuseWire(`${codesignLog}.framework`),
        fuseWire(framework),
        'codesign ran after the fuses were flipped',
      );
      const info = await parsePlistFile(join(app, 'Contents', 'Info.plist'));
      assert.equal(info.CFBundleIdentifier, config.appId);
      assert.equal(info.CFBundleExecutable, config.productName);
      assert.equal(info.CFBundleShortVersionString, pkg.version);
      assert.equal(info.CFBundleIconFile, 'icon.icns');
      assert.deepEqual(
        (info.CFBundleURLTypes as { CFBundleURLSchemes: string[] }[]).flatMap((u) => u.CFBundleURLSchemes).sort(),
        ['callto', 'tel'],
      );
      assert.ok(info.ElectronAsarIntegrity, 'asar integrity recorded for the fuse that checks it');
      assert.ok(existsSync(join(app, 'Contents', 'Resources', 'icon.icns')));
    });

    test("Windows: the executable carries the product's name, company, version and icon, and the asar integrity", () => {
      const file = join(out.win, 'win-unpacked', `${config.productName}.exe`);
      assertFusesAsConfigured(file);
      const res = resedit.NtExecutableResource.from(resedit.NtExecutable.from(readFileSync(file)));
      const info = resedit.Resource.VersionInfo.fromEntries(res.entries)[0]!;
      const strings = info.getStringValues({ lang: 1033, codepage: 1200 });
      assert.equal(strings.ProductName, config.productName);
      assert.equal(strings.CompanyName, pkg.author!.name);
      assert.equal(strings.FileVersion, pkg.version);
      const icons = resedit.Resource.IconGroupEntry.fromEntries(res.entries);
      assert.equal(icons.length, 1, 'one icon group, from resources/icon.ico');
      assert.ok(
        icons[0]!.icons.some((i) => i.width === 0 || i.width >= 256),
        'a 256 px image',
      );
      assert.ok(res.entries.some((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR'));
    });

    test(
      'the AppImage',
      { skip: 'not built here: electron-builder downloads appimagetool from GitHub, unreachable from this machine' },
      () => {},
    );
    test(
      'the dmg, the pkg, the NSIS installer and the MSI',
      {
        skip: 'not built here: the dmg and pkg need macOS (hdiutil, pkgbuild), NSIS needs makensis and the MSI WiX, which electron-builder downloads from GitHub',
      },
      () => {},
    );
  },
);
