// The desktop path's main process for the browser test, with Electron's transport swapped for
// loopback and everything else real: the app core (AppController, as main.ts builds it), the
// IpcManager (registerIpc from src-main/electron-main/ipc-manager.ts, its sender and argument
// checks), and the app:// handler (appProtocolResponse) serving the built toolbar over http.
//   node --import ./electron-loader.mjs shell.ts --config settings.json --password-env NAME
//
// Electron's part, stood in for:
// - a BrowserWindow is one WebSocket connection to /ipc (its WebContents: `send` pushes to it);
//   the toolbar window is the first open connection from this server's own origin, as main.ts's
//   window is the one it created; any other connection is another WebContents;
// - event.senderFrame.url is the page's URL with this origin mapped to app://toolbar (what the
//   page is on in Electron); a page of another origin keeps its own URL;
// - the renderer side (ipcRenderer over this socket) lives in preload-sandbox.ts.
//
// Socket messages (JSON): page -> shell {type:'invoke', id, channel, args}
//                         shell -> page {type:'result', id, result} | {type:'result', id, error}
//                                       {type:'event', channel, args}
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { appProtocolResponse } from '../../../src-main/electron-main/app-protocol.ts';
import { registerIpc } from '../../../src-main/electron-main/ipc-manager.ts';
import { watchCoreFailures } from '../../../src-main/electron-main/core-failure.ts';
import { APP_ORIGIN } from '../../../src-main/electron-main/window-policy.ts';
import { ShellNotices } from '../../../src-main/electron-main/shell-notices.ts';
import { ipcHandlers } from './electron-ipc-main.ts';

const { values } = parseArgs({ options: { config: { type: 'string' }, 'password-env': { type: 'string' } } });
const root = join(import.meta.dirname, '..', '..', '..');
const rendererDir = join(root, 'dist', 'renderer');

interface FakeWebContents {
  id: number;
  send(channel: string, ...args: unknown[]): void;
}
interface FakeWindow {
  webContents: FakeWebContents;
  isDestroyed(): boolean;
}

const secrets = new MemorySecretStore();
const password = values['password-env'] ? process.env[values['password-env']] : undefined;
if (password) secrets.setPassword(password);
const platform = new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' });
const controller = new AppController({
  settings: new FileSettingsStore(values.config!),
  secrets,
  platform,
  version: 'desktop-path-test',
  log: (level, message) => process.stderr.write(`[${level}] ${message}\n`),
});

let toolbar: FakeWindow | undefined;
// As main.ts: IPC registered (with the shell's own notices) before the core starts, and an error
// nobody caught reported as the core's failure. SIGUSR2 (from the test) throws one; a restart is
// printed (this process stands for Electron's app, which would relaunch).
const ipc = registerIpc(
  controller,
  () => toolbar as never,
  new ShellNotices(),
  () => process.stdout.write('desktop path: restart\n'),
);
watchCoreFailures(
  process,
  (level, message) => process.stderr.write(`[${level}] ${message}\n`),
  () => ipc.stopped(),
);
process.on('SIGUSR2', () =>
  setTimeout(() => {
    throw new Error('a fault in the core (test)');
  }),
);
await controller.start();

let origin = '';
let port = 0;
const server = createServer((req, res) => {
  if (req.headers.host !== `127.0.0.1:${port}`) {
    res.writeHead(403).end();
    return;
  }
  const request = new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method });
  void appProtocolResponse(rendererDir, request).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});

let nextId = 1;
const sockets = new WebSocketServer({ server, path: '/ipc' });
sockets.on('connection', (ws: WebSocket, req) => {
  const send = (message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  let closed = false;
  const contents: FakeWebContents = {
    id: nextId++,
    send: (channel, ...args) => send({ type: 'event', channel, args }),
  };
  const window: FakeWindow = { webContents: contents, isDestroyed: () => closed };
  const pageOrigin = req.headers.origin ?? '';
  const path = new URL(req.url ?? '/', 'http://x').searchParams.get('path') ?? '/';
  const frameUrl = pageOrigin === origin ? `${APP_ORIGIN}${path}` : `${pageOrigin}${path}`;
  if (pageOrigin === origin && !toolbar) toolbar = window;
  ws.on('close', () => {
    closed = true;
    if (toolbar === window) toolbar = undefined;
  });
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; id: number; channel: string; args: unknown[] };
    if (message.type !== 'invoke') return;
    const handler = ipcHandlers().get(message.channel);
    if (!handler) {
      send({ type: 'result', id: message.id, error: `Error: No handler registered for '${message.channel}'` });
      return;
    }
    const event = { sender: contents, senderFrame: { url: frameUrl }, processId: contents.id, frameId: 1 };
    Promise.resolve()
      .then(() => handler(event, ...message.args))
      .then(
        (result) => send({ type: 'result', id: message.id, result }),
        (error: unknown) => send({ type: 'result', id: message.id, error: String(error) }),
      );
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
port = (server.address() as AddressInfo).port;
origin = `http://127.0.0.1:${port}`;
process.stdout.write(`desktop path: ${origin}/index.html handlers ${ipcHandlers().size}\n`);

async function shutdown(): Promise<void> {
  for (const ws of sockets.clients) ws.terminate();
  server.closeAllConnections();
  server.close();
  await controller.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
