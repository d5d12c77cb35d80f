// The CTI session: one agent's connection to nxproxy_rio that heals itself. It fails over between
// the endpoints, logs in again, re-adds its monitors and restores the agent state after every
// reconnect (the phases are the connection machine's), gives every command exactly one definite
// outcome, and turns what the server sends into one state object (the reducer) and effects
// (notification, screen pop). This file drives the connection machine and answers the app; its
// parts are modules beside it: link-setup (what follows each open), receive-path, request-sender,
// state-store, colleague-monitors, untrusted-certificate.
import { closeMessage } from '../../common/protocol/catalogue.ts';
import { buildRequest, type ArgsOf, type Fname } from '../../common/protocol/requests.ts';
import type { EffectSettings } from '../../common/state/effects.ts';
import { initialState, type CoreAction } from '../../common/state/reducer.ts';
import { withRestoredCalls } from '../../common/state/restored-calls.ts';
import type {
  CommandOutcome,
  ConnectionProblem,
  ConnectionState,
  CoreState,
  Effect,
} from '../../common/state/types.ts';
import { fnameOf, intentFromSwitch, LOGGED_OFF, type Intent, type RestorableState } from './agent-intent.ts';
import { agentStateArgs, alreadyLoggedOn, logoffArgs, logonArgs } from './agent-requests.ts';
import { DEFAULT_BACKOFF } from './backoff.ts';
import { ColleagueMonitors } from './colleague-monitors.ts';
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
import { setUpLink } from './link-setup.ts';
import { invalidArguments, NOT_CONNECTED, type Failure } from './outcomes.ts';
import { ReceivePath } from './receive-path.ts';
import { RequestSender } from './request-sender.ts';
import { RequestTracker } from './request-tracker.ts';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_PROBE_MS,
  systemTimers,
  type CtiSessionConfig,
  type SessionTimers,
} from './session-config.ts';
import type { SessionParts } from './session-parts.ts';
import { StateStore } from './state-store.ts';
import { describeCertificate, keepReadCertificate } from './untrusted-certificate.ts';

// What other modules import from the session, from where they always did.
export {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_PROBE_MS,
  type CtiSessionConfig,
  type SessionTimers,
} from './session-config.ts';
export { MAX_UNWATCHED_LOGGED } from './receive-path.ts';

export class CtiSession {
  private readonly config: CtiSessionConfig;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timers: SessionTimers;
  private readonly policy: MachinePolicy;
  private readonly requestTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly log: NonNullable<CtiSessionConfig['log']>;
  private readonly store: StateStore;
  private readonly tracker: RequestTracker;
  private readonly diag: DiagnosticsLog;
  private readonly sender: RequestSender;
  private readonly parts: SessionParts;
  private readonly colleagues: ColleagueMonitors;
  private readonly receivePath: ReceivePath;
  private machine: Machine<Link> = initialMachine();
  private retryTimer: unknown;
  /** The link a nudge is probing: if it dies of that, the reconnect starts afresh. */
  private nudged: Link | undefined;
  private readonly probeMs: number;
  private running = false;
  private intentNow: Intent = LOGGED_OFF;
  private readonly lastOddity = new Map<string, number>();
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
    this.diag = new DiagnosticsLog(1000, this.now);
    this.tracker = new RequestTracker(this.now);
    this.store = new StateStore(
      withRestoredCalls(initialState(config.identity, config.endpoints.length, this.now()), config.restoredCalls ?? []),
      config.effects,
      (error, action) => this.note('reducer-error', `${String(error)} on ${JSON.stringify(action).slice(0, 300)}`),
    );
    this.sender = new RequestSender({
      link: () => currentLink(this.machine),
      tracker: this.tracker,
      diag: this.diag,
      integerFields: config.integerFieldsAs ?? 'string',
      timeoutMs: this.requestTimeoutMs,
      onTimeout: (fname) => this.checkNow(`${fname} timed out`),
    });
    this.parts = {
      config,
      now: this.now,
      log: this.log,
      note: (kind, detail) => this.note(kind, detail),
      state: () => this.store.state,
      dispatch: (action) => this.dispatch(action),
      setError: (source, outcome, fname) => this.setError(source, outcome, fname),
      request: (fname, args, timeoutMs) => this.sender.send(fname, args, timeoutMs),
      advance: (event) => this.advance(event),
      isCurrent: (link) => this.isCurrent(link),
      readyLink: () => (this.machine.phase === 'ready' ? currentLink(this.machine) : undefined),
      endpoint: () => this.config.endpoints[this.machine.endpointIndex]!,
      intent: () => this.intent,
    };
    this.colleagues = new ColleagueMonitors(this.parts);
    this.receivePath = new ReceivePath({
      parts: this.parts,
      diag: this.diag,
      tracker: this.tracker,
      oddities: this.oddities,
      afterEvent: () => this.followAgent(),
    });
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
  /** The agent state the switch reports while ready is the one to restore after a reconnect. */
  private followAgent(): void {
    if (this.machine.phase === 'ready') this.intent = intentFromSwitch(this.store.state.agent, this.intent);
  }

  // --- observing ------------------------------------------------------------------------------

  getState(): CoreState {
    return this.store.state;
  }
  /** Every new state, with the action it came from (the event, for what only the event tells). */
  onState(listener: (state: CoreState, cause: CoreAction) => void): () => void {
    return this.store.onState(listener);
  }
  onEffect(listener: (effect: Effect) => void): () => void {
    return this.store.onEffect(listener);
  }
  diagnostics(): DiagnosticEntry[] {
    return this.diag.list();
  }
  setEffectSettings(settings: EffectSettings): void {
    this.store.setEffectSettings(settings);
  }

  private dispatch(action: CoreAction): void {
    this.store.dispatch(action);
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
      await this.sender.send('logout', { id: this.config.loginId }, Math.min(this.requestTimeoutMs, 1000));
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
          if (this.advance({ type: 'opened', link })) void setUpLink(this.parts, link, this.colleagues);
        },
        message: (text) => {
          if (this.isCurrent(link)) this.receivePath.receive(text);
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
    const problem = keepReadCertificate(failure && { ...failure, endpoint }, this.store.state.connection.problem);
    this.diag.add('note', `connection to ${endpoint} ended: ${code} ${reason}`);
    this.log(
      'warn',
      `connection to ${endpoint} ended: ${code} ${reason} (${closeMessage(code).en})${problem ? ` [${problem.cause}: ${problem.detail ?? ''}]` : ''}`,
    );
    this.setConnection({ lastClose: { code, reason, message: closeMessage(code), at }, problem });
    this.advance({ type: 'lost', link, at, draw: this.random(), fresh });
    this.tracker.failAll();
    this.armRetry(at);
    if (problem?.cause === 'tls-untrusted') void describeCertificate(this.parts, endpoint, problem, () => this.running);
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

  /**
   * The colleagues' lines to watch (the directory's extensions; the agent's own and its queues
   * are left out), the first `limit` monitored; changed at once while connected.
   */
  setColleagues(devices: readonly string[], limit: number): void {
    this.colleagues.set(devices, limit);
  }

  // --- commands -------------------------------------------------------------------------------

  private setError(source: 'server' | 'client', outcome: Failure, fname?: string): void {
    const code = outcome.kind === 'rejected' || outcome.kind === 'timeout' ? outcome.code : outcome.kind;
    this.dispatch({
      type: 'error',
      error: { source, code, message: outcome.message, ...(fname ? { fname } : {}), at: this.now() },
    });
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
    const outcome = await this.sender.send(fname, args);
    if (!outcome.ok && outcome.kind !== 'invalid')
      this.setError(outcome.kind === 'rejected' ? 'server' : 'client', outcome, fname);
    const c1 = Number((args as { c1?: unknown }).c1);
    if (!outcome.ok && outcome.kind === 'rejected' && this.store.state.calls[c1]?.unconfirmed) {
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
    if (!this.store.state.calls[c1]?.unconfirmed) return false;
    this.dispatch({ type: 'call-gone', c1, at: this.now() });
    return true;
  }

  /**
   * Logs the agent on. The switch answers RESPONSE_FAIL to an agent it already has (say, left on by
   * an app that crashed): the agent is on, in a state the switch did not say, and every state is
   * offered.
   */
  async logon(): Promise<CommandOutcome> {
    const outcome = await this.command('logon', logonArgs(this.config));
    const alreadyOn = alreadyLoggedOn(outcome);
    if (alreadyOn) this.dispatch({ type: 'agent-already-on', at: this.now() });
    if (outcome.ok || alreadyOn) this.intent = { loggedOn: true, state: undefined, reason: 0 };
    return alreadyOn ? { ok: true, result: 1 } : outcome;
  }
  async logoff(reason: number): Promise<CommandOutcome> {
    const outcome = await this.command('logoff', logoffArgs(this.config, reason));
    if (outcome.ok) this.intent = LOGGED_OFF;
    return outcome;
  }
  private async changeState(state: RestorableState, reason: number): Promise<CommandOutcome> {
    const outcome = await this.command(fnameOf(state), agentStateArgs(this.config, reason));
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
}
