// The app core's composition root: it wires the features (each in its own module) to the session
// and the ports, answers every command of the IPC contract through one typed table, and builds
// the state the toolbar shows. The Electron shell and the browser preview both wrap one of these.
// A new feature: a module of its own beside this one, taking what it needs; wired here.
import { dirname, join } from 'node:path';
import type { AppState, CommandArgs, CommandHandlers, CommandName, CommandResults } from '../../common/ipc/contract.ts';
import { both } from '../../common/i18n/index.ts';
import type { Lang, Plain } from '../../common/protocol/catalogue.ts';
import { ConsultMode } from '../../common/protocol/codes.ts';
import type { Settings, ShortcutAction } from '../../common/settings/schema.ts';
import type { CommandOutcome, CoreState, Effect } from '../../common/state/types.ts';
import type { CtiSessionConfig } from '../session/cti-session.ts';
import { AutoAnswer } from './auto-answer.ts';
import { CallControl } from './call-control.ts';
import { CallHistory } from './call-history.ts';
import { sendHooks } from './call-hooks.ts';
import { CallLifecycle } from './call-lifecycle.ts';
import { systemClock, type Clock } from './clock.ts';
import { Connection } from './connection.ts';
import { diagnosticsReport } from './diagnostics-report.ts';
import { Dialing, invalid } from './dialing.ts';
import { HistoryView } from './history-view.ts';
import { NextStateAfterCall } from './next-state.ts';
import type { Platform, SecretStore, SettingsStore } from './ports.ts';
import { SettingsService } from './settings-service.ts';
import { shortcutMeaning } from './shortcut-meaning.ts';
import { PUSH_INTERVAL_MS, PushCoalescer, whenChanged } from './state-push.ts';

export type LogFn = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface AppControllerDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  platform: Platform;
  version: string;
  log?: LogFn;
  /** Ports of the demo simulator (0 = any free port). */
  demo?: { port?: number; controlPort?: number };
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
  private readonly autoAnswer: AutoAnswer;
  private readonly nextState: NextStateAfterCall;
  private readonly lifecycle: CallLifecycle;
  private readonly historyView: HistoryView;
  private readonly push: PushCoalescer;
  private readonly listeners = new Set<(state: AppState) => void>();
  private notice: { message: Plain; at: number } | undefined;
  private dismissedErrorAt = 0;

  constructor(private readonly deps: AppControllerDeps) {
    this.clock = deps.clock ?? systemClock;
    const now = () => this.clock.now();
    this.log = deps.log ?? (() => undefined);
    const warn = (message: string) => this.log('warn', message);
    this.push = new PushCoalescer(() => this.pushNow(), PUSH_INTERVAL_MS, this.clock);
    this.settingsService = new SettingsService(deps.settings, deps.secrets);
    this.connection = new Connection({
      settings: () => this.settings,
      password: () => this.settingsService.password(),
      onCoreState: (core) => this.onCoreState(core),
      onEffect: (effect) => this.onEffect(effect),
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
      log: warn,
      changed: () => this.emit(),
    });
    this.autoAnswer = new AutoAnswer(this.clock, (c1) => this.control.request('answer', { c1 }), warn);
    this.nextState = new NextStateAfterCall((next) => (this.connection.session ? this.control.agentState(next) : undefined), warn);
    this.lifecycle = new CallLifecycle(now);
    this.historyView = new HistoryView(deps.history ?? new CallHistory(join(dirname(deps.settings.path), 'history.json')), now);
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
    this.autoAnswer.cancel();
    await this.connection.stop(options);
    this.push.cancel();
  }

  /** Every pushed state (at most one a frame): for the toolbar, which shows all of it. */
  onState(listener: (state: AppState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Only when what `select` picks changes, and once now: for the tray, shortcuts, login item. */
  onChange<T>(select: (state: AppState) => T, listener: (value: T) => void): () => void {
    const changed = whenChanged(select, listener);
    changed(this.getState());
    return this.onState(changed);
  }

  getState(): AppState {
    const core = this.connection.coreState();
    const visibleError = core.lastError && core.lastError.at > this.dismissedErrorAt ? core.lastError : undefined;
    const { lastError: _hidden, ...rest } = core;
    return {
      core: visibleError ? { ...rest, lastError: visibleError } : rest,
      settings: this.settingsService.view(),
      demo: this.connection.demo,
      nextState: this.nextState.value,
      ...(this.dialing.lastDialed ? { lastDialed: this.dialing.lastDialed } : {}),
      ...this.historyView.state(core.agent),
      ...(this.dialing.pending ? { pendingDial: this.dialing.pending } : {}),
      ...(this.notice && this.notice.at > this.dismissedErrorAt ? { notice: this.notice } : {}),
      ...(this.autoAnswer.planned ? { autoAnswer: this.autoAnswer.planned } : {}),
      now: this.clock.now(),
      version: this.deps.version,
    };
  }

  /** Runs one command of the IPC contract; its arguments were already checked against the contract. */
  async handle<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<CommandResults[C]> {
    const handler: CommandHandlers[C] = this.commands[name];
    return handler(args);
  }

  private readonly commands: CommandHandlers = {
    getState: () => this.getState(),
    // agent state
    logon: () => this.control.withSession((s) => s.logon()),
    logoff: ({ reason }) => this.control.agentState({ state: 'loggedOff', reason }),
    ready: () => this.control.agentState({ state: 'ready' }),
    notReady: ({ reason }) => this.control.agentState({ state: 'notReady', reason }),
    afterWork: ({ reason }) => this.control.agentState({ state: 'afterWork', reason }),
    setNextState: ({ next }) => this.changed(() => this.nextState.set(next)),
    // calls
    dial: ({ number }) => this.dialing.dial(number),
    redial: () => this.dialing.redial(),
    answer: ({ c1 }) => {
      this.autoAnswer.cancel();
      return this.control.request('answer', { c1 });
    },
    hangup: ({ c1 }) => this.control.request('clear', { c1 }),
    hold: ({ c1 }) => this.control.request('hold', { c1 }),
    retrieve: ({ c1 }) => this.control.request('retrieve', { c1 }),
    consult: ({ c1, number, mode }) =>
      this.dialing.withNumber(number, (called) => this.control.request('consult', { c1, called, mode: mode === 'conference' ? ConsultMode.Conference : ConsultMode.Transfer })),
    transfer: ({ activeC1, heldC1 }) => this.control.join('transfer', activeC1, heldC1, this.connection.coreState().calls),
    conference: ({ activeC1, heldC1 }) => this.control.join('confer', activeC1, heldC1, this.connection.coreState().calls),
    singleStepTransfer: ({ c1, number }) => this.dialing.withNumber(number, (called) => this.control.request('sstransfer', { c1, called })),
    bargeIn: ({ number }) => this.dialing.withNumber(number, (called) => this.control.request('bargein', { called })),
    // app
    saveSettings: async ({ settings }) => {
      const result = this.settingsService.save(settings);
      if (result.ok) await this.settingsApplied();
      return result;
    },
    setPassword: async ({ password, allowInsecure }) => {
      const result = this.settingsService.setPassword(password, allowInsecure === true);
      if (!result.ok) return result;
      await this.settingsApplied();
      return { ok: true, view: this.settingsService.view() };
    },
    dismissError: () => this.changed(() => (this.dismissedErrorAt = this.clock.now())),
    setPanel: ({ panel, height }) => {
      this.deps.platform.setPanel(panel, height);
      return { ok: true };
    },
    markHistorySeen: () => this.changed(() => this.historyView.markSeen()),
    clearHistory: () => this.changed(() => this.historyView.clear()),
    confirmPendingDial: () => this.dialing.confirm(),
    cancelPendingDial: () => this.changed(() => this.dialing.cancel()),
    shortcut: ({ action }) => this.shortcut(action),
    copyDiagnostics: () => {
      const text = this.diagnostics();
      this.deps.platform.copyToClipboard(text);
      return { ok: true, text };
    },
  };

  /** A clicked `tel:` / `callto:` link (from the OS, through the shell). */
  clickToDial(url: string): Promise<void> {
    return this.dialing.clicked(url);
  }

  /** A shortcut, from the toolbar's keys or a system-wide one: what it means now is decided apart. */
  async shortcut(action: ShortcutAction): Promise<CommandOutcome> {
    const meaning = shortcutMeaning(action, this.connection.coreState(), this.settings.agent.notReadyReasons);
    switch (meaning.kind) {
      case 'show':
        this.deps.platform.bringToFront();
        return { ok: true, result: 1 };
      case 'call':
        return this.commands[meaning.command]({ c1: meaning.c1 });
      case 'ready':
        return this.commands.ready({});
      case 'notReady':
        return this.commands.notReady({ reason: meaning.reason });
      case 'nothing':
        return invalid(meaning.message);
    }
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

  private lang(): Lang {
    const chosen = this.settings.ui.language;
    return chosen === 'system' ? this.deps.platform.systemLanguage() : chosen;
  }

  private async settingsApplied(): Promise<void> {
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.settingsChanged();
    this.emit();
  }

  private onCoreState(core: CoreState): void {
    const facts = this.lifecycle.follow(core.calls);
    this.historyView.follow(core, facts);
    sendHooks(facts, this.settings.hooks, core.identity, this.log);
    this.autoAnswer.update(core.calls, this.settings.autoAnswer);
    void this.nextState.update(core.calls).then(() => this.emit());
    this.emit();
  }

  private onEffect(effect: Effect): void {
    const { platform } = this.deps;
    if (effect.type === 'notify') {
      platform.notify(effect, this.lang());
      if (this.settings.notifications.bringToFront) platform.bringToFront();
    } else {
      platform.openScreenPop(effect.url, this.settings.screenPop.openIn);
    }
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
    this.notice = { message, at: this.clock.now() };
    this.emit();
  }

  /** Runs a change the toolbar must see, and answers the command that asked for it. */
  private changed(change: () => unknown): { ok: true } {
    change();
    this.emit();
    return { ok: true };
  }

  /** A change to tell the listeners about: pushed at most once a frame (state-push.ts). */
  private emit(): void {
    if (this.listeners.size > 0) this.push.request();
  }

  private pushNow(): void {
    if (this.listeners.size === 0) return;
    const state = this.getState();
    for (const listener of this.listeners) listener(state);
  }
}
