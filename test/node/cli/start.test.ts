// Getting started without Electron's binary (offline, behind a proxy): `npm install` never fails
// because of it, and `npm start` opens the browser preview instead, saying why in one line.
// Electron's own downloader runs for real, against a mirror on 127.0.0.1 that answers 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseLaunch, type LaunchDeps } from '../../../src-main/node/cli/launch-choice.ts';
import { waitFor } from '../helpers/raw-client.ts';
import {
  downloadElectron,
  downloaderEnv,
  electronExecutable,
  electronPackageDir,
  failureReason,
  type DownloadResult,
} from '../../../src-main/node/cli/electron-binary.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const loopbackOnly = join(root, 'test', 'node', 'helpers', 'loopback-only.mjs');

/** A mirror that has nothing: every request gets a 404; the paths asked for are kept. */
async function emptyMirror(): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked, server };
}

/** An environment where the binary is missing and every download goes to `mirror` (never the internet). */
function offlineEnv(mirror: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANG: 'C',
    ELECTRON_MIRROR: mirror,
    // An empty folder where electron would look for its binary: missing here even if this machine has one.
    ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'electron-dist-')),
    electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')),
    NODE_OPTIONS: `--import ${loopbackOnly}`,
    // Never a real browser from a test.
    CTI_NO_OPEN: '1',
  };
  for (const name of [
    'ELECTRON_SKIP_BINARY_DOWNLOAD',
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'ELECTRON_CUSTOM_DIR',
    'ELECTRON_CUSTOM_FILENAME',
    'npm_config_electron_mirror',
  ])
    delete env[name];
  return env;
}

/** A package folder holding an Electron executable, as electron's install.js leaves it. */
function installedElectron(): string {
  const dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'path.txt'), 'electron');
  writeFileSync(join(dir, 'dist', 'electron'), '');
  return dir;
}

function deps(overrides: Partial<LaunchDeps>): LaunchDeps & { announced: string[] } {
  const announced: string[] = [];
  return {
    findExecutable: () => undefined,
    download: () => Promise.reject(new Error('no download expected')),
    skipDownload: false,
    lang: 'en',
    announce: (line) => announced.push(line),
    announced,
    ...overrides,
  };
}

describe('npm start without Electron binary', () => {
  let mirror: Awaited<ReturnType<typeof emptyMirror>>;
  const electronDir = electronPackageDir(root);
  before(async () => {
    mirror = await emptyMirror();
  });
  after(() => new Promise<void>((resolve) => mirror.server.close(() => resolve())));

  test('binary missing, download fails (mirror answers 404): the preview, with one line saying why and how to get the desktop app', async () => {
    assert.ok(electronDir, 'the electron package is installed');
    const env = offlineEnv(mirror.url);
    const before = mirror.asked.length;
    const choice = await chooseLaunch({
      ...deps({}),
      findExecutable: () => electronExecutable(electronDir, env),
      download: () => downloadElectron(electronDir, { env, timeoutMs: 60_000 }),
    });
    assert.ok(mirror.asked.length > before, 'electron downloader asked the mirror');
    assert.match(mirror.asked.at(-1)!, /electron-v[\d.]+-\w+-\w+\.zip$/);
    assert.equal(choice.kind, 'preview');
    const message = choice.kind === 'preview' ? choice.message : '';
    assert.doesNotMatch(message, /\n/, 'one line');
    assert.match(message, /browser preview/);
    assert.match(message, /404/, 'says why');
    assert.match(message, /desktop app, run npm start again/);
  });

  test('binary present: Electron, nothing downloaded', async () => {
    const dir = installedElectron();
    const d = deps({ findExecutable: () => electronExecutable(dir, {}) });
    const choice = await chooseLaunch(d);
    assert.deepEqual(choice, { kind: 'electron', executable: join(dir, 'dist', 'electron') });
    assert.deepEqual(d.announced, []);
  });

  test('binary missing, the download brings it: Electron', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
    const download = async (): Promise<DownloadResult> => {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'path.txt'), 'electron');
      writeFileSync(join(dir, 'dist', 'electron'), '');
      return { ok: true };
    };
    const d = deps({ findExecutable: () => electronExecutable(dir, {}), download });
    assert.deepEqual(await chooseLaunch(d), { kind: 'electron', executable: join(dir, 'dist', 'electron') });
    assert.match(d.announced.join('\n'), /Downloading Electron's binary/);
  });

  test('ELECTRON_SKIP_BINARY_DOWNLOAD set: no download, the preview saying so (in Korean too)', async () => {
    const en = await chooseLaunch(deps({ skipDownload: true }));
    assert.equal(en.kind, 'preview');
    assert.match(en.kind === 'preview' ? en.message : '', /ELECTRON_SKIP_BINARY_DOWNLOAD is set.*browser preview/);
    const ko = await chooseLaunch(deps({ skipDownload: true, lang: 'ko' }));
    assert.match(ko.kind === 'preview' ? ko.message : '', /브라우저 미리보기/);
  });

  test("the downloader's stack trace becomes one line: the error, not the stack", () => {
    const stack =
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45.5.0/electron.zip\n    at FetchDownloader.download (file:///x.js:1:1)\n    at async y\n';
    assert.equal(
      failureReason(stack, 1, null),
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45.5.0/electron.zip',
    );
    assert.equal(failureReason('', null, 'SIGTERM'), 'stopped by SIGTERM');
  });

  test("a proxy set for npm (npm config's https-proxy / proxy) or in HTTPS_PROXY is the downloader's too", () => {
    const viaNpm = downloaderEnv({ npm_config_https_proxy: 'http://proxy.corp:3128', npm_config_noproxy: 'intranet' });
    assert.equal(viaNpm.HTTPS_PROXY, 'http://proxy.corp:3128');
    assert.equal(viaNpm.NO_PROXY, 'intranet');
    assert.equal(viaNpm.ELECTRON_GET_USE_PROXY, '1', '@electron/get uses a proxy only when asked');
    const own = downloaderEnv({ HTTPS_PROXY: 'http://mine:8080', npm_config_https_proxy: 'http://proxy.corp:3128' });
    assert.equal(own.HTTPS_PROXY, 'http://mine:8080', 'the environment wins over npm config');
    assert.equal(own.ELECTRON_GET_USE_PROXY, '1');
    const none = downloaderEnv({ ELECTRON_MIRROR: 'https://mirror.example/' });
    assert.deepEqual(none, { ELECTRON_MIRROR: 'https://mirror.example/' }, 'no proxy: nothing added');
  });

  function run(
    script: string,
    env: NodeJS.ProcessEnv,
    until?: RegExp,
  ): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [script], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const check = () => {
        if (until?.test(out)) child.kill('SIGTERM');
      };
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        check();
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });
  }

  test('postinstall: the download fails, the install does not (exit 0, one line saying so)', async () => {
    const before = mirror.asked.length;
    const r = await run('src-main/node/cli/postinstall.ts', offlineEnv(mirror.url));
    assert.equal(r.code, 0, r.out + r.err);
    assert.ok(mirror.asked.length > before, 'it tried the download');
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 2, r.out);
    assert.match(lines[0]!, /^Downloading Electron's binary/);
    assert.match(
      lines[1]!,
      /^Electron's binary could not be downloaded \(HTTPError: Response code 404.*\): npm start tries again/,
    );
  });

  test('postinstall with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI): nothing fetched, nothing said, exit 0', async () => {
    const before = mirror.asked.length;
    const r = await run('src-main/node/cli/postinstall.ts', {
      ...offlineEnv(mirror.url),
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    });
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(mirror.asked.length, before);
    assert.equal(r.out, '');
  });

  test('npm start (the launcher) offline: one line on stderr, then the preview runs, prints its address last and alone, and opens it', async () => {
    // The browser opener (xdg-open) as a stand-in that writes down what it was asked to open.
    const bin = mkdtempSync(join(tmpdir(), 'fake-opener-'));
    const opened = join(bin, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`, { mode: 0o755 });
    const env: NodeJS.ProcessEnv = { ...offlineEnv(mirror.url), PATH: `${bin}:${process.env.PATH ?? ''}` };
    delete env.CI;
    delete env.CTI_NO_OPEN;
    const r = await run('src-main/node/cli/start.ts', env, /preview: http:\/\/127\.0\.0\.1:\d+\/\?bridge=.*\n/);
    assert.match(r.out, /preview: http:\/\/127\.0\.0\.1:\d+\/\?bridge=.*&token=/, r.out + r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines.at(-1)!, /^preview: http/, 'the address is the last line printed');
    assert.equal(lines.at(-2), '', 'alone: an empty line before it');
    const url = lines.at(-1)!.slice('preview: '.length);
    await waitFor(() => existsSync(opened) || undefined, 5000, 'the opener ran');
    assert.equal(readFileSync(opened, 'utf8'), `${url}\n`, 'xdg-open got the address as one argument');
    const said = r.err.split('\n').filter((line) => line && !line.startsWith('['));
    assert.equal(said.length, 1, r.err);
    assert.match(
      said[0]!,
      /could not be downloaded \(HTTPError: Response code 404.*browser preview instead; for the desktop app/,
    );
  });
});
