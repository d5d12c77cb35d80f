// One nxproxy_rio instance of the simulator: a listening port (ws:// or wss://) and its sockets,
// with the two states a fault can put it in (middleware down, silent). What its sessions say is
// the server's business (server.ts). Browsers are kept out: a WebSocket handshake with an `Origin`
// (every browser sends one; the app's session and other programs do not) is refused unless that
// origin is allowed, so no web page can log in to the switch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  guardRequests,
  guardUpgrades,
  hostPort,
  SLOW_CLIENT_LIMITS,
  refuseUpgrade,
  requestTarget,
} from './http-guard.ts';

/** PEM key and certificate: the endpoint speaks wss://. */
export interface TlsOptions {
  key: string;
  cert: string;
}

export interface EndpointOptions {
  index: number;
  host: string;
  /** 0 = any free port (the one taken is kept for a later listen). */
  port: number;
  maxFrameBytes: number;
  /** Origins whose pages may open a WebSocket ('*': any); a handshake with another `Origin` is refused. */
  allowOrigins: readonly string[];
  tls?: TlsOptions;
  onConnection: (ws: WebSocket, endpoint: Endpoint) => void;
}

export class Endpoint {
  readonly index: number;
  port: number;
  middlewareUp = true;
  silentUntil = 0;
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;

  private readonly options: EndpointOptions;

  constructor(options: EndpointOptions) {
    this.options = options;
    this.index = options.index;
    this.port = options.port;
  }

  get url(): string {
    return `${this.options.tls ? 'wss' : 'ws'}://${hostPort(this.options.host, this.port)}`;
  }
  get listening(): boolean {
    return this.http?.listening === true;
  }
  silent(now: number): boolean {
    return now < this.silentUntil;
  }

  async listen(): Promise<void> {
    if (this.listening) return;
    const { tls, maxFrameBytes } = this.options;
    const refuse = guardRequests((req: IncomingMessage, res: ServerResponse) => {
      requestTarget(req);
      res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
    });
    const http: Server = tls
      ? createTlsServer({ ...tls, ...SLOW_CLIENT_LIMITS }, refuse)
      : createServer(SLOW_CLIENT_LIMITS, refuse);
    const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, autoPong: false });
    wss.on('connection', (ws) => this.options.onConnection(ws, this));
    http.on(
      'upgrade',
      guardUpgrades((req, socket, head) => {
        requestTarget(req);
        if (!this.originAllowed(req)) {
          refuseUpgrade(socket, 403);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      }),
    );
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, this.options.host, () => resolve());
    });
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.wss = wss;
  }

  /** Stops listening and drops every socket without a close frame. */
  async unlisten(): Promise<void> {
    const { http, wss } = this;
    this.http = undefined;
    this.wss = undefined;
    if (!http || !wss) return;
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  sockets(): Set<WebSocket> {
    return this.wss?.clients ?? new Set();
  }

  private originAllowed(req: IncomingMessage): boolean {
    // Version 8 handshakes name it Sec-WebSocket-Origin.
    const origin = req.headers.origin ?? req.headers['sec-websocket-origin'];
    if (origin === undefined) return true;
    const allowed = this.options.allowOrigins;
    return allowed.includes('*') || (typeof origin === 'string' && allowed.includes(origin));
  }
}
