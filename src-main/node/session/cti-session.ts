// The CTI session: one agent's connection to nxproxy_rio that heals itself. It fails over between
// the endpoints, logs in again, re-adds its monitors and restores the agent state after every
// reconnect (the phases are the connection machine's), gives every command exactly one definite
// outcome, and turns what the server sends into one state object (the reducer) and effects
// (notification, screen pop).
import { closeMessage } from '../../common/protocol/catalogue.ts';
import { ResultCode } from '../../common/protocol/codes.ts';
import { decodeFrame, type CtiEvent, type CtiResponse } from '../../common/protocol/frames.ts';
import {
  buildRequest,
  encodeRequest,
  matchKey,
  type ArgsOf,
  type Fname,
  type IntegerFieldsAs,
  type Request,
} from '../../common/protocol/requests.ts';
import { decideEffects, type EffectSettings } from '../../common/state/effects.ts';
import { eventOwner } from '../../common/state/event-owner.ts';
import { initialState, MAX_CALLS, reduce, type CoreAction } from '../../common/state/reducer.ts';
import { withRestoredCalls } from '../../common/state/restored-calls.ts';
import type { ColleagueLine } from '../../common/state/colleagues.ts';
import type {
  CallView,
  CommandOutcome,
  ConnectionProblem,
  ConnectionState,
  CoreState,
  Effect,
  Identity,
} from '../../common/state/types.ts';
import { fnameOf, intentFromSwitch, LOGGED_OFF, type Intent, type RestorableState } from './agent-intent.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import {
  connectionView,
  currentLink,
  initialMachine,
  STABLE_MS,
  transition,
  type Machine,
  type MachineEvent,
  type MachinePolicy,
} from './connection-machine.ts';
import { DiagnosticsLog, type DiagnosticEntry } from './diagnostics.ts';
import { Link } from './link.ts';
import { readServerCertificate } from './peer-certificate.ts';
import { invalidArguments, NOT_CONNECTED, outcomeOf, type Failure } from './outcomes.ts';
import { RequestTracker } from './request-tracker.ts';

/** Timers for the retry wait; the app passes its clock so tests can move time. */
export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: SessionTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The guide's largest legitimate frame is a few KiB (uui ≤ 256 bytes, uei and ci ≤ 1024): 256 KiB
 * leaves room for any real server and keeps a hostile one from filling memory.
 */
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024;
export const DEFAULT_HEARTBEAT_MS = 2000;
export const DEFAULT_PROBE_MS = 1000;
/** How many devices of ignored events are logged, each once. */
export const MAX_UNWATCHED_LOGGED = 100;

export interface CtiSessionConfig {
  /** 1 or 2 endpoints (`ws://` or `wss://`), tried in order: the guide's Single and HA modes. */
  endpoints: string[];
  loginId: string;
  password: string;
  identity: Identity;
  agent: { group: number; channel: number; workMode: number };
  /** A request without a response after this is TIME_OUT (-4006). Default 5 s. */
  requestTimeoutMs?: number;
  /** Ping interval; a link unheard for two intervals is dead. Default 2 s: a dead link is found in 4 s. */
  heartbeatMs?: number;
  /** How long a nudge (checkNow) waits for an answer before it drops the link. Default 1 s (a pong takes milliseconds, even over a VPN). */
  probeMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** A link ready this long counts as a success and the backoff starts again. Default 30 s. */
  stableMs?: number;
  /** How the Integer-typed fields (c1, c2, mode, wmode) go: decimal strings as the guide's samples (default), or JSON numbers. */
  integerFieldsAs?: IntegerFieldsAs;
  effects: EffectSettings;
  /** A bigger frame closes the link (1009, "too large"). Default 256 KiB. */
  maxFrameBytes?: number;
  /** Extra certificate authorities (PEM) to trust for wss:// endpoints. */
  tlsCa?: string;
  now?: () => number;
  /** Monotonic ms for the heartbeat's deadlines. Default performance.now. */
  monotonic?: () => number;
  random?: () => number;
  timers?: SessionTimers;
  /** The agent state to put back at the first login (kept by the app across a restart). */
  intent?: Intent;
  /** Calls up when the app last stopped: shown as unconfirmed until the switch's events say. */
  restoredCalls?: readonly CallView[];
  /** Colleagues' extensions whose lines to watch (the directory's), the first `limit` monitored. */
  colleagues?: { devices: readonly string[]; limit: number };
  /** Told whenever the state to put back changes, so the app can keep it across a restart. */
  onIntent?: (intent: Intent) => void;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export class CtiSession {
  private readonly config: CtiSessionConfig;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timers: SessionTimers;
  private readonly policy: MachinePolicy;
  private readonly requestTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly log: NonNullable<CtiSessionConfig['log']>;
  private effectSettings: EffectSettings;
  private state: CoreState;
  private readonly stateListeners = new Set<(state: CoreState, cause: CoreAction) => void>();
  private readonly effectListeners = new Set<(effect: Effect) => void>();
  private readonly tracker: RequestTracker;
  private readonly diag: DiagnosticsLog;
  private machine: Machine<Link> = initialMachine();
  private retryTimer: unknown;
  /** The link a nudge is probing: if it dies of that, the reconnect starts afresh. */
  private nudged: Link | undefined;
  private readonly probeMs: number;
  private running = false;
  private intentNow: Intent = LOGGED_OFF;
  private readonly lastOddity = new Map<string, number>();
  /** Devices whose events were ignored as not watched, each logged once (bounded: a server cannot grow it forever). */
  private readonly unwatchedLogged = new Set<string>();
  /** Colleagues' monitors asked for and not yet answered (each asked once at a time). */
  private readonly addingColleagues = new Set<string>();
  /** Counts of what the server sent that could not be used, for diagnostics and tests. */
  readonly oddities = { decodeErrors: 0, unmatchedResponses: 0, binaryFrames: 0 };

  constructor(config: CtiSessionConfig) {
    if (config.endpoints.length === 0) throw new Error('CtiSession needs at least one endpoint');
    this.config = config;
    this.now = config.now ?? Date.now;
    this.random = config.random ?? Math.random;
    this.timers = config.timers ?? systemTimers;
    this.policy = {
      endpointCount: config.endpoints.length,
      backoff: { ...DEFAULT_BACKOFF, ...config.backoff },
      stableMs: config.stableMs ?? STABLE_MS,
    };
    this.requestTimeoutMs = config.requestTimeoutMs ?? 5000;
    this.probeMs = config.probeMs ?? DEFAULT_PROBE_MS;
    this.heartbeatMs = config.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.log = config.log ?? (() => undefined);
    this.effectSettings = config.effects;
    this.diag = new DiagnosticsLog(1000, this.now);
    this.tracker = new RequestTracker(this.now);
    this.state = withRestoredCalls(
      initialState(config.identity, config.endpoints.length, this.now()),
      config.restoredCalls ?? [],
    );
    if (config.intent) this.intentNow = config.intent;
    if (config.colleagues) this.setColleagues(config.colleagues.devices, config.colleagues.limit);
  }

  /** The agent state put back after a reconnect; the app is told of every change. */
  private get intent(): Intent {
    return this.intentNow;
  }
  private set intent(next: Intent) {
    const before = this.intentNow;
    this.intentNow = next;
    if (JSON.stringify(before) !== JSON.stringify(next)) this.config.onIntent?.(next);
  }

  // --- observing ------------------------------------------------------------------------------

  getState(): CoreState {
    return this.state;
  }
  /** Every new state, with the action it came from (the event, for what only the event tells). */
  onState(listener: (state: CoreState, cause: CoreAction) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  onEffect(listener: (effect: Effect) => void): () => void {
    this.effectListeners.add(listener);
    return () => this.effectListeners.delete(listener);
  }
  diagnostics(): DiagnosticEntry[] {
    return this.diag.list();
  }
  setEffectSettings(settings: EffectSettings): void {
    this.effectSettings = settings;
  }

  private dispatch(action: CoreAction): void {
    const prev = this.state;
    let next: CoreState;
    try {
      next = reduce(prev, action);
    } catch (error) {
      this.note('reducer-error', `${String(error)} on ${JSON.stringify(action).slice(0, 300)}`);
      return;
    }
    if (next === prev) return;
    const decided = decideEffects(prev, next, this.effectSettings);
    this.state = decided.state;
    for (const listener of this.stateListeners) listener(this.state, action);
    for (const effect of decided.effects) for (const listener of this.effectListeners) listener(effect);
  }

  private setConnection(connection: Partial<ConnectionState>): void {
    this.dispatch({ type: 'connection', connection, at: this.now() });
  }

  /** Notes an oddity in the diagnostics log, and in the app log at most once a second per kind. */
  private note(kind: string, detail: string): void {
    this.diag.add('note', `${kind}: ${detail}`);
    const now = this.now();
    if (now - (this.lastOddity.get(kind) ?? -Infinity) < 1000) return;
    this.lastOddity.set(kind, now);
    this.log('warn', `${kind}: ${detail}`);
  }

  // --- lifecycle ------------------------------------------------------------------------------

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Says goodbye (logout) when connected, then closes. Safe to call more than once. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.timers.clearTimeout(this.retryTimer);
    const link = currentLink(this.machine);
    if (this.machine.phase === 'ready' && link?.open) {
      await this.request('logout', { id: this.config.loginId }, Math.min(this.requestTimeoutMs, 1000));
    }
    // A loss while saying goodbye may have planned a retry.
    this.timers.clearTimeout(this.retryTimer);
    this.advance({ type: 'stop' });
    link?.close(1000, 'goodbye');
    this.tracker.failAll();
  }

  /** Moves the connection machine on; false when the event was stale or did not apply. */
  private advance(event: MachineEvent<Link>): boolean {
    const next = transition(this.machine, event, this.policy);
    if (next === this.machine) return false;
    this.machine = next;
    const view = connectionView(next, this.config.endpoints);
    if (view.status === 'connected') view.hasWorked = true;
    if (view.status === 'idle') view.hasWorked = undefined;
    this.setConnection(view);
    return true;
  }

  private isCurrent(link: Link): boolean {
    return currentLink(this.machine) === link;
  }

  /** Called by start() and by the retry timer, which stop() clears. */
  private connect(): void {
    const endpoint = this.config.endpoints[this.machine.endpointIndex]!;
    const link: Link = new Link(
      endpoint,
      {
        heartbeatMs: this.heartbeatMs,
        maxPayload: this.config.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
        handshakeTimeoutMs: Math.max(this.heartbeatMs, 2000),
        ...(this.config.monotonic ? { monotonic: this.config.monotonic } : {}),
        // Stryker disable next-line ConditionalExpression: { ca: undefined } is the same as no ca (the wss:// tests cover a given ca)
        ...(this.config.tlsCa ? { ca: this.config.tlsCa } : {}),
      },
      {
        open: () => {
          if (this.advance({ type: 'opened', link })) void this.establish(link);
        },
        message: (text) => {
          if (this.isCurrent(link)) this.receive(text);
        },
        binary: () => {
          this.oddities.binaryFrames++;
          this.note('binary-frame', 'the server sent a binary frame; ignored');
        },
        latency: (ms) => {
          if (this.isCurrent(link)) this.setConnection({ latencyMs: ms });
        },
        suspect: (on) => {
          if (this.isCurrent(link)) this.setConnection({ suspect: on || undefined });
        },
        close: (code, reason, dead, failure) => {
          if (this.isCurrent(link))
            this.lost(
              link,
              code,
              dead ? 'heartbeat: no answer from the server' : reason,
              dead && this.nudged === link,
              failure,
            );
        },
      },
    );
    this.advance({ type: 'connect', link });
  }

  /** `failure`: why the link never opened, when known; it replaces the last try's problem (none clears it). */
  private lost(link: Link, code: number, reason: string, fresh: boolean, failure?: ConnectionProblem): void {
    const at = this.now();
    const endpoint = this.config.endpoints[this.machine.endpointIndex]!;
    const problem = this.sameCertificateProblem(failure && { ...failure, endpoint });
    this.diag.add('note', `connection to ${endpoint} ended: ${code} ${reason}`);
    this.log(
      'warn',
      `connection to ${endpoint} ended: ${code} ${reason} (${closeMessage(code).en})${problem ? ` [${problem.cause}: ${problem.detail ?? ''}]` : ''}`,
    );
    this.setConnection({ lastClose: { code, reason, message: closeMessage(code), at }, problem });
    this.advance({ type: 'lost', link, at, draw: this.random(), fresh });
    this.tracker.failAll();
    this.armRetry(at);
    if (problem?.cause === 'tls-untrusted') void this.describeCertificate(endpoint, problem);
  }

  /** The same untrusted certificate again: what was read of it stays shown while it is read again. */
  private sameCertificateProblem(failure: ConnectionProblem | undefined): ConnectionProblem | undefined {
    const before = this.state.connection.problem;
    if (
      failure?.cause !== 'tls-untrusted' ||
      before?.cause !== 'tls-untrusted' ||
      !before.certificate ||
      before.endpoint !== failure.endpoint
    )
      return failure;
    return { ...failure, certificate: before.certificate };
  }

  /** Adds the untrusted server's certificate to the problem, unless the problem changed meanwhile. */
  private async describeCertificate(endpoint: string, problem: ConnectionProblem): Promise<void> {
    const certificate = await readServerCertificate(endpoint);
    if (!certificate || !this.running || this.state.connection.problem !== problem) return;
    if (problem.certificate?.sha256 === certificate.sha256) return;
    this.log('info', `certificate of ${endpoint}: ${certificate.subject}, SHA-256 ${certificate.sha256}`);
    this.setConnection({ problem: { ...problem, certificate } });
  }

  private armRetry(at: number): void {
    this.timers.clearTimeout(this.retryTimer);
    if (this.machine.phase !== 'waiting') return;
    this.retryTimer = this.timers.setTimeout(() => this.connect(), Math.max(0, this.machine.retryAt - at));
  }

  // --- nudges from outside --------------------------------------------------------------------

  /**
   * Something outside suggests the link may be gone (woken from sleep, screen unlocked, network
   * back, a request timed out): ask the server now. No answer within `probeMs` drops the link and
   * reconnects at once, the backoff started again. While waiting to retry, retries at once.
   */
  checkNow(reason: string): void {
    if (!this.running) return;
    const link = currentLink(this.machine);
    if (link) {
      this.nudged = link;
      link.probe(this.probeMs);
      return;
    }
    this.diag.add('note', `${reason}: trying again now`);
    if (this.advance({ type: 'retry-now', at: this.now() })) this.armRetry(this.now());
  }

  /** The computer is going to sleep: the link is closed cleanly and nothing is retried until resume(). */
  suspend(): void {
    if (!this.running) return;
    const link = currentLink(this.machine);
    this.timers.clearTimeout(this.retryTimer);
    this.advance({ type: 'sleep' });
    link?.close(1000, 'system suspend');
    this.tracker.failAll();
  }

  /** Awake again: reconnects at once if asleep or waiting (a retry planned before the sleep never fires late), else checks the link. */
  resume(): void {
    this.checkNow('resume');
  }

  /** After the socket opens: login, monitors, the agent's state; then ready. */
  private async establish(link: Link): Promise<void> {
    const stale = () => !this.isCurrent(link);
    const login = await this.request('login', { id: this.config.loginId, pwd: this.config.password });
    if (stale()) return;
    if (!login.ok) {
      this.setError('server', login);
      // Wrong credentials do not get better by retrying, and directory accounts lock after a few
      // failures: stop until a new session brings other ones. Anything else backs off and retries.
      if (login.kind === 'rejected' && login.code === ResultCode.LOGIN_FAIL) {
        this.log(
          'warn',
          `login refused by ${this.config.endpoints[this.machine.endpointIndex]}: wrong user id or password; not retried`,
        );
        this.advance({ type: 'refused', link });
      }
      link.close(1000, 'login failed');
      return;
    }
    this.advance({ type: 'logged-in', link });
    const { identity } = this.config;
    for (const device of [identity.device, ...identity.queues]) {
      const added = await this.request('addmonitor', { device });
      if (stale()) return;
      if (!added.ok) this.setError('server', added, 'addmonitor');
    }
    this.advance({ type: 'monitored', link });
    await this.reassertAgent(stale);
    if (stale()) return;
    this.dispatch({ type: 'resynced', at: this.now() });
    this.advance({ type: 'restored', link, at: this.now() });
    this.log('info', `connected to ${this.config.endpoints[this.machine.endpointIndex]}`);
    // After the agent's own: a colleague's line never delays the agent's readiness.
    await this.watchColleagues(link);
  }

  // --- colleagues' lines ----------------------------------------------------------------------

  /**
   * The colleagues' lines to watch (the directory's extensions; the agent's own and its queues
   * are left out), the first `limit` monitored. Connected, the monitors of lines gone (or now over
   * the limit) are removed and those of new ones added at once; after a reconnect all are added again.
   */
  setColleagues(devices: readonly string[], limit: number): void {
    const { device: me, queues } = this.config.identity;
    const watchedBefore = this.colleaguesWhere((line) => line.monitor === 'watched');
    const lines = devices.filter((d) => d !== me && !queues.includes(d));
    this.dispatch({ type: 'colleagues-set', devices: lines, limit, at: this.now() });
    const link = currentLink(this.machine);
    if (this.machine.phase !== 'ready' || !link) return;
    const watchedNow = this.colleaguesWhere((line) => line.monitor !== 'unavailable');
    for (const device of watchedBefore) if (!watchedNow.includes(device)) void this.unwatch(device);
    void this.watchColleagues(link);
  }

  private colleaguesWhere(test: (line: ColleagueLine) => boolean): string[] {
    return Object.values(this.state.colleagues ?? {})
      .filter(test)
      .map((line) => line.device);
  }

  /** Adds the monitors of the lines waiting for one, all at once (each answer comes on its own). */
  private async watchColleagues(link: Link): Promise<void> {
    const pending = this.colleaguesWhere(
      (line) => line.monitor === 'pending' && !this.addingColleagues.has(line.device),
    );
    await Promise.all(pending.map((device) => this.watchColleague(link, device)));
  }

  private async watchColleague(link: Link, device: string): Promise<void> {
    this.addingColleagues.add(device);
    const added = await this.request('addmonitor', { device });
    this.addingColleagues.delete(device);
    if (!this.isCurrent(link)) return;
    if (!this.state.colleagues?.[device]) {
      // The line went while its monitor was being added.
      if (added.ok) await this.unwatch(device);
      return;
    }
    if (added.ok) {
      this.dispatch({ type: 'colleague-monitor', device });
      return;
    }
    const refusal = added.kind === 'rejected' || added.kind === 'timeout' ? added.code : added.kind;
    this.log('warn', `colleague's line ${device} not watched: addmonitor answered ${refusal} (${added.message.en})`);
    this.dispatch({ type: 'colleague-monitor', device, refusal });
  }

  private async unwatch(device: string): Promise<void> {
    const removed = await this.request('removemonitor', { device });
    if (!removed.ok) this.log('warn', `colleague's line ${device}: removemonitor failed (${removed.message.en})`);
  }

  private async reassertAgent(stale: () => boolean): Promise<void> {
    const intent = this.intent;
    if (!intent.loggedOn) return;
    const logon = await this.request('logon', this.logonArgs());
    if (stale()) return;
    // RESPONSE_FAIL to a logon the switch already has: "already logged on", which is what we want.
    const alreadyOn = !logon.ok && logon.kind === 'rejected' && logon.code === ResultCode.RESPONSE_FAIL;
    if (!logon.ok && !alreadyOn) {
      this.setError('server', logon, 'logon');
      return;
    }
    if (alreadyOn) this.dispatch({ type: 'agent-already-on', at: this.now() });
    if (intent.state) {
      const restored = await this.request(fnameOf(intent.state), this.agentArgs(intent.reason));
      if (!stale() && !restored.ok) this.setError('server', restored, fnameOf(intent.state));
    }
  }

  // --- requests -------------------------------------------------------------------------------

  private setError(source: 'server' | 'client', outcome: Failure, fname?: string): void {
    const code = outcome.kind === 'rejected' || outcome.kind === 'timeout' ? outcome.code : outcome.kind;
    this.dispatch({
      type: 'error',
      error: { source, code, message: outcome.message, ...(fname ? { fname } : {}), at: this.now() },
    });
  }

  /** Sends a request over the current link and waits for its one outcome. */
  private async request<F extends Fname>(
    fname: F,
    args: ArgsOf<F>,
    timeoutMs = this.requestTimeoutMs,
  ): Promise<CommandOutcome> {
    const built = buildRequest(fname, args);
    if (!built.ok) return invalidArguments(built.errors);
    const link = currentLink(this.machine);
    if (!link?.open) return NOT_CONNECTED;
    const request = built.value as Request;
    const integerFields = this.config.integerFieldsAs ?? 'string';
    const text = encodeRequest(request, { integerFields });
    const key = matchKey(request as unknown as Record<string, unknown>)!;
    const settled = this.tracker.track(key, timeoutMs);
    this.diag.add('out', text);
    link.send(text);
    const outcome = outcomeOf(await settled, fname, integerFields);
    // A quiet link that let a request time out may be dead: find out now, not in two heartbeats.
    if (outcome.ok === false && outcome.kind === 'timeout') this.checkNow(`${fname} timed out`);
    return outcome;
  }

  /**
   * A command from the agent. Refused at once while not ready; otherwise validated, sent and
   * answered with its result, a field error, TIME_OUT or "not connected" if the link drops.
   */
  async command<F extends Fname>(fname: F, args: ArgsOf<F>): Promise<CommandOutcome> {
    if (this.machine.phase !== 'ready') {
      const built = buildRequest(fname, args);
      return built.ok ? NOT_CONNECTED : invalidArguments(built.errors);
    }
    const outcome = await this.request(fname, args);
    if (!outcome.ok && outcome.kind !== 'invalid')
      this.setError(outcome.kind === 'rejected' ? 'server' : 'client', outcome, fname);
    const c1 = Number((args as { c1?: unknown }).c1);
    if (!outcome.ok && outcome.kind === 'rejected' && this.state.calls[c1]?.unconfirmed) {
      // The server no longer knows a call we had before a reconnect.
      this.dispatch({ type: 'call-gone', c1, at: this.now() });
    }
    return outcome;
  }

  /** Turns down a call ringing at the agent: marked declined before the clear goes (its events may
   *  arrive before the answer), unmarked if the switch refuses. */
  async decline(c1: number): Promise<CommandOutcome> {
    this.dispatch({ type: 'declining', c1, at: this.now() });
    const outcome = await this.command('clear', { this: this.config.identity.device, c1 });
    if (!outcome.ok) this.dispatch({ type: 'decline-refused', c1, at: this.now() });
    return outcome;
  }

  /** Listens in on `called`'s call (`bargein`): the leg the switch then reports at the agent is
   *  known as the listening one. */
  async listenIn(called: string): Promise<CommandOutcome> {
    this.dispatch({ type: 'listen-requested', device: called, at: this.now() });
    const outcome = await this.command('bargein', { this: this.config.identity.device, called });
    if (!outcome.ok) this.dispatch({ type: 'listen-refused', at: this.now() });
    return outcome;
  }

  /**
   * Drops a call that was not confirmed since the last reconnect (the agent dismissed it, or its
   * grace period ran out with no event). A confirmed call is the switch's to end, not ours.
   */
  forgetUnconfirmedCall(c1: number): boolean {
    if (!this.state.calls[c1]?.unconfirmed) return false;
    this.dispatch({ type: 'call-gone', c1, at: this.now() });
    return true;
  }

  private logonArgs(): ArgsOf<'logon'> {
    const { identity, agent } = this.config;
    return {
      this: identity.device,
      agent: { id: identity.agentId, group: agent.group, channel: agent.channel, wmode: agent.workMode },
    };
  }
  private agentArgs(reason: number): ArgsOf<'ready'> {
    return { this: this.config.identity.device, agent: { id: this.config.identity.agentId, reason } };
  }

  /**
   * Logs the agent on. The switch answers RESPONSE_FAIL to an agent it already has (say, left on by
   * an app that crashed): the agent is on, in a state the switch did not say, and every state is
   * offered.
   */
  async logon(): Promise<CommandOutcome> {
    const outcome = await this.command('logon', this.logonArgs());
    const alreadyOn = !outcome.ok && outcome.kind === 'rejected' && outcome.code === ResultCode.RESPONSE_FAIL;
    if (alreadyOn) this.dispatch({ type: 'agent-already-on', at: this.now() });
    if (outcome.ok || alreadyOn) this.intent = { loggedOn: true, state: undefined, reason: 0 };
    return alreadyOn ? { ok: true, result: 1 } : outcome;
  }
  async logoff(reason: number): Promise<CommandOutcome> {
    const { identity, agent } = this.config;
    const outcome = await this.command('logoff', {
      this: identity.device,
      agent: { id: identity.agentId, group: agent.group, reason },
    });
    if (outcome.ok) this.intent = LOGGED_OFF;
    return outcome;
  }
  private async changeState(state: RestorableState, reason: number): Promise<CommandOutcome> {
    const outcome = await this.command(fnameOf(state), this.agentArgs(reason));
    if (outcome.ok) this.intent = { loggedOn: true, state, reason };
    return outcome;
  }
  /** Ready with the site's code for it (the guide's samples send "0"). */
  ready(reason = 0): Promise<CommandOutcome> {
    return this.changeState('ready', reason);
  }
  notReady(reason: number): Promise<CommandOutcome> {
    return this.changeState('notReady', reason);
  }
  afterWork(reason: number): Promise<CommandOutcome> {
    return this.changeState('afterWork', reason);
  }

  // --- receiving ------------------------------------------------------------------------------

  private receive(text: string): void {
    this.diag.add('in', text);
    const frame = decodeFrame(text);
    switch (frame.kind) {
      case 'event': {
        if (frame.event.warnings) this.note('event-fields', frame.event.warnings.join('; '));
        this.noteUnwatched(frame.event);
        const dropped = this.state.droppedCalls;
        this.dispatch({ type: 'event', event: frame.event, at: this.now() });
        if (this.state.droppedCalls !== dropped)
          this.note(
            'calls-dropped',
            `more than ${MAX_CALLS} calls at once: call ${frame.event.call?.c1} not taken (${this.state.droppedCalls} so far)`,
          );
        this.followAgent();
        return;
      }
      case 'response':
        this.onResponse(frame.response);
        return;
      case 'error':
        this.oddities.decodeErrors++;
        this.note('decode-error', `${frame.error.kind}: ${frame.error.detail}`);
        return;
    }
  }

  /** An event for a device the agent does not watch changes nothing; said once per device, at debug level. */
  private noteUnwatched(event: CtiEvent): void {
    const owner = eventOwner(this.state, event);
    if (owner.kind !== 'unwatched') return;
    const device = owner.device ?? '(none)';
    if (this.unwatchedLogged.has(device) || this.unwatchedLogged.size >= MAX_UNWATCHED_LOGGED) return;
    this.unwatchedLogged.add(device);
    this.log(
      'debug',
      `events for ${device}, a device this toolbar does not watch, are ignored (first: event ${event.id}${event.call?.c1 === undefined ? '' : ` of call ${event.call.c1}`})`,
    );
  }

  private onResponse(response: CtiResponse): void {
    const delivery = this.tracker.resolve(matchKey(response.echo), response.result);
    if (delivery === 'delivered') return;
    this.oddities.unmatchedResponses++;
    const what = `${response.rawFname ?? '(no fname)'} result ${response.result}`;
    this.note(
      `${delivery}-response`,
      delivery === 'late' ? `${what}: arrived after its request timed out` : `${what}: no request waiting for it`,
    );
  }

  /** The agent state the switch reports while ready is the one to restore after a reconnect. */
  private followAgent(): void {
    if (this.machine.phase === 'ready') this.intent = intentFromSwitch(this.state.agent, this.intent);
  }
}
