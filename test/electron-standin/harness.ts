// The test side: builds the app as `npm run build` does (main, preload, toolbar; cached by the
// sources' hash, so every test file shares one build), then runs the built dist/main/main.js in a
// child process against the stand-in, for the OS asked, in a home of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import type { JournalEntry, Os } from './electron.ts';
import type { Operations, Snapshot } from './control.ts';

export const root = join(import.meta.dirname, '..', '..');
const here = import.meta.dirname;
/** The sources to build: this checkout, or (STANDIN_SOURCES) another copy, e.g. to see a test fail on older code. */
const sources = process.env.STANDIN_SOURCES ?? root;

function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...['src-main', 'src-renderer'].flatMap((dir) =>
      readdirSync(join(sources, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name)),
    ),
    join(sources, 'package.json'),
  ].sort();
  hash.update(sources);
  for (const file of files) hash.update(relative(sources, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function vite(args: string[]): void {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`vite build ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
}

/** The built app (dist/main, dist/preload, dist/renderer, resources, package.json) for the current sources. */
export async function builtApp(): Promise<string> {
  const base = join(root, '.tmp', 'electron-standin');
  const dir = join(base, `app-${sourcesHash()}`);
  const done = join(dir, 'built');
  const lock = `${dir}.lock`;
  mkdirSync(base, { recursive: true });
  for (const deadline = Date.now() + 180_000; !existsSync(done);) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test process is building it: wait (a lock left by a killed run goes stale).
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 150_000)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (existsSync(done)) break;
      // Builds of older sources, once no test can still be running one.
      for (const old of readdirSync(base)) {
        const path = join(base, old);
        if (
          old.startsWith('app-') &&
          !old.endsWith('.lock') &&
          path !== dir &&
          Date.now() - statSync(path).mtimeMs > 15 * 60_000
        )
          rmSync(path, { recursive: true, force: true });
      }
      rmSync(dir, { recursive: true, force: true });
      const config = join(sources, 'src-main', 'electron-main', 'vite.config.ts');
      vite(['-c', config, '--outDir', join(dir, 'dist', 'main')]);
      vite(['-c', config, '--mode', 'preload', '--outDir', join(dir, 'dist', 'preload')]);
      vite(['-c', join(sources, 'src-renderer', 'vite.config.ts'), '--outDir', join(dir, 'dist', 'renderer')]);
      cpSync(join(sources, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(root, 'resources'), join(dir, 'resources'));
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(done, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

export interface LaunchOptions {
  platform: Os;
  packaged?: boolean;
  /** Changes to the default settings, written to the settings file before start. */
  settings?: (settings: Settings) => void;
  /** The server password, kept as the app keeps it (safeStorage). */
  password?: string;
  /** Extra environment (the child gets a clean home and no display variables otherwise). */
  env?: Record<string, string>;
  /** Arguments after the app (e.g. a tel: link). */
  argv?: string[];
  lockFree?: boolean;
  faults?: string[];
  takenShortcuts?: string[];
  languages?: string[];
  /** The user-data folder cannot be written (a file stands where it should be: even root cannot write in it). */
  userDataUnwritable?: boolean;
  /** The home of an earlier run (a restart); left in place at stop. */
  home?: string;
  /**
   * The organisation's policy file (Windows only: the simulated system drive is the home, so its
   * place, <home>/ProgramData/Nexus Toolbar, is the test's).
   */
  policy?: unknown;
  /** Windows: the security descriptors (SDDL) the stand-in PowerShell gives for the policy's folder and file (default: administrators only). */
  policyAcl?: { folder?: string; file?: string };
  /** Windows: the signer (a certificate subject) the stand-in PowerShell reports for any installer; default: not signed. */
  installersSignedBy?: string;
  /** Windows: how long the stand-in PowerShell takes to answer (a slow, locked-down PC); default: at once. */
  powershellTakesMs?: number;
  /** resources/app-update.yml, as electron-builder writes it into an installed app that has a `publish` setting. */
  appUpdateConfig?: Record<string, unknown>;
  /**
   * Windows, packaged: installed by the NSIS installer (its uninstaller beside the exe) or by the
   * MSI (none); the install folder is then in the home (`Program Files/Nexus Toolbar`).
   */
  windowsInstaller?: 'nsis' | 'msi';
}

export interface Shell {
  home: string;
  userData: string;
  env: Record<string, string>;
  op<K extends keyof Operations>(
    name: K,
    ...args: Parameters<Operations[K]>
  ): Promise<Awaited<ReturnType<Operations[K]>>>;
  snapshot(): Promise<Snapshot>;
  /** Polls the snapshot until `probe` answers something truthy. */
  until<T>(what: string, probe: (s: Snapshot) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Every call Electron would have refused. */
  refusals(): Promise<JournalEntry[]>;
  journal(): Promise<JournalEntry[]>;
  output(): string;
  stop(): Promise<void>;
}

const STANDIN_ENCRYPTED = 'standin-encrypted:';

/**
 * The simulated Windows folder, <home>/Windows (register.ts points the kernel's \\?\GLOBALROOT\SystemRoot
 * there): the system drive is then the home, and its PowerShell is windows-powershell.mjs.
 */
function simulatedWindowsFolder(
  home: string,
  { policyAcl: acl, installersSignedBy: signer, powershellTakesMs }: LaunchOptions,
): void {
  const windows = join(home, 'Windows');
  const powershell = join(windows, 'System32', 'WindowsPowerShell', 'v1.0');
  mkdirSync(join(powershell, 'Modules'), { recursive: true });
  writeFileSync(
    join(powershell, 'powershell.exe'),
    `#!${process.execPath}\nimport(${JSON.stringify(pathToFileURL(join(here, 'windows-powershell.mjs')).href)});\n`,
    { mode: 0o755 },
  );
  const folder = join(home, 'ProgramData', 'Nexus Toolbar');
  writeFileSync(
    join(windows, 'acl.json'),
    JSON.stringify({
      ...(acl?.folder ? { [folder]: acl.folder } : {}),
      ...(acl?.file ? { [join(folder, 'policy.json')]: acl.file } : {}),
    }),
  );
  writeFileSync(join(windows, 'answer-delay.json'), JSON.stringify(powershellTakesMs ?? 0));
  rmSync(join(windows, 'signature.json'), { force: true }); // a restart in the same home
  if (signer) writeFileSync(join(windows, 'signature.json'), JSON.stringify({ status: 'Valid', subject: signer }));
}

export async function launchShell(options: LaunchOptions): Promise<Shell> {
  const app = await builtApp();
  const home = options.home ?? mkdtempSync(join(tmpdir(), `standin-${options.platform}-`));
  const userData = join(home, 'userData');
  mkdirSync(userData, { recursive: true });
  const settings = defaultSettings();
  options.settings?.(settings);
  writeFileSync(join(userData, 'settings.json'), JSON.stringify(settings));
  if (options.password !== undefined) {
    const sealed = Buffer.from(STANDIN_ENCRYPTED + Buffer.from(options.password).toString('base64'));
    writeFileSync(join(userData, 'credentials.bin'), sealed.toString('base64'));
  }
  if (options.userDataUnwritable) {
    rmSync(userData, { recursive: true, force: true });
    writeFileSync(userData, '');
  }
  const programData = join(home, 'ProgramData');
  if (options.platform === 'win32') simulatedWindowsFolder(home, options);
  if (options.policy !== undefined) {
    if (options.platform !== 'win32')
      throw new Error('a policy file can be given on win32 only (elsewhere its place is a system folder)');
    mkdirSync(join(programData, 'Nexus Toolbar'), { recursive: true });
    writeFileSync(
      join(programData, 'Nexus Toolbar', 'policy.json'),
      typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy),
    );
  }
  let resourcesPath: string | undefined;
  if (options.appUpdateConfig) {
    resourcesPath = join(home, 'resources');
    rmSync(resourcesPath, { recursive: true, force: true }); // a restart in the same home
    mkdirSync(resourcesPath, { recursive: true });
    for (const entry of readdirSync(join(root, 'resources')))
      symlinkSync(join(root, 'resources', entry), join(resourcesPath, entry));
    writeFileSync(join(resourcesPath, 'app-update.yml'), stringify(options.appUpdateConfig));
  }
  let installedExe: string | undefined;
  if (options.windowsInstaller) {
    const dir = join(home, 'Program Files', 'Nexus Toolbar');
    mkdirSync(dir, { recursive: true });
    installedExe = join(dir, 'Nexus Toolbar.exe');
    writeFileSync(installedExe, '');
    if (options.windowsInstaller === 'nsis') writeFileSync(join(dir, 'Uninstall Nexus Toolbar.exe'), '');
  }
  const execPath =
    installedExe ??
    (options.platform === 'win32'
      ? 'C:\\Program Files\\Nexus Toolbar\\Nexus Toolbar.exe'
      : options.platform === 'darwin'
        ? '/Applications/Nexus Toolbar.app/Contents/MacOS/Nexus Toolbar'
        : '/opt/Nexus Toolbar/nexus-toolbar');
  const standinOptions = {
    platform: options.platform,
    home,
    appPath: app,
    execPath: options.packaged
      ? execPath
      : join(app, 'node_modules', 'electron', 'dist', options.platform === 'win32' ? 'electron.exe' : 'electron'),
    packaged: options.packaged ?? false,
    lockFree: options.lockFree ?? true,
    faults: options.faults ?? [],
    takenShortcuts: options.takenShortcuts ?? [],
    preferredLanguages: options.languages ?? ['en-US'],
    ...(resourcesPath ? { resourcesPath } : {}),
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: join(home, 'home'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_DATA_DIRS: join(home, 'system-data'),
    TMPDIR: tmpdir(),
    // %ProgramData% elsewhere than the policy: the app must not follow it.
    ...(options.platform === 'win32'
      ? { ProgramData: join(home, 'AgentsOwnProgramData'), LOCALAPPDATA: join(home, 'LocalAppData') }
      : {}),
    STANDIN_OPTIONS: JSON.stringify(standinOptions),
    STANDIN_MAIN: join(app, 'dist', 'main', 'main.js'),
    STANDIN_ARGV: JSON.stringify(options.argv ?? []),
    ...options.env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', join(here, 'register.ts'), join(here, 'run-main.ts')],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let loaded: (value: { kind: string; message?: string }) => void = () => undefined;
  const loading = new Promise<{ kind: string; message?: string }>((resolve) => (loaded = resolve));
  child.on(
    'message',
    (m: { id?: number; ok?: boolean; result?: unknown; error?: string; kind?: string; message?: string }) => {
      if (m.kind) return loaded(m as { kind: string; message?: string });
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.ok) p?.resolve(m.result);
      else p?.reject(new Error(m.error));
    },
  );
  child.on('exit', (code) => {
    loaded({ kind: 'exited', message: `exit ${code}` });
    for (const p of pending.values()) p.reject(new Error(`the shell's process ended (${code}):\n${out}`));
    pending.clear();
  });
  const started = await loading;
  if (started.kind !== 'loaded') {
    child.kill('SIGKILL');
    throw new Error(`the built main.js did not load: ${started.message}\n${out}`);
  }
  const op = (name: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op: name, args });
    });
  const shell: Shell = {
    home,
    userData,
    env,
    op: op as Shell['op'],
    snapshot: () => op('snapshot') as Promise<Snapshot>,
    async until(what, probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Snapshot | undefined;
      for (;;) {
        last = await shell.snapshot();
        const found = probe(last);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${what}\nlast snapshot: ${JSON.stringify(last, null, 1).slice(0, 6000)}\noutput:\n${out}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    refusals: async () => ((await op('journal')) as JournalEntry[]).filter((e) => e.refused),
    journal: () => op('journal') as Promise<JournalEntry[]>,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
  return shell;
}

/** The toolbar: the window that loads the app's own page. */
export function toolbarOf(snapshot: Snapshot): Snapshot['windows'][number] | undefined {
  return snapshot.windows.find(
    (w) => typeof w.options.webPreferences === 'object' && (w.options.webPreferences as { preload?: string }).preload,
  );
}
