// The built-in nxproxy_rio simulator: a stand-in for nxproxy_rio in front of a small PBX/ACD,
// what the app's demo mode and every test talk to over a real socket.
import { randomBytes } from 'node:crypto';
import { resolveSimConfig, type SimConfig } from './config.ts';
import { startControlServer, type ControlServer, type Fault, type InboundRequest } from './control.ts';
import { startDemo } from './demo.ts';
import type { TlsOptions } from './endpoint.ts';
import { NxproxyServer, type EndpointStatus } from './server.ts';
import { Switch } from './switch.ts';

export type { Fault, SimConfig };

export interface SimulatorOptions {
  host?: string;
  /** 0 = any free port. */
  port: number;
  /** A second nxproxy_rio endpoint over the same switch (the guide's HA pair). */
  port2?: number;
  /** The HTTP control port; absent = none. */
  controlPort?: number;
  /** Where the control port listens: loopback unless said otherwise (it can ring and break the switch). */
  controlHost?: string;
  /** The token every control request must carry (`Authorization: Bearer …`); by default a random one. */
  controlToken?: string;
  /** Origins whose web pages may open a WebSocket to the endpoints ('*': any); by default none. */
  allowOrigins?: readonly string[];
  demo?: boolean;
  config?: Partial<SimConfig>;
  log?: (line: string) => void;
  /** PEM key and certificate: the endpoints speak wss://. */
  tls?: TlsOptions;
}

export interface SimState {
  endpoints: EndpointStatus[];
  sessions: { id: number; endpoint: number; user?: string; loggedIn: boolean; monitors: string[] }[];
  agents: ReturnType<Switch['snapshot']>['agents'];
  calls: ReturnType<Switch['snapshot']>['calls'];
  queues: ReturnType<Switch['snapshot']>['queues'];
}

export interface Simulator {
  readonly endpoints: string[];
  /** Which of the guide's descriptions the server follows (config `dialect`). */
  readonly dialect: SimConfig['dialect'];
  readonly controlUrl?: string;
  /** The control port's token, to send as `Authorization: Bearer <token>`. */
  readonly controlToken?: string;
  inbound(req: InboundRequest): { c1: number; cnid: string };
  hangup(c1: number): boolean;
  /** A queue call ringing at an agent rings out there now (as after `ringNoAnswerMs`). */
  ringOut(c1: number): boolean;
  fault(f: Fault): Promise<void>;
  state(): SimState;
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const config = resolveSimConfig(options.config);
  const log = options.log ?? (() => undefined);
  const controlToken =
    options.controlPort === undefined ? undefined : (options.controlToken ?? randomBytes(24).toString('base64url'));
  if (controlToken !== undefined && controlToken.length < 16)
    throw new RangeError('controlToken: at least 16 characters');
  // The switch reports to the server, which is built after it.
  const route: { server?: NxproxyServer } = {};
  const sw = new Switch({ config, report: (event, devices) => route.server?.deliver(event, devices) });
  const server = new NxproxyServer({
    host,
    ports: options.port2 === undefined ? [options.port] : [options.port, options.port2],
    config,
    sw,
    log,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
  });
  route.server = server;
  await server.start();
  const nx = server;

  const inbound = (req: InboundRequest) => {
    const call = sw.calls.inbound(req.from, req.to, req);
    if (!call) throw new RangeError(`cannot ring ${req.to}: not an extension or queue of the switch`);
    return { c1: call.c1, cnid: call.cnid };
  };
  const state = (): SimState => ({ endpoints: nx.status(), sessions: nx.sessionList(), ...sw.snapshot() });
  const fault = async (f: Fault): Promise<void> => {
    log(`fault: ${JSON.stringify(f)}`);
    switch (f.kind) {
      case 'close':
        nx.closeAll(f.endpoint, f.code, f.reason ?? '');
        return;
      case 'terminate':
        nx.terminateAll(f.endpoint);
        return;
      case 'silence':
        for (const e of nx.select(f.endpoint)) e.silentUntil = Date.now() + f.ms;
        return;
      case 'middleware':
        for (const e of nx.select(f.endpoint)) e.middlewareUp = f.up;
        return;
      case 'down':
        for (const e of nx.select(f.endpoint)) await e.unlisten();
        return;
      case 'up':
        for (const e of nx.select(f.endpoint)) await e.listen();
        return;
      case 'restart':
        sw.forget();
        nx.forgetSessions();
        return;
    }
  };

  let control: ControlServer | undefined;
  if (options.controlPort !== undefined && controlToken !== undefined) {
    control = await startControlServer(options.controlHost ?? '127.0.0.1', options.controlPort, controlToken, {
      inbound,
      hangup: (c1) => sw.calls.hangupExternal(c1),
      ringOut: (c1) => sw.calls.ringOut(c1),
      fault,
      state,
    });
  }
  const stopDemo = options.demo ? startDemo(sw.calls, config, log) : () => undefined;

  let stopped: Promise<void> | undefined;
  return {
    endpoints: nx.urls,
    dialect: config.dialect,
    ...(control && controlToken ? { controlUrl: control.url, controlToken } : {}),
    inbound,
    hangup: (c1) => sw.calls.hangupExternal(c1),
    ringOut: (c1) => sw.calls.ringOut(c1),
    fault,
    state,
    stop() {
      stopped ??= (async () => {
        stopDemo();
        await nx.stop();
        if (control) {
          control.server.closeAllConnections();
          await new Promise<void>((resolve) => control.server.close(() => resolve()));
        }
      })();
      return stopped;
    },
  };
}
