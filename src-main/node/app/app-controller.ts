// The app core's composition root: it wires the features (each in its own module) to the session
// and the ports, answers every command of the IPC contract through one typed table, and builds
// the state the toolbar shows. The Electron shell and the browser preview both wrap one of these.
// A new feature: a module of its own beside this one, taking what it needs; wired here.
import { dirname, join } from 'node:path';
import type { CommandArgs, CommandHandlers, CommandName, CommandResults } from '../../common/ipc/contract.ts';
import type { AppState } from '../../common/state/app-state.ts';
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { Settings } from '../../common/settings/schema.ts';
import type { CoreState } from '../../common/state/types.ts';
import type { CtiEvent } from '../../common/protocol/frames.ts';
import { commandTable } from './app-commands.ts';
import { appState } from './app-state.ts';
import { AgentHooks } from './hooks/agent-hooks.ts';
import { AgentMemory } from './agent/agent-memory.ts';
import { AwayWhenDeskLeft, type DeskEvent } from './agent/away.ts';
import { CallControl } from './calls/call-control.ts';
import { CallFeatures } from './calls/call-features.ts';
import { CallHistory } from './history/call-history.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { Connection, type SystemEvent } from './connection.ts';
import { diagnosticsReport } from './diagnostics/diagnostics-report.ts';
import { Dialing } from './calls/dialing.ts';
import { OpenRecord } from './calls/open-record.ts';
import { TransferWhenFree } from './calls/transfer-when-free.ts';
import { SettingsService } from './settings/settings-service.ts';
import { StatePublisher } from './state-push.ts';
import { DesktopEffects } from './notices/desktop-effects.ts';
import { Notices } from './notices/notices.ts';
import { QueueAlerts } from './notices/queue-alerts.ts';
import { WriteBehind } from '../files/write-behind.ts';
import { narrowAppFolders } from '../files/app-folder.ts';
import type { AppControllerDeps, LogFn } from './ports.ts';
export type { AppControllerDeps, LogFn } from './ports.ts';

export class AppController {
  private readonly clock: Clock;
  private readonly log: LogFn;
  private readonly settingsService: SettingsService;
  private readonly connection: Connection;
  private readonly control: CallControl;
  private readonly dialing: Dialing;
  private readonly openRecord: OpenRecord;
  private readonly calls: CallFeatures;
  private readonly transferWhenFree: TransferWhenFree;
  private readonly publisher: StatePublisher<AppState>;
  private readonly notices: Notices;
  private readonly effects: DesktopEffects;
  private readonly queueAlerts: QueueAlerts;
  private readonly away: AwayWhenDeskLeft;
  private readonly agentHooks: AgentHooks;
  private readonly commands: CommandHandlers;
  /** The files rewritten on events (history, agent state): written behind, flushed by `flush()`. */
  private readonly files: WriteBehind;
  /** The files the core keeps beside the settings. */
  private readonly historyPath: string;
  private readonly agentStatePath: string;

  private readonly deps: AppControllerDeps;

  constructor(deps: AppControllerDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
    const now = () => this.clock.now();
    this.log = deps.log ?? (() => undefined);
    this.files = new WriteBehind({ clock: this.clock, log: this.log });
    this.historyPath = join(dirname(deps.settings.path), 'history.json');
    this.agentStatePath = join(dirname(deps.settings.path), 'agent-state.json');
    this.publisher = new StatePublisher(
      () => this.getState(),
      this.clock,
      (error) => this.log('error', `a state listener failed: ${String(error)}`),
    );
    this.notices = new Notices(now);
    this.settingsService = new SettingsService(deps.settings, deps.secrets, {
      policy: deps.policy,
      log: this.log,
      tell: (m, line) => this.tell(m, line),
      applied: () => void this.settingsApplied(),
    });
    const effects = (this.effects = new DesktopEffects({
      platform: deps.platform,
      settings: () => this.settings,
      clock: this.clock,
      tell: (message) => this.tell(message),
      log: (level, message) => this.log(level, message),
    }));
    this.queueAlerts = new QueueAlerts({
      clock: this.clock,
      settings: () => this.settings,
      core: () => this.connection.coreState(),
      notify: (effect) => effects.carryOut(effect),
      log: (message) => this.log('info', message),
      changed: () => this.emit(),
    });
    this.connection = new Connection({
      settings: () => this.settings,
      password: () => this.settingsService.password(),
      onCoreState: (core, event) => this.onCoreState(core, event),
      onEffect: (effect) => effects.carryOut(effect),
      log: (level, message) => this.log(level, message),
      now,
      tell: (message) => this.tell(message),
      agentMemory: new AgentMemory(this.agentStatePath, now, (level, message) => this.log(level, message), this.files),
      ...(deps.demo ? { demo: deps.demo } : {}),
      ...(deps.session ? { tuning: deps.session } : {}),
    });
    this.control = new CallControl(
      () => this.connection.session,
      () => this.settings.agent.device,
      () => this.settings.agent.readyReason,
    );
    this.dialing = new Dialing({
      settings: () => this.settings,
      dial: (called, data) => this.control.request('dial', { called, ...data }),
      bringToFront: () => deps.platform.bringToFront(),
      tell: (message) => this.tell(message),
      log: (message) => this.log('warn', message),
      changed: () => this.emit(),
    });
    this.openRecord = new OpenRecord({ settings: () => this.settings, log: this.log });
    this.calls = new CallFeatures({
      clock: this.clock,
      settings: () => this.settings,
      history: deps.history ?? new CallHistory(this.historyPath, this.files),
      answer: (c1) => this.control.request('answer', { c1 }),
      applyNextState: (next) => (this.connection.session ? this.control.agentState(next) : undefined),
      forgetUnconfirmed: (c1) => this.connection.session?.forgetUnconfirmedCall(c1) ?? false,
      log: (level, message) => this.log(level, message),
      changed: () => this.emit(),
      tell: (message) => this.tell(message),
      stoppedRinging: (c1) => deps.platform.callStoppedRinging(c1),
    });
    this.transferWhenFree = new TransferWhenFree({
      clock: this.clock,
      core: () => this.connection.coreState(),
      control: this.control,
      settings: () => this.settings,
      tell: (message, line) => this.tell(message, line),
      log: (level, message) => this.log(level, message),
      changed: () => this.emit(),
    });
    this.away = new AwayWhenDeskLeft({
      settings: () => this.settings.agent,
      core: () => this.connection.coreState(),
      notReady: (reason) =>
        this.connection.session ? this.control.agentState({ state: 'notReady', reason }) : undefined,
      now,
      log: (level, message) => this.log(level, message),
      tell: (message) => this.tell(message),
      changed: () => this.emit(),
    });
    this.agentHooks = new AgentHooks(this.clock, (level, message) => this.log(level, message));
    this.commands = commandTable({
      control: this.control,
      dialing: this.dialing,
      openRecord: this.openRecord,
      calls: this.calls,
      transferWhenFree: this.transferWhenFree,
      settingsService: this.settingsService,
      platform: this.deps.platform,
      settings: () => this.settings,
      coreState: () => this.connection.coreState(),
      getState: () => this.getState(),
      diagnostics: () =>
        diagnosticsReport({
          version: deps.version,
          settingsPath: deps.settings.path,
          settings: this.settings,
          password: { stored: deps.secrets.getPassword() !== undefined, kind: deps.secrets.kind },
          state: this.connection.coreState(),
          frames: this.connection.session?.diagnostics() ?? [],
        }),
      dismissErrors: () => this.notices.dismiss(),
      tell: (message) => this.tell(message),
      checkConnection: (reason) => this.systemEvent(reason),
      settingsApplied: () => this.settingsApplied(),
      emit: () => this.emit(),
    });
    const problem = this.settingsService.loadProblem();
    if (problem) this.tell(problem.message, problem.log);
    // The toolbar sees the policy (its locks, its problem) as soon as its check answers.
    void this.settingsService.settled().then(() => this.emit());
  }

  /** Once the policy is checked and laid over the agent's settings (the shell's window does not wait for it). */
  settingsSettled(): Promise<void> {
    return this.settingsService.settled();
  }

  /** Connects, with the policy in force: waits for its check first. */
  async start(): Promise<void> {
    await this.settingsService.settled();
    // Its files as an earlier version may have left them (0644): the user's alone. The shell
    // narrows the whole folder; the preview's may be anyone's, so only these three.
    const { failed } = await narrowAppFolders([this.deps.settings.path, this.historyPath, this.agentStatePath]);
    if (failed.length) this.log('warn', `could not make private to the user: ${failed.join(', ')}`);
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.start();
    this.emit();
  }

  async stop(options: { logoff?: boolean } = {}): Promise<void> {
    this.settingsService.stop(); // the policy file is no longer watched
    this.calls.stop();
    this.transferWhenFree.stop();
    this.effects.stop();
    this.queueAlerts.stop();
    this.agentHooks.stop();
    await this.connection.stop(options);
    this.publisher.cancel();
    await this.flush();
  }

  /** Writes at once what waits to be written (history, agent state): at quit, on suspend, at exit. */
  flush(): Promise<void> {
    return this.files.flush();
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
    return appState({
      core: this.connection.coreState(),
      notices: this.notices,
      settings: this.settingsService.view(),
      demo: this.connection.demo,
      calls: this.calls,
      dialing: this.dialing,
      queueAlerts: this.queueAlerts.levels,
      transferWhenFree: this.transferWhenFree,
      away: this.away,
      now: this.clock.now(),
      version: this.deps.version,
    });
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

  /** The screen locked or unlocked, or the seconds since the last input: from the shell (powerMonitor). */
  deskEvent(event: DeskEvent): void {
    this.away.desk(event);
  }

  /** A clicked `tel:` / `callto:` link (from the OS, through the shell). */
  clickToDial(url: string): Promise<void> {
    return this.dialing.clicked(url);
  }

  /** The app's CRM window now shows `url` (the shell, on each navigation), or closed (undefined). */
  crmPageShown(url: string | undefined): void {
    this.openRecord.shown(url);
  }

  /** The shell could not take these system-wide shortcuts (another app holds them): tell the agent. */
  reportShortcutClashes(accelerators: string[]): void {
    const list = accelerators.join(', ');
    if (list) this.tell(both('notice.shortcutsTaken', { list }), `shortcuts taken by another app: ${list}`);
  }

  private get settings(): Settings {
    return this.settingsService.current;
  }

  private async settingsApplied(): Promise<void> {
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.settingsChanged();
    this.queueAlerts.follow();
    this.emit();
  }

  private onCoreState(core: CoreState, event?: CtiEvent): void {
    this.calls.follow(core, event);
    this.queueAlerts.follow();
    void this.transferWhenFree.follow();
    this.agentHooks.follow(core.agent, core.identity, this.settings.hooks, event !== undefined);
    this.away.follow(core);
    this.emit();
  }

  /** Something the app itself has to tell the agent, shown until dismissed (and logged, when given a line). */
  private tell(message: Plain, logLine?: string): void {
    if (logLine) this.log('warn', logLine);
    this.notices.tell(message);
    this.emit();
  }

  private emit(): void {
    this.publisher.changed();
  }
}
