// nxproxy_rio over the simulated switch: the sessions on its endpoints (endpoint.ts), login,
// monitors, requests answered as the guide does (the request echoed with `result`), events to the
// sessions that monitor the device. Two endpoints over one switch make the guide's HA pair.
import type { RawData, WebSocket } from 'ws';
import { ResultCode } from '../../common/protocol/codes.ts';
import {
  isFname,
  normalizeIncomingRequest,
  validateRequest,
  wireTypeErrors,
  type Fname,
  type Request,
} from '../../common/protocol/requests.ts';
import type { SimConfig } from './config.ts';
import { Endpoint, type TlsOptions } from './endpoint.ts';
import type { SwitchEvent } from './events.ts';
import type { Outcome } from './outcome.ts';
import type { Switch } from './switch.ts';

export interface Session {
  id: number;
  endpoint: number;
  ws: WebSocket;
  user?: string;
  loggedIn: boolean;
  /** In the order added; a device added twice is listed twice. */
  monitors: string[];
}

export interface EndpointStatus {
  url: string;
  listening: boolean;
  middlewareUp: boolean;
  silentUntil?: number;
}

type Log = (line: string) => void;

export interface NxproxyServerOptions {
  host: string;
  ports: number[];
  config: SimConfig;
  sw: Switch;
  log: Log;
  now?: () => number;
  tls?: TlsOptions;
  /** Origins whose web pages may open a WebSocket ('*': any); by default none: browsers are refused. */
  allowOrigins?: readonly string[];
}

export class NxproxyServer {
  private readonly endpoints: Endpoint[];
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly config: SimConfig;
  private readonly sw: Switch;
  private readonly log: Log;
  private readonly now: () => number;
  private nextSessionId = 1;
  /** Oddities logged per kind, at most once a second, so a flood cannot flood the log. */
  private readonly lastLogged = new Map<string, number>();

  constructor(options: NxproxyServerOptions) {
    this.config = options.config;
    this.sw = options.sw;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.endpoints = options.ports.map(
      (port, index) =>
        new Endpoint({
          index,
          host: options.host,
          port,
          maxFrameBytes: options.config.maxFrameBytes,
          allowOrigins: options.allowOrigins ?? [],
          ...(options.tls ? { tls: options.tls } : {}),
          onConnection: (ws, e) => this.accept(ws, e),
        }),
    );
  }

  async start(): Promise<void> {
    for (const e of this.endpoints) await e.listen();
  }

  async stop(): Promise<void> {
    for (const e of this.endpoints) await e.unlisten();
    this.sessions.clear();
  }

  get urls(): string[] {
    return this.endpoints.map((e) => e.url);
  }

  /** The endpoints a fault applies to: one by index, or all. */
  select(index: number | undefined): Endpoint[] {
    if (index === undefined) return this.endpoints;
    const e = this.endpoints[index];
    if (!e) throw new RangeError(`no endpoint ${index} (there are ${this.endpoints.length})`);
    return [e];
  }

  status(): EndpointStatus[] {
    const now = this.now();
    return this.endpoints.map((e) => ({
      url: e.url,
      listening: e.listening,
      middlewareUp: e.middlewareUp,
      ...(e.silent(now) ? { silentUntil: e.silentUntil } : {}),
    }));
  }

  sessionList(): Omit<Session, 'ws'>[] {
    return [...this.sessions.values()].map(({ ws: _ws, ...rest }) => ({ ...rest, monitors: [...rest.monitors] }));
  }

  private oddity(kind: string, detail: string): void {
    const now = this.now();
    if (now - (this.lastLogged.get(kind) ?? 0) < 1000) return;
    this.lastLogged.set(kind, now);
    this.log(`${kind}: ${detail}`);
  }

  // --- sessions -------------------------------------------------------------------------------

  private accept(ws: WebSocket, endpoint: Endpoint): void {
    const session: Session = { id: this.nextSessionId++, endpoint: endpoint.index, ws, loggedIn: false, monitors: [] };
    this.sessions.set(ws, session);
    ws.on('ping', (data) => {
      if (!endpoint.silent(this.now())) ws.pong(data);
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(session, endpoint, data, isBinary);
      } catch (error) {
        this.oddity('handler-error', String(error));
      }
    });
    ws.on('close', () => this.sessions.delete(ws));
    ws.on('error', (error) => this.oddity('socket-error', error.message));
  }

  private encode(value: unknown): string {
    if (this.config.integersAs === 'string') {
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? String(v) : v));
    }
    return JSON.stringify(value);
  }

  private reply(session: Session, request: Record<string, unknown>, result: number): void {
    if (session.ws.readyState !== session.ws.OPEN) return;
    const resultValue = this.config.integersAs === 'string' ? String(result) : result;
    session.ws.send(JSON.stringify({ ...request, result: resultValue }));
  }

  private receive(session: Session, endpoint: Endpoint, data: RawData, isBinary: boolean): void {
    if (endpoint.silent(this.now())) return; // a silent server answers nothing
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      parsed = JSON.parse(data.toString());
    } catch {
      this.oddity('invalid-json', `session ${session.id}`);
      this.reply(session, {}, ResultCode.INVALID_JSON_TYPE);
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.reply(session, {}, ResultCode.INVALID_JSON_TYPE);
      return;
    }
    const raw = normalizeIncomingRequest(parsed as Record<string, unknown>);
    const echo = parsed as Record<string, unknown>;
    const fname = raw.fname;
    // The guide: before a login, anything but login gets BAD_LOGIN, unknown names included.
    if (fname !== 'login' && !session.loggedIn) {
      this.reply(session, echo, ResultCode.BAD_LOGIN);
      return;
    }
    if (!isFname(fname)) {
      this.reply(session, echo, ResultCode.NOT_SUPPORT);
      return;
    }
    if (this.config.dialect === 'table' && wireTypeErrors(fname, raw, this.config.requestIntegers).length > 0) {
      this.reply(session, echo, ResultCode.INVALID_JSON_TYPE);
      return;
    }
    const checked = validateRequest(fname, raw);
    if (!checked.ok) {
      this.reply(session, echo, ResultCode.INVALID_PARAMS);
      return;
    }
    if (fname !== 'login' && fname !== 'logout' && !endpoint.middlewareUp) {
      this.reply(session, echo, ResultCode.SERVER_UNKNOWN);
      return;
    }
    this.reply(session, echo, this.execute(session, checked.value as Request).result);
  }

  private execute(session: Session, request: Request): Outcome {
    const sw = this.sw;
    switch (request.fname) {
      case 'login': {
        const user = this.config.users.find((u) => u.id === request.id && u.pwd === request.pwd);
        if (!user) return { result: ResultCode.LOGIN_FAIL };
        session.loggedIn = true;
        session.user = user.id;
        return { result: ResultCode.SUCCESS };
      }
      case 'logout':
        if (request.id !== session.user) return { result: ResultCode.INVALID_PARAMS };
        session.loggedIn = false;
        session.monitors = [];
        return { result: ResultCode.SUCCESS };
      case 'addmonitor':
        if (!sw.isMonitorable(request.device)) return { result: ResultCode.MONITOR_ADD_FAIL };
        if (session.monitors.length >= this.config.maxMonitors) return { result: ResultCode.MONITOR_ADD_FAIL };
        session.monitors.push(request.device);
        return { result: ResultCode.SUCCESS };
      case 'removemonitor': {
        const at = session.monitors.indexOf(request.device);
        if (at < 0) return { result: ResultCode.RESPONSE_FAIL };
        session.monitors = session.monitors.filter((d) => d !== request.device);
        return { result: ResultCode.SUCCESS };
      }
      case 'dial':
        return sw.calls.dial(request);
      case 'answer':
        return sw.calls.answer(request);
      case 'clear':
        return sw.calls.clear(request);
      case 'hold':
        return sw.calls.hold(request);
      case 'retrieve':
        return sw.calls.retrieve(request);
      case 'sstransfer':
        return sw.calls.sstransfer(request);
      case 'consult':
        return sw.calls.consult(request);
      case 'transfer':
        return sw.calls.transfer(request);
      case 'confer':
        return sw.calls.confer(request);
      case 'bargein':
        return sw.calls.bargein(request);
      case 'logon':
        return sw.agents.logon(request);
      case 'logoff':
        return sw.agents.logoff(request);
      case 'ready':
        return sw.agents.changeState(request, 'ready');
      case 'notready':
        return sw.agents.changeState(request, 'notReady');
      case 'afterwork':
        return sw.agents.changeState(request, 'afterWork');
    }
  }

  /**
   * Sends a switch event to every session monitoring one of `devices`: one copy per monitored
   * device, with `monitor` stamped in the samples' dialect; in the table's, the copies are the
   * same (nothing says which monitor reports it) and `call.other` is spelled `ohter`. The event
   * is serialised once.
   */
  deliver(event: SwitchEvent, devices: readonly string[]): void {
    const table = this.config.dialect === 'table';
    const body = this.encode(table ? asTable(event) : event);
    const tail = body.slice(1); // `"fname":"event",...}` after the opening brace
    const now = this.now();
    for (const session of this.sessions.values()) {
      if (!session.loggedIn) continue;
      const endpoint = this.endpoints[session.endpoint];
      if (!endpoint || !endpoint.middlewareUp || endpoint.silent(now)) continue;
      const sent = new Set<string>();
      for (const monitor of session.monitors) {
        if (sent.has(monitor) || !devices.includes(monitor)) continue;
        sent.add(monitor);
        if (session.ws.readyState !== session.ws.OPEN) continue;
        session.ws.send(table ? body : `{"monitor":${JSON.stringify(monitor)},${tail}`);
      }
    }
  }

  /** Closes every socket of the selected endpoints with `code`. */
  closeAll(index: number | undefined, code: number, reason: string): void {
    for (const e of this.select(index)) for (const ws of e.sockets()) ws.close(code, reason);
  }

  /** A restart: every session (login and monitors) is forgotten and its socket dropped without a close frame. */
  forgetSessions(): void {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) session.ws.terminate();
  }

  terminateAll(index: number | undefined): void {
    for (const e of this.select(index)) for (const ws of e.sockets()) ws.terminate();
  }
}

/** An event as the guide's event table lists it: the calling device under the table's spelling, `ohter`. */
function asTable(event: SwitchEvent): SwitchEvent {
  if (event.call?.other === undefined) return event;
  const { other, ...call } = event.call;
  return { ...event, call: { ...call, ohter: other } };
}

export type { Fname, TlsOptions };
