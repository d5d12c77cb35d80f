// The app's link to the CTI server: one session built from the settings, replaced when a setting
// it depends on (or the password) changes, and the built-in simulator started for demo mode when
// no server is configured (stopped again when one is). The demo simulator has no control port
// unless the caller asks for one (the browser preview does), and its password is random per run:
// only this core knows it, so no web page or local program can ring the agent or log in to it.
import { randomBytes } from 'node:crypto';
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { Settings } from '../../common/settings/schema.ts';
import { defaultLogoffReason } from '../../common/settings/reason-codes.ts';
import { initialState } from '../../common/state/reducer.ts';
import type { CtiEvent } from '../../common/protocol/frames.ts';
import type { CoreState, Effect } from '../../common/state/types.ts';
import { CtiSession, type CtiSessionConfig } from '../session/cti-session.ts';
import type { AgentMemory } from './agent/agent-memory.ts';
import { defaultSimConfig } from '../simulator/config.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';

/** What the shell or the page tells the connection about the world outside. */
export type SystemEvent = 'suspend' | 'resume' | 'unlock-screen' | 'online' | 'offline' | 'visible';

export interface ConnectionPorts {
  settings(): Settings;
  password(): string | undefined;
  /** `event`: the protocol event the state came from, when it came from one. */
  onCoreState(core: CoreState, event?: CtiEvent): void;
  onEffect(effect: Effect): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  now(): number;
  /** Ports of the demo simulator (0 = any free port); no control port unless given, then with this token (default: random). */
  demo?: { port?: number; controlPort?: number; controlToken?: string };
  /** Shows a notice in the toolbar's banner. */
  tell?(message: Plain): void;
  /** Where the agent state put on the switch is kept across restarts. */
  agentMemory?: Pick<AgentMemory, 'recall' | 'keep' | 'recallCalls' | 'keepCalls'>;
  /** Session tuning, e.g. shorter timeouts in tests. */
  tuning?: Partial<Pick<CtiSessionConfig, 'requestTimeoutMs' | 'heartbeatMs' | 'backoff'>>;
}

/** What the session decides for the desktop (notifications, screen pops), from the settings. */
export function sessionEffects(settings: Settings): CtiSessionConfig['effects'] {
  const { notifications, screenPop } = settings;
  return {
    notifications: notifications.enabled,
    names: settings.names,
    ...(screenPop.enabled && screenPop.template !== ''
      ? {
          screenPop: {
            template: screenPop.template,
            trigger: screenPop.trigger,
            callTypes: screenPop.callTypes,
            queues: screenPop.queues,
          },
        }
      : {}),
  };
}

/** The colleagues' lines to watch: the directory's numbers, as many as the settings allow. */
export function colleagueLines(settings: Settings): { devices: string[]; limit: number } {
  return { devices: settings.directory.map((entry) => entry.number), limit: settings.colleagueLines.maxWatched };
}

/** The settings that, when changed, need a new session (the others apply at once). */
function sessionKey(s: Settings, password: string | undefined): string {
  return JSON.stringify([
    s.server,
    s.agent.device,
    s.agent.agentId,
    s.agent.group,
    s.agent.channel,
    s.agent.workMode,
    s.agent.queues,
    password,
  ]);
}

export class Connection {
  private current: CtiSession | undefined;
  private unsubscribes: (() => void)[] = [];
  private simulator: Simulator | undefined;
  private key = '';
  private stopped = false;
  /** A changed server or agent waits for the agent's calls to end. */
  private waitingForCallEnd = false;
  private switching = false;
  /** The calls last kept on disk (the object, compared by identity: the reducer copies on change). */
  private keptCalls: CoreState['calls'] | undefined;
  /** The demo simulator's password: random per run, known to this core only. */
  private readonly demoPassword = randomBytes(24).toString('base64url');

  private readonly ports: ConnectionPorts;

  constructor(ports: ConnectionPorts) {
    this.ports = ports;
  }

  /** The session, once started (it exists without a password too, idle). */
  get session(): CtiSession | undefined {
    return this.current;
  }

  get demo(): { active: boolean; controlUrl?: string } {
    return {
      active: this.simulator !== undefined,
      ...(this.simulator?.controlUrl ? { controlUrl: this.simulator.controlUrl } : {}),
    };
  }

  /** The session's state, or the idle state of the agent the settings name. */
  coreState(): CoreState {
    if (this.current) return this.current.getState();
    const { agent, server } = this.ports.settings();
    return initialState(
      { device: agent.device, agentId: agent.agentId, queues: agent.queues },
      Math.max(1, server.endpoints.length),
      this.ports.now(),
    );
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.startSession();
  }

  /** Logs the agent off first when asked (quitting with that setting), then closes everything. */
  async stop(options: { logoff?: boolean } = {}): Promise<void> {
    this.stopped = true;
    const session = this.current;
    if (session && options.logoff && session.getState().agent.state !== 'loggedOff')
      await session.logoff(defaultLogoffReason(this.ports.settings().agent));
    await this.stopSession();
    await this.simulator?.stop();
    this.simulator = undefined;
  }

  /**
   * Something outside says the link may be gone or about to go: the computer sleeps (the link is
   * closed, nothing retried) or wakes (reconnect at once), the screen was unlocked, the network
   * changed, the toolbar was shown again (one ping; no answer within a second, a fresh reconnect).
   */
  nudge(event: SystemEvent): void {
    const session = this.current;
    if (!session) return;
    this.ports.log('info', `connection check: ${event}`);
    if (event === 'suspend') session.suspend();
    else if (event === 'resume') session.resume();
    else session.checkNow(event);
  }

  /**
   * After a settings or password change: a new session only if one it depends on changed. Never
   * under a call: a server or agent moved (by the policy, or by the agent) while a call is up or
   * ringing takes effect when the last call has ended, and the agent is told so.
   */
  async settingsChanged(): Promise<void> {
    this.current?.setEffectSettings(sessionEffects(this.ports.settings()));
    const lines = colleagueLines(this.ports.settings());
    this.current?.setColleagues(lines.devices, lines.limit);
    const settings = this.ports.settings();
    if (this.stopped || sessionKey(settings, this.password(settings)) === this.key) {
      this.waitingForCallEnd = false;
      return;
    }
    if (this.onCall()) {
      if (!this.waitingForCallEnd) {
        this.ports.log('info', 'the server or agent changed during a call: switching when the call has ended');
        this.ports.tell?.(both('notice.switchAfterCall'));
      }
      this.waitingForCallEnd = true;
      return;
    }
    this.waitingForCallEnd = false;
    await this.logOffAgentLeftBehind(settings);
    await this.stopSession();
    await this.startSession();
  }

  /** Whether the agent has a call (ringing, talking, held) that a new session would cut off. */
  private onCall(): boolean {
    return Object.keys(this.current?.getState().calls ?? {}).length > 0;
  }

  /** A session switch that waited for the calls to end goes ahead once they have. */
  private followCalls(core: CoreState): void {
    if (!this.waitingForCallEnd || this.switching || Object.keys(core.calls).length > 0 || this.onCall()) return;
    this.switching = true;
    this.ports.log('info', 'the call has ended: switching to the changed server or agent');
    void this.settingsChanged()
      .catch((error: unknown) => this.ports.log('error', `switching after the call failed: ${String(error)}`))
      .finally(() => (this.switching = false));
  }

  /**
   * Another extension or agent id: the agent the old session logged on would stay on at the switch
   * (a ghost: queue calls ring an extension no one watches). It is logged off first, and said so.
   */
  private async logOffAgentLeftBehind(next: Settings): Promise<void> {
    const old = this.current?.getState();
    if (!old || old.agent.state === 'loggedOff' || old.connection.status !== 'connected') return;
    const { device, agentId } = old.identity;
    if (device === next.agent.device && agentId === next.agent.agentId) return;
    const outcome = await this.current!.logoff(defaultLogoffReason(next.agent));
    const line = `agent ${agentId} at ${device} ${outcome.ok ? 'logged off' : 'could not be logged off'} before switching to agent ${next.agent.agentId} at ${next.agent.device}`;
    this.ports.log(outcome.ok ? 'info' : 'warn', line);
    this.ports.tell?.(
      both(outcome.ok ? 'notice.oldAgentLoggedOff' : 'notice.oldAgentNotLoggedOff', { agent: agentId, device }),
    );
  }

  private async endpoints(): Promise<string[]> {
    const configured = this.ports.settings().server.endpoints;
    if (configured.length > 0) {
      await this.simulator?.stop();
      this.simulator = undefined;
      return configured;
    }
    if (!this.simulator) {
      const demo = this.ports.demo ?? {};
      this.simulator = await startSimulator({
        port: demo.port ?? 0,
        ...(demo.controlPort !== undefined
          ? { controlPort: demo.controlPort, ...(demo.controlToken ? { controlToken: demo.controlToken } : {}) }
          : {}),
        demo: true,
        config: { users: defaultSimConfig().users.map((u) => ({ ...u, pwd: this.demoPassword })) },
        log: (line) => this.ports.log('info', `[simulator] ${line}`),
      });
      this.ports.log(
        'info',
        `no server configured: demo mode against the built-in simulator at ${this.simulator.endpoints.join(', ')}`,
      );
    }
    return this.simulator.endpoints;
  }

  /** The stored password, or in demo mode the demo simulator's own. */
  private password(s: Settings): string | undefined {
    return s.server.endpoints.length === 0 ? this.demoPassword : this.ports.password();
  }

  private async startSession(): Promise<void> {
    const s = this.ports.settings();
    const password = this.password(s);
    this.key = sessionKey(s, password);
    const session = new CtiSession({
      endpoints: await this.endpoints(),
      loginId: s.server.loginId,
      password: password ?? '',
      identity: { device: s.agent.device, agentId: s.agent.agentId, queues: s.agent.queues },
      agent: { group: s.agent.group, channel: s.agent.channel, workMode: s.agent.workMode },
      integerFieldsAs: s.server.integerFieldsAs,
      heartbeatMs: s.server.heartbeatSeconds * 1000,
      maxFrameBytes: s.server.maxFrameKiB * 1024,
      ...(s.server.caCertificate ? { tlsCa: s.server.caCertificate } : {}),
      effects: sessionEffects(s),
      colleagues: colleagueLines(s),
      log: (level, message) => this.ports.log(level, message),
      ...this.rememberedAgent(s),
      ...this.ports.tuning,
    });
    this.current = session;
    this.unsubscribes = [
      session.onState((core, cause) => {
        this.keepCalls(core);
        this.ports.onCoreState(core, cause.type === 'event' ? cause.event : undefined);
        this.followCalls(core);
      }),
      session.onEffect((effect) => this.ports.onEffect(effect)),
    ];
    if (password === undefined) {
      this.ports.log('warn', 'no password stored: the session is not started until one is set');
      return;
    }
    session.start();
  }

  /**
   * The agent state kept from before a restart, put back at the first login, and kept as it
   * changes; the calls up then, shown as unconfirmed until the switch says.
   */
  private rememberedAgent(s: Settings): Pick<CtiSessionConfig, 'intent' | 'onIntent' | 'restoredCalls'> {
    const memory = this.ports.agentMemory;
    if (!memory) return {};
    const who = { device: s.agent.device, agentId: s.agent.agentId };
    const intent = memory.recall(who);
    if (intent?.loggedOn)
      this.ports.log(
        'info',
        `putting back the agent state kept from before the restart: ${intent.state ?? 'logged on'}`,
      );
    const restoredCalls = memory.recallCalls(who);
    if (restoredCalls.length > 0)
      this.ports.log('info', `${restoredCalls.length} call(s) up before the restart: shown until the switch confirms`);
    return { ...(intent ? { intent } : {}), onIntent: (next) => memory.keep(who, next), restoredCalls };
  }

  /** Keeps the calls up now beside the agent state, for a restart (only when they changed). */
  private keepCalls(core: CoreState): void {
    if (core.calls === this.keptCalls) return;
    this.keptCalls = core.calls;
    const { device, agentId } = core.identity;
    this.ports.agentMemory?.keepCalls({ device, agentId }, core.calls);
  }

  private async stopSession(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    const session = this.current;
    this.current = undefined;
    await session?.stop();
  }
}
