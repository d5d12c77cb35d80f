// The app core's composition root: it wires the features (each in its own module) to the session
// and the ports, answers every command of the IPC contract through one typed table, and builds
// the state the toolbar shows. The Electron shell and the browser preview both wrap one of these.
// A new feature: a module of its own beside this one, taking what it needs; wired here.
import { dirname, join } from 'node:path';
import type { AppState, CommandArgs, CommandHandlers, CommandName, CommandResults } from '../../common/ipc/contract.ts';
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { Settings } from '../../common/settings/schema.ts';
import type { CoreState } from '../../common/state/types.ts';
import type { CtiSessionConfig } from '../session/cti-session.ts';
import { commandTable } from './app-commands.ts';
import { CallControl } from './call-control.ts';
import { CallFeatures } from './call-features.ts';
import { CallHistory } from './call-history.ts';
import { systemClock, type Clock } from './clock.ts';
import { Connection, type ConnectionPorts, type SystemEvent } from './connection.ts';
import { diagnosticsReport } from './diagnostics-report.ts';
import { Dialing } from './dialing.ts';
import type { Platform, SecretStore, SettingsStore } from './ports.ts';
import { SettingsService } from './settings-service.ts';
import { StatePublisher } from './state-push.ts';
import { DesktopEffects } from './desktop-effects.ts';
import { Notices } from './notices.ts';

export type LogFn = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface AppControllerDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  platform: Platform;
  version: string;
  log?: LogFn;
  /** Ports of the demo simulator (0 = any free port); a control port only for the preview. */
  demo?: ConnectionPorts['demo'];
  /** The local call history; by default `history.json` beside the settings file. */
  history?: CallHistory;
  /** Session tuning, e.g. shorter timeouts in tests. */
  session?: Partial<Pick<CtiSessionConfig, 'requestTimeoutMs' | 'heartbeatMs' | 'backoff'>>;
  clock?: Clock;
}

export class AppController {
  private readonly clock: Clock;
  private readonly log: LogFn;
  private readonly settingsService: SettingsService;
  private readonly connection: Connection;
  private readonly control: CallControl;
  private readonly dialing: Dialing;
  private readonly calls: CallFeatures;
  private readonly publisher: StatePublisher<AppState>;
  private readonly notices: Notices;
  private readonly stopEffects: () => void;
  private readonly commands: CommandHandlers;

  constructor(private readonly deps: AppControllerDeps) {
    this.clock = deps.clock ?? systemClock;
    const now = () => this.clock.now();
    this.log = deps.log ?? (() => undefined);
    this.publisher = new StatePublisher(() => this.getState(), this.clock);
    this.notices = new Notices(now);
    this.settingsService = new SettingsService(deps.settings, deps.secrets);
    const effects = new DesktopEffects({
      platform: deps.platform,
      settings: () => this.settings,
      clock: this.clock,
      tell: (message) => this.tell(message),
      log: (level, message) => this.log(level, message),
    });
    this.stopEffects = () => effects.stop();
    this.connection = new Connection({
      settings: () => this.settings,
      password: () => this.settingsService.password(),
      onCoreState: (core) => this.onCoreState(core),
      onEffect: (effect) => effects.carryOut(effect),
      log: (level, message) => this.log(level, message),
      now,
      ...(deps.demo ? { demo: deps.demo } : {}),
      ...(deps.session ? { tuning: deps.session } : {}),
    });
    this.control = new CallControl(() => this.connection.session, () => this.settings.agent.device);
    this.dialing = new Dialing({
      settings: () => this.settings,
      dial: (called) => this.control.request('dial', { called }),
      bringToFront: () => deps.platform.bringToFront(),
      tell: (message) => this.tell(message),
      log: (message) => this.log('warn', message),
      changed: () => this.emit(),
    });
    this.calls = new CallFeatures({
      clock: this.clock,
      settings: () => this.settings,
      history: deps.history ?? new CallHistory(join(dirname(deps.settings.path), 'history.json')),
      answer: (c1) => this.control.request('answer', { c1 }),
      applyNextState: (next) => (this.connection.session ? this.control.agentState(next) : undefined),
      forgetUnconfirmed: (c1) => this.connection.session?.forgetUnconfirmedCall(c1) ?? false,
      log: (level, message) => this.log(level, message),
      changed: () => this.emit(),
    });
    this.commands = commandTable({
      control: this.control,
      dialing: this.dialing,
      calls: this.calls,
      settingsService: this.settingsService,
      platform: this.deps.platform,
      settings: () => this.settings,
      coreState: () => this.connection.coreState(),
      getState: () => this.getState(),
      diagnostics: () => this.diagnostics(),
      dismissErrors: () => this.notices.dismiss(),
      tell: (message) => this.tell(message),
      checkConnection: (reason) => this.systemEvent(reason),
      settingsApplied: () => this.settingsApplied(),
      changed: (change) => {
        change();
        this.emit();
        return { ok: true };
      },
    });
    const problem = this.settingsService.loadProblem();
    if (problem) {
      this.log('warn', problem.log);
      this.tell(problem.message);
    }
  }

  async start(): Promise<void> {
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.start();
    this.emit();
  }

  async stop(options: { logoff?: boolean } = {}): Promise<void> {
    this.calls.stop();
    this.stopEffects();
    await this.connection.stop(options);
    this.publisher.cancel();
  }

  /** Every pushed state (at most one a frame): for the toolbar, which shows all of it. */
  onState(listener: (state: AppState) => void): () => void {
    return this.publisher.onState(listener);
  }

  /** Only when what `select` picks changes, and once now: for the tray, shortcuts, login item. */
  onChange<T>(select: (state: AppState) => T, listener: (value: T) => void): () => void {
    return this.publisher.onChange(select, listener);
  }

  getState(): AppState {
    const core = this.connection.coreState();
    const visibleError = this.notices.visibleError(core.lastError);
    const { lastError: _hidden, ...rest } = core;
    return {
      core: visibleError ? { ...rest, lastError: visibleError } : rest,
      settings: this.settingsService.view(),
      demo: this.connection.demo,
      nextState: this.calls.nextState.value,
      ...(this.dialing.lastDialed ? { lastDialed: this.dialing.lastDialed } : {}),
      ...this.calls.historyView.state(core.agent),
      ...(this.dialing.pending ? { pendingDial: this.dialing.pending } : {}),
      ...(this.notices.visible ? { notice: this.notices.visible } : {}),
      ...(this.calls.autoAnswer.planned ? { autoAnswer: this.calls.autoAnswer.planned } : {}),
      now: this.clock.now(),
      version: this.deps.version,
    };
  }

  /** Runs one command of the IPC contract; its arguments were already checked against the contract. */
  async handle<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<CommandResults[C]> {
    const handler: CommandHandlers[C] = this.commands[name];
    return handler(args);
  }

  /** Sleep, wake, unlock, network or visibility changes, from the shell (powerMonitor) or the page. */
  systemEvent(event: SystemEvent): void {
    this.connection.nudge(event);
  }

  /** A clicked `tel:` / `callto:` link (from the OS, through the shell). */
  clickToDial(url: string): Promise<void> {
    return this.dialing.clicked(url);
  }

  /** The shell could not take these system-wide shortcuts (another app holds them): tell the agent. */
  reportShortcutClashes(accelerators: string[]): void {
    if (accelerators.length === 0) return;
    const list = accelerators.join(', ');
    this.tell(both('notice.shortcutsTaken', { list }));
    this.log('warn', `shortcuts taken by another app: ${list}`);
  }

  private get settings(): Settings {
    return this.settingsService.current;
  }

  private async settingsApplied(): Promise<void> {
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.settingsChanged();
    this.emit();
  }

  private onCoreState(core: CoreState): void {
    this.calls.follow(core);
    this.emit();
  }

  private diagnostics(): string {
    const { secrets, settings, version } = this.deps;
    return diagnosticsReport({
      version,
      settingsPath: settings.path,
      settings: this.settings,
      password: { stored: secrets.getPassword() !== undefined, kind: secrets.kind },
      state: this.connection.coreState(),
      frames: this.connection.session?.diagnostics() ?? [],
    });
  }

  /** Something the app itself has to tell the agent, shown until dismissed. */
  private tell(message: Plain): void {
    this.notices.tell(message);
    this.emit();
  }

  private emit(): void {
    this.publisher.changed();
  }
}
