// The app's link to the CTI server: one session built from the settings, replaced when a setting
// it depends on (or the password) changes, and the built-in simulator started for demo mode when
// no server is configured (stopped again when one is).
import type { Settings } from '../../common/settings/schema.ts';
import { initialState } from '../../common/state/reducer.ts';
import type { CoreState, Effect } from '../../common/state/types.ts';
import { CtiSession, type CtiSessionConfig } from '../session/cti-session.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';

/** What the shell or the page tells the connection about the world outside. */
export type SystemEvent = 'suspend' | 'resume' | 'unlock-screen' | 'online' | 'offline' | 'visible';

export interface ConnectionPorts {
  settings(): Settings;
  password(): string | undefined;
  onCoreState(core: CoreState): void;
  onEffect(effect: Effect): void;
  log(level: 'info' | 'warn', message: string): void;
  now(): number;
  /** Ports of the demo simulator (0 = any free port). */
  demo?: { port?: number; controlPort?: number };
  /** Session tuning, e.g. shorter timeouts in tests. */
  tuning?: Partial<Pick<CtiSessionConfig, 'requestTimeoutMs' | 'heartbeatMs' | 'backoff'>>;
}

/** What the session decides for the desktop (notifications, screen pops), from the settings. */
export function sessionEffects(settings: Settings): CtiSessionConfig['effects'] {
  const { notifications, screenPop } = settings;
  return {
    notifications: notifications.enabled,
    ...(screenPop.enabled && screenPop.template !== ''
      ? { screenPop: { template: screenPop.template, trigger: screenPop.trigger, callTypes: screenPop.callTypes, queues: screenPop.queues } }
      : {}),
  };
}

/** The settings that, when changed, need a new session (the others apply at once). */
function sessionKey(s: Settings, password: string | undefined): string {
  return JSON.stringify([s.server, s.agent.device, s.agent.agentId, s.agent.group, s.agent.channel, s.agent.workMode, s.agent.queues, password]);
}

export class Connection {
  private current: CtiSession | undefined;
  private unsubscribes: (() => void)[] = [];
  private simulator: Simulator | undefined;
  private key = '';
  private stopped = false;

  constructor(private readonly ports: ConnectionPorts) {}

  /** The session, once started (it exists without a password too, idle). */
  get session(): CtiSession | undefined {
    return this.current;
  }

  get demo(): { active: boolean; controlUrl?: string } {
    return { active: this.simulator !== undefined, ...(this.simulator?.controlUrl ? { controlUrl: this.simulator.controlUrl } : {}) };
  }

  /** The session's state, or the idle state of the agent the settings name. */
  coreState(): CoreState {
    if (this.current) return this.current.getState();
    const { agent, server } = this.ports.settings();
    return initialState({ device: agent.device, agentId: agent.agentId, queues: agent.queues }, Math.max(1, server.endpoints.length), this.ports.now());
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.startSession();
  }

  /** Logs the agent off first when asked (quitting with that setting), then closes everything. */
  async stop(options: { logoff?: boolean } = {}): Promise<void> {
    this.stopped = true;
    const session = this.current;
    if (session && options.logoff && session.getState().agent.state !== 'loggedOff') await session.logoff(0);
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

  /** After a settings or password change: a new session only if one it depends on changed. */
  async settingsChanged(): Promise<void> {
    this.current?.setEffectSettings(sessionEffects(this.ports.settings()));
    if (this.stopped || sessionKey(this.ports.settings(), this.ports.password()) === this.key) return;
    await this.stopSession();
    await this.startSession();
  }

  private async endpoints(): Promise<string[]> {
    const configured = this.ports.settings().server.endpoints;
    if (configured.length > 0) {
      await this.simulator?.stop();
      this.simulator = undefined;
      return configured;
    }
    if (!this.simulator) {
      this.simulator = await startSimulator({
        port: this.ports.demo?.port ?? 0,
        controlPort: this.ports.demo?.controlPort ?? 0,
        demo: true,
        log: (line) => this.ports.log('info', `[simulator] ${line}`),
      });
      this.ports.log('info', `no server configured: demo mode against the built-in simulator at ${this.simulator.endpoints.join(', ')}`);
    }
    return this.simulator.endpoints;
  }

  private async startSession(): Promise<void> {
    const s = this.ports.settings();
    const password = this.ports.password();
    this.key = sessionKey(s, password);
    const session = new CtiSession({
      endpoints: await this.endpoints(),
      loginId: s.server.loginId,
      password: password ?? '',
      identity: { device: s.agent.device, agentId: s.agent.agentId, queues: s.agent.queues },
      agent: { group: s.agent.group, channel: s.agent.channel, workMode: s.agent.workMode },
      integersAs: s.server.integersAs,
      ...(s.server.caCertificate ? { tlsCa: s.server.caCertificate } : {}),
      effects: sessionEffects(s),
      ...this.ports.tuning,
    });
    this.current = session;
    this.unsubscribes = [session.onState((core) => this.ports.onCoreState(core)), session.onEffect((effect) => this.ports.onEffect(effect))];
    if (password === undefined) {
      this.ports.log('warn', 'no password stored: the session is not started until one is set');
      return;
    }
    session.start();
  }

  private async stopSession(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    const session = this.current;
    this.current = undefined;
    await session?.stop();
  }
}
