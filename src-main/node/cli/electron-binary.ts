// Electron's binary: where it is, and fetching it with Electron's own downloader
// (node_modules/electron/install.js: @electron/get, so ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR,
// electron_config_cache and the rest keep working). Shared by the root `postinstall` and `npm start`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder of the installed `electron` package, or undefined when it is not installed. */
export function electronPackageDir(projectRoot: string): string | undefined {
  try {
    return dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * The Electron executable, when it is on disk: as electron's index.js finds it (`path.txt` names it
 * inside `dist/`, or inside ELECTRON_OVERRIDE_DIST_PATH).
 */
export function electronExecutable(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let name: string | undefined;
  try {
    name = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim() || undefined;
  } catch {
    name = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? join(override, name ?? 'electron') : name ? join(electronDir, 'dist', name) : undefined;
  return executable && existsSync(executable) ? executable : undefined;
}

/** ELECTRON_SKIP_BINARY_DOWNLOAD as Electron has always read it: set and not "0"/"false". */
export function downloadSkipped(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.ELECTRON_SKIP_BINARY_DOWNLOAD?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * The environment for the downloader: a proxy named the usual ways (HTTPS_PROXY / HTTP_PROXY, or
 * npm's own `https-proxy` / `proxy` settings, which npm hands its scripts as npm_config_*) is used:
 * @electron/get only goes through one when ELECTRON_GET_USE_PROXY is set, and Node's fetch only
 * with NODE_USE_ENV_PROXY.
 */
export function downloaderEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  const npmProxy = env.npm_config_https_proxy || env.npm_config_proxy;
  if (npmProxy && !env.HTTPS_PROXY && !env.https_proxy) out.HTTPS_PROXY = npmProxy;
  if (env.npm_config_proxy && !env.HTTP_PROXY && !env.http_proxy) out.HTTP_PROXY = env.npm_config_proxy;
  if (env.npm_config_noproxy && !env.NO_PROXY && !env.no_proxy) out.NO_PROXY = env.npm_config_noproxy;
  const proxied = Boolean(out.HTTPS_PROXY || out.https_proxy || out.HTTP_PROXY || out.http_proxy);
  if (proxied) {
    out.ELECTRON_GET_USE_PROXY ??= '1';
    out.NODE_USE_ENV_PROXY ??= '1';
  }
  return out;
}

export type DownloadResult = { ok: true } | { ok: false; reason: string };
export type Downloader = () => Promise<DownloadResult>;

/** The one line worth showing of what the downloader wrote when it failed (it prints a stack). */
export function failureReason(output: string, code: number | null, signal: NodeJS.Signals | null): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const line = lines.find((l) => /error/i.test(l) && !/^at /.test(l)) ?? lines.find((l) => !/^at /.test(l));
  const reason = line ?? (signal ? `stopped by ${signal}` : `exit code ${code}`);
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

/**
 * Runs Electron's own install.js in a child process (quietly: its error is condensed to one
 * line); ok once the executable is on disk. Never throws; gives up after `timeoutMs`.
 */
export function downloadElectron(
  electronDir: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<DownloadResult> {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return Promise.resolve({ ok: false, reason: `${installer} not found` });
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [installer], {
      cwd: electronDir,
      env: { ...downloaderEnv(options.env ?? process.env), ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const keep = (chunk: Buffer) => {
      if (output.length < 64 * 1024) output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(
      () => {
        output = `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`;
        child.kill();
      },
      options.timeoutMs ?? 10 * 60_000,
    );
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) resolve({ ok: false, reason: failureReason(output, code, signal) });
      else
        resolve(
          electronExecutable(electronDir, options.env)
            ? { ok: true }
            : { ok: false, reason: 'the download left no executable' },
        );
    });
  });
}
