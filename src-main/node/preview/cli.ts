// `npm run preview -- [--port N] [--sim-control-port C] [--config settings.json] [--policy policy.json]`
// The same app core and the same toolbar as the desktop app, in a browser tab.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppController } from '../app/app-controller.ts';
import type { ConnectionPorts } from '../app/connection.ts';
import { FileSettingsStore } from '../settings/file-settings-store.ts';
import { MemorySecretStore } from '../settings/memory-secret-store.ts';
import { PolicyFile } from '../settings/managed-policy.ts';
import { CoreSupervisor } from './core-supervisor.ts';
import { PreviewPlatform } from './preview-platform.ts';
import { startPreview, type Preview } from './preview-server.ts';
import { escapeForLog } from '../app/diagnostics/logging.ts';
import { openInBrowser } from './open-browser.ts';
import { portInUse } from './port-in-use.ts';

const HELP = `Usage: npm run preview -- [options]

Runs the toolbar in a browser against the configured server, or, with no server configured,
against the built-in simulator in demo mode.

  --port N               the preview's port on 127.0.0.1 (default: any free port)
  --sim-control-port C   the demo simulator's control port (default: any free port); its token is
                         printed at start: send "Authorization: Bearer <token>" with every request
  --sim-port P           the demo simulator's nxproxy_rio port (default: any free port)
  --config FILE          the settings file to use and keep (default: a fresh temporary one)
  --password-env NAME    read the server password from this environment variable
  --policy FILE          an organisation's policy file (managed settings), watched for changes
                         (default: none; the desktop app reads the machine-wide one)
  --open                 open the address in the default browser (what \`npm start\` does without Electron)
  -h, --help             this text
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'sim-control-port': { type: 'string' },
    'sim-port': { type: 'string' },
    config: { type: 'string' },
    'password-env': { type: 'string' },
    policy: { type: 'string' },
    open: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`--${name}: not a port number: ${value}\n`);
    process.exit(2);
  }
  return n;
}

const root = join(import.meta.dirname, '..', '..', '..');
const settingsPath = values.config ?? join(mkdtempSync(join(tmpdir(), 'cti-preview-')), 'settings.json');
const secrets = new MemorySecretStore();
const passwordEnv = values['password-env'];
if (passwordEnv) {
  const password = process.env[passwordEnv];
  if (password) secrets.setPassword(password);
}

// The demo simulator's control port (the desktop app's demo has none), with a token only this
// process prints.
const controlToken = randomBytes(24).toString('base64url');
const demo: ConnectionPorts['demo'] = {
  port: port('sim-port', values['sim-port']) ?? 0,
  controlPort: port('sim-control-port', values['sim-control-port']) ?? 0,
  controlToken,
};

const previewRef: { current?: Preview } = {};
const platform = new PreviewPlatform({ onScreenPop: (url) => previewRef.current?.screenPop(url) });
const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) =>
  process.stderr.write(`[${level}] ${escapeForLog(message)}\n`);
/** The policy file of the current core (each core watches its own; the old one's is closed). */
let policy: PolicyFile | undefined;

function printDemo(): void {
  const demoState = supervisor.current?.getState().demo;
  if (demoState?.active)
    process.stdout.write(`demo mode: built-in simulator, control port ${demoState.controlUrl} token ${controlToken}\n`);
}

/** The core's first connection has come up, or failed once. */
function firstSettled(): boolean {
  const connection = supervisor.current?.getState().core.connection;
  return connection !== undefined && (connection.status === 'connected' || connection.problem !== undefined);
}

let stopping = false;
async function shutdown(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  supervisor.stop();
  policy?.close();
  await previewRef.current?.stop();
  await supervisor.current?.stop().catch(() => undefined);
  process.exit(code);
}

// The core runs in this process: an error nobody caught restarts it, and the open pages load
// themselves again (core-supervisor.ts); too many in a minute end the preview.
const supervisor = new CoreSupervisor({
  create: () => {
    policy?.close();
    policy = values.policy ? new PolicyFile(values.policy, 1000) : undefined;
    return new AppController({
      settings: new FileSettingsStore(settingsPath),
      secrets,
      ...(policy ? { policy } : {}),
      platform,
      version: process.env.npm_package_version ?? 'dev',
      demo,
      log,
    });
  },
  serve: (core) => {
    previewRef.current?.replaceController(core);
    printDemo();
  },
  log,
  giveUp: () => void shutdown(1),
});
// A port in use is not a broken core: restarting would not free it. Said in one line; the preview ends.
function failed(error: unknown): void {
  const inUse = portInUse(error);
  if (!inUse) return void supervisor.failed(error);
  process.stderr.write(`${inUse}\n`);
  void shutdown(2);
}
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);

let preview: Preview;
try {
  const controller = await supervisor.start();
  preview = await startPreview({
    controller,
    staticDir: join(root, 'dist', 'renderer'),
    port: port('port', values.port) ?? 0,
    effects: () => platform.effects,
  });
} catch (error) {
  if (!portInUse(error)) throw error;
  failed(error);
  await new Promise(() => undefined); // shutdown() ends the process
  throw error;
}
previewRef.current = preview;

process.stdout.write(`settings: ${settingsPath}\n`);
if (policy) process.stdout.write(`policy: ${policy.path}\n`);
printDemo();
// The address last, alone: after the core's first lines (its first connection, or 3 s).
for (let waited = 0; waited < 3000 && !firstSettled(); waited += 100) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 200));
if (values.open) openInBrowser(preview.url, (line) => log('warn', line));
process.stdout.write(`\npreview: ${preview.url}\n`);

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
