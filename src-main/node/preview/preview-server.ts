// The browser preview: serves the built toolbar and a loopback-only, token-protected WebSocket
// bridge that implements the IPC contract on top of the same AppController the Electron shell uses.
// The core runs in this process, so no request may end it: every handler is guarded (a malformed
// request gets 400), and only requests that name 127.0.0.1 and its port in `Host` are served
// (a page reaching it by DNS rebinding names its own host).
//
// Bridge messages (JSON text frames):
//   page -> server  {"type":"command","id":n,"name":CommandName,"args":{...}}
//   server -> page  {"type":"core","id":"..."}            (first on every connection, and again
//                                                          when the core is replaced: a new id
//                                                          tells the page to load itself again)
//                   {"type":"result","id":n,"result":...} | {"type":"result","id":n,"error":"..."}
//                   {"type":"state","state":AppState}     | {"type":"screen-pop","url":"https://..."}
// For tests: GET /__effects?token=… (the desktop effects recorded) and POST
// /__dial-link?token=…&url=tel:… (a clicked tel:/callto: link, as the OS hands one to the app);
// POST /__desk?token=…&event=locked|unlocked|idle[&seconds=n] (what the desktop shell's powerMonitor reports).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../common/csp.ts';
import { isCommandName, parseCommandArgs } from '../../common/ipc/contract.ts';
import type { AppController } from '../app/app-controller.ts';
import { deskEventOf } from '../app/agent/away.ts';
import {
  decodePath,
  guardRequests,
  guardUpgrades,
  hostAllowed,
  SLOW_CLIENT_LIMITS,
  refuseUpgrade,
  requestTarget,
  sameSecret,
} from '../simulator/http-guard.ts';
import type { PreviewEffect } from './preview-platform.ts';
import { tokenMissingPage } from './token-page.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const MAX_BRIDGE_FRAME = 256 * 1024;

export interface PreviewOptions {
  controller: AppController;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Recorded desktop effects, served to tests at /__effects. */
  effects: () => readonly PreviewEffect[];
}

export interface Preview {
  /** The page to open, with the bridge address and token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** The current core's id, as the bridge tells the pages. */
  readonly coreId: string;
  /** Sends a screen pop to every open page (they open it as a new tab). */
  screenPop(url: string): void;
  /**
   * Serves another app core from now on (the old one was restarted after an error): every open
   * page is told the new core's id and loads itself again, so nothing it held of the old core stays.
   */
  replaceController(next: AppController): void;
  stop(): Promise<void>;
}

const newCoreId = () => randomBytes(9).toString('base64url');

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  let controller = options.controller;
  let coreId = newCoreId();
  /** Each open page's subscription to the current core's state. */
  const subscriptions = new Map<WebSocket, () => void>();
  const root = resolve(options.staticDir);
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  let port = 0;

  const csp = () => contentSecurityPolicy(origin.replace('http:', 'ws:'));
  const pageHeaders = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': csp(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodePath(pathname === '/' ? '/index.html' : pathname));
    const file = resolve(join(root, relative));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, pageHeaders(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'));
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }

  /** The page without (or with a wrong) token: what to do, not a toolbar that cannot connect. */
  function serveTokenMissing(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, pageHeaders(CONTENT_TYPES['.html']!));
    res.end(req.method === 'HEAD' ? undefined : tokenMissingPage());
  }

  const server = createServer(
    SLOW_CLIENT_LIMITS,
    guardRequests(async (req, res) => {
      const url = requestTarget(req);
      if (!hostAllowed(req, '127.0.0.1', port)) {
        res.writeHead(403).end();
        return;
      }
      if (url.pathname === '/__dial-link') {
        // A tel:/callto: link handed over as the OS hands one to the desktop app (tests, a demo).
        const link = url.searchParams.get('url');
        if (!sameSecret(url.searchParams.get('token'), token)) res.writeHead(403).end();
        else if (req.method !== 'POST' || link === null || link.length > 2048) res.writeHead(400).end();
        else {
          await controller.clickToDial(link);
          res.writeHead(204).end();
        }
        return;
      }
      if (url.pathname === '/__desk') {
        // The screen locked / unlocked or the idle seconds, as the desktop shell reports them (tests, a demo).
        const event = deskEventOf(url.searchParams);
        if (!sameSecret(url.searchParams.get('token'), token)) res.writeHead(403).end();
        else if (req.method !== 'POST' || !event) res.writeHead(400).end();
        else {
          controller.deskEvent(event);
          res.writeHead(204).end();
        }
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/__effects') {
        if (!sameSecret(url.searchParams.get('token'), token)) {
          res.writeHead(403).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.effects()));
        return;
      }
      if (
        (url.pathname === '/' || url.pathname === '/index.html') &&
        !sameSecret(url.searchParams.get('token'), token)
      ) {
        serveTokenMissing(req, res);
        return;
      }
      await serveStatic(req, res, url.pathname);
    }),
  );

  const bridge = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_FRAME });
  server.on(
    'upgrade',
    guardUpgrades((req, socket, head) => {
      const url = requestTarget(req);
      const allowed =
        hostAllowed(req, '127.0.0.1', port) &&
        url.pathname === '/bridge' &&
        sameSecret(url.searchParams.get('token'), token) &&
        req.headers.origin === origin;
      if (!allowed) {
        refuseUpgrade(socket, 403);
        return;
      }
      bridge.handleUpgrade(req, socket, head, (ws) => serveBridge(ws));
    }),
  );

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function follow(ws: WebSocket): void {
    subscriptions.get(ws)?.();
    send(ws, { type: 'core', id: coreId });
    send(ws, { type: 'state', state: controller.getState() });
    subscriptions.set(
      ws,
      controller.onState((state) => send(ws, { type: 'state', state })),
    );
  }

  function serveBridge(ws: WebSocket): void {
    follow(ws);
    // A malformed frame (not UTF-8, a reserved opcode, unmasked, too large…): ws closes this socket
    // itself (1002/1007/1009) and emits 'error', which with no listener would end the preview.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      subscriptions.get(ws)?.();
      subscriptions.delete(ws);
    });
    ws.on('message', (data, isBinary) => {
      let message: { type?: unknown; id?: unknown; name?: unknown; args?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        send(ws, { type: 'result', id: null, error: 'not a JSON command' });
        return;
      }
      const id = typeof message.id === 'number' ? message.id : null;
      if (message.type !== 'command' || !isCommandName(message.name)) {
        send(ws, { type: 'result', id, error: `unknown command ${String(message.name)}` });
        return;
      }
      const parsed = parseCommandArgs(message.name, message.args ?? {});
      if (!parsed.ok) {
        send(ws, { type: 'result', id, error: `invalid arguments: ${parsed.error}` });
        return;
      }
      controller.handle(message.name, parsed.args).then(
        (result) => send(ws, { type: 'result', id, result }),
        (error: unknown) => send(ws, { type: 'result', id, error: String(error) }),
      );
    });
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  const bridgeUrl = `ws://127.0.0.1:${port}/bridge`;

  return {
    url: `${origin}/?bridge=${encodeURIComponent(bridgeUrl)}&token=${encodeURIComponent(token)}`,
    origin,
    token,
    get coreId() {
      return coreId;
    },
    screenPop(url: string) {
      for (const ws of bridge.clients) send(ws, { type: 'screen-pop', url });
    },
    replaceController(next: AppController) {
      controller = next;
      coreId = newCoreId();
      for (const ws of subscriptions.keys()) follow(ws);
    },
    async stop() {
      for (const ws of bridge.clients) ws.terminate();
      await new Promise<void>((done) => bridge.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
