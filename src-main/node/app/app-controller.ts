// The app core: owns the CTI session, the settings and what the agent chose (next state,
// last number dialled), answers every command of the IPC contract, and turns the core's effects
// into Platform calls. The Electron shell and the browser preview both wrap one of these.
import {
  type AppState,
  type CallRecord,
  type CommandArgs,
  type CommandHandlers,
  type CommandName,
  type CommandResults,
  type NextState,
  type SaveSettingsResult,
  type SetPasswordResult,
} from '../../common/ipc/contract.ts';
import { CLIENT_MESSAGES, type Lang, type Plain } from '../../common/protocol/catalogue.ts';
import { ConsultMode } from '../../common/protocol/codes.ts';
import type { Fname, ArgsOf } from '../../common/protocol/requests.ts';
import type { Settings, ShortcutAction } from '../../common/settings/schema.ts';
import type { CallView, CommandOutcome, CoreState, Effect } from '../../common/state/types.ts';
import { CtiSession, type CtiSessionConfig } from '../session/cti-session.ts';
import { dirname, join } from 'node:path';
import { CallHistory, recordOf } from './call-history.ts';
import { hookRequest, sendHook, type CallEvent } from './call-hooks.ts';
import { callFigures, startOfDay, stateSecondsToday, type CallFigures } from './today.ts';
import type { Platform, SecretStore, SettingsStore } from './ports.ts';
import { both } from '../../common/i18n/index.ts';
import { AutoAnswer } from './auto-answer.ts';
import { Dialing, invalid } from './dialing.ts';
import { shortcutMeaning } from './shortcut-meaning.ts';
import { CallLifecycle, type CallFact } from './call-lifecycle.ts';
import { NextStateAfterCall } from './next-state.ts';
import { systemClock, type Clock } from './clock.ts';
import { PUSH_INTERVAL_MS, PushCoalescer, whenChanged } from './state-push.ts';
import { SettingsService } from './settings-service.ts';
import { Connection } from './connection.ts';

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
  private readonly deps: AppControllerDeps;
  private readonly clock: Clock;
  private readonly now: () => number;
  private readonly log: LogFn;
  private readonly settingsService: SettingsService;
  private readonly connection: Connection;
  private readonly nextState: NextStateAfterCall;
  private dismissedErrorAt = 0;
  private readonly dialing: Dialing;
  private notice: { message: Plain; at: number } | undefined;
  private readonly autoAnswer: AutoAnswer;
  private readonly history: CallHistory;
  private readonly lifecycle: CallLifecycle;
  private lastAgent: CoreState['agent'] | undefined;
  /** What getState shows of the history, kept until the history changes or the day does. */
  private historyView: { key: string; recent: CallRecord[]; unseenMissed: number; calls: CallFigures } | undefined;
  private readonly listeners = new Set<(state: AppState) => void>();
  private readonly push: PushCoalescer;

  constructor(deps: AppControllerDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
    this.now = () => this.clock.now();
    this.log = deps.log ?? (() => undefined);
    this.push = new PushCoalescer(() => this.pushNow(), PUSH_INTERVAL_MS, this.clock);
    this.lifecycle = new CallLifecycle(this.now);
    this.nextState = new NextStateAfterCall((next) => this.applyNextState(next), (message) => this.log('warn', message));
    this.dialing = new Dialing({
      settings: () => this.settings,
      dial: (called) => this.callCommand('dial', { called }),
      bringToFront: () => this.deps.platform.bringToFront(),
      tell: (message) => this.tell(message),
      log: (message) => this.log('warn', message),
      changed: () => this.emit(),
    });
    this.autoAnswer = new AutoAnswer(this.clock, (c1) => this.callCommand('answer', { c1 }), (message) => this.log('warn', message));
    this.settingsService = new SettingsService(deps.settings, deps.secrets);
    const problem = this.settingsService.loadProblem();
    if (problem) {
      this.log('warn', problem.log);
      this.tell(problem.message);
    }
    this.history = deps.history ?? new CallHistory(join(dirname(deps.settings.path), 'history.json'));
    this.connection = new Connection({
      settings: () => this.settings,
      password: () => this.settingsService.password(),
      effects: () => this.effectSettings(),
      onCoreState: (core) => this.onCoreState(core),
      onEffect: (effect) => this.onEffect(effect),
      log: (level, message) => this.log(level, message),
      now: this.now,
      ...(deps.demo ? { demo: deps.demo } : {}),
      ...(deps.session ? { tuning: deps.session } : {}),
    });
  }

  private get session(): CtiSession | undefined {
    return this.connection.session;
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
    const core = this.coreState();
    const visibleError = core.lastError && core.lastError.at > this.dismissedErrorAt ? core.lastError : undefined;
    const { lastError: _hidden, ...rest } = core;
    return {
      core: visibleError ? { ...rest, lastError: visibleError } : rest,
      settings: this.settingsService.view(),
      demo: this.connection.demo,
      nextState: this.nextState.value,
      ...(this.dialing.lastDialed ? { lastDialed: this.dialing.lastDialed } : {}),
      ...this.historyState(core),
      ...(this.dialing.pending ? { pendingDial: this.dialing.pending } : {}),
      ...(this.notice && this.notice.at > this.dismissedErrorAt ? { notice: this.notice } : {}),
      ...(this.autoAnswer.planned ? { autoAnswer: this.autoAnswer.planned } : {}),
      now: this.now(),
      version: this.deps.version,
    };
  }

  /**
   * The history part of the state. getState runs on every state push (every protocol event), so
   * the work over up to 500 records is done only when the history or the day changes.
   */
  private historyState(core: CoreState): Pick<AppState, 'history' | 'today'> {
    const now = this.now();
    const key = `${this.history.revision}:${startOfDay(now)}`;
    if (this.historyView?.key !== key) {
      const records = this.history.list();
      this.historyView = { key, recent: records.slice(-50).reverse(), unseenMissed: this.history.unseenMissed(), calls: callFigures(records, now) };
    }
    const view = this.historyView;
    return {
      history: { recent: view.recent, unseenMissed: view.unseenMissed },
      today: { ...view.calls, stateSeconds: stateSecondsToday(this.history.agentSecondsToday(now), core.agent, now) },
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
    logon: () => this.withSession((s) => s.logon()),
    logoff: ({ reason }) => this.withSession((s) => s.logoff(reason)),
    ready: () => this.withSession((s) => s.ready()),
    notReady: ({ reason }) => this.withSession((s) => s.notReady(reason)),
    afterWork: ({ reason }) => this.withSession((s) => s.afterWork(reason)),
    setNextState: ({ next }) => {
      this.nextState.set(next);
      this.emit();
      return { ok: true };
    },
    // calls
    dial: ({ number }) => this.dialing.dial(number),
    redial: () => this.dialing.redial(),
    answer: ({ c1 }) => {
      this.autoAnswer.cancel();
      return this.callCommand('answer', { c1 });
    },
    hangup: ({ c1 }) => this.callCommand('clear', { c1 }),
    hold: ({ c1 }) => this.callCommand('hold', { c1 }),
    retrieve: ({ c1 }) => this.callCommand('retrieve', { c1 }),
    consult: ({ c1, number, mode }) =>
      this.dialing.withNumber(number, (called) => this.callCommand('consult', { c1, called, mode: mode === 'conference' ? ConsultMode.Conference : ConsultMode.Transfer })),
    transfer: ({ activeC1, heldC1 }) => this.completeConsult('transfer', activeC1, heldC1),
    conference: ({ activeC1, heldC1 }) => this.completeConsult('confer', activeC1, heldC1),
    singleStepTransfer: ({ c1, number }) => this.dialing.withNumber(number, (called) => this.callCommand('sstransfer', { c1, called })),
    bargeIn: ({ number }) => this.dialing.withNumber(number, (called) => this.callCommand('bargein', { called })),
    // app
    saveSettings: ({ settings }) => this.saveSettings(settings),
    setPassword: ({ password, allowInsecure }) => this.setPassword(password, allowInsecure === true),
    dismissError: () => {
      this.dismissedErrorAt = this.now();
      this.emit();
      return { ok: true };
    },
    setPanel: ({ panel, height }) => {
      this.deps.platform.setPanel(panel, height);
      return { ok: true };
    },
    markHistorySeen: () => {
      this.history.markSeen(this.now());
      this.emit();
      return { ok: true };
    },
    clearHistory: () => {
      this.history.clear();
      this.emit();
      return { ok: true };
    },
    confirmPendingDial: () => this.dialing.confirm(),
    cancelPendingDial: () => {
      this.dialing.cancel();
      return { ok: true };
    },
    shortcut: ({ action }) => this.shortcut(action),
    copyDiagnostics: () => {
      const text = this.diagnosticsText();
      this.deps.platform.copyToClipboard(text);
      return { ok: true, text };
    },
  };

  // --- commands -------------------------------------------------------------------------------

  private async withSession(run: (session: CtiSession) => Promise<CommandOutcome>): Promise<CommandOutcome> {
    if (!this.session) return { ok: false, kind: 'not-connected', message: CLIENT_MESSAGES.NOT_CONNECTED };
    return run(this.session);
  }

  /** A call-control request for the agent's own device. */
  private callCommand<F extends Fname>(fname: F, args: Omit<ArgsOf<F>, 'this'>): Promise<CommandOutcome> {
    return this.withSession((s) => s.command(fname, { this: this.settings.agent.device, ...args } as unknown as ArgsOf<F>));
  }

  /** A clicked `tel:` / `callto:` link (from the OS, through the shell). */
  clickToDial(url: string): Promise<void> {
    return this.dialing.clicked(url);
  }

  /** A shortcut, from the toolbar's keys or a system-wide one: what it means now is decided apart. */
  async shortcut(action: ShortcutAction): Promise<CommandOutcome> {
    const meaning = shortcutMeaning(action, this.coreState(), this.settings.agent.notReadyReasons);
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

  /** transfer / confer need the held party's device, which the toolbar knows from the held call. */
  private completeConsult(fname: 'transfer' | 'confer', activeC1: number, heldC1: number): Promise<CommandOutcome> {
    const held: CallView | undefined = this.coreState().calls[heldC1];
    const party = held?.party ?? held?.other;
    if (!party) return Promise.resolve(invalid(NO_HELD_CALL));
    return this.callCommand(fname, { c1: activeC1, held: party, c2: heldC1 });
  }

  // --- settings -------------------------------------------------------------------------------

  private get settings(): Settings {
    return this.settingsService.current;
  }

  private lang(): Lang {
    const chosen = this.settings.ui.language;
    return chosen === 'system' ? this.deps.platform.systemLanguage() : chosen;
  }

  private async saveSettings(input: unknown): Promise<SaveSettingsResult> {
    const result = this.settingsService.save(input);
    if (!result.ok) return result;
    this.deps.platform.setAlwaysOnTop(this.settings.ui.alwaysOnTop);
    await this.connection.settingsChanged();
    this.emit();
    return result;
  }

  private async setPassword(password: string, allowInsecure: boolean): Promise<SetPasswordResult> {
    const result = this.settingsService.setPassword(password, allowInsecure);
    if (!result.ok) return result;
    await this.connection.settingsChanged();
    this.emit();
    return { ok: true, view: this.settingsService.view() };
  }

  // --- session lifecycle ----------------------------------------------------------------------

  private effectSettings(): CtiSessionConfig['effects'] {
    const { notifications, screenPop } = this.settings;
    return {
      notifications: notifications.enabled,
      ...(screenPop.enabled && screenPop.template !== ''
        ? { screenPop: { template: screenPop.template, trigger: screenPop.trigger, callTypes: screenPop.callTypes, queues: screenPop.queues } }
        : {}),
    };
  }

  private coreState(): CoreState {
    return this.connection.coreState();
  }

  // --- reactions to the core ------------------------------------------------------------------

  /** Ended calls go to the history; rang, answered and ended to the hooks. */
  private followCalls(core: CoreState): void {
    for (const fact of this.lifecycle.follow(core.calls)) {
      if (fact.kind === 'ended') {
        const record = recordOf(fact.call, fact.endedAt, fact.holdMs);
        if (record) this.history.add(record);
      }
      const request = hookRequest(this.settings.hooks, HOOK_EVENT[fact.kind], fact.call, core.identity);
      if (request) void sendHook(request, this.log);
    }
  }

  /** Time in each agent state, for the today panel: a state's time is counted when it ends. */
  private followAgent(core: CoreState): void {
    const before = this.lastAgent;
    this.lastAgent = core.agent;
    if (!before || before.since === core.agent.since) return;
    if (before.state !== 'loggedOff') this.history.addAgentTime(before.state, before.since, this.now());
  }

  private onCoreState(core: CoreState): void {
    this.followCalls(core);
    this.followAgent(core);
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

  /** The state the agent chose for after the call, at the switch. */
  private applyNextState(next: NonNullable<NextState>): Promise<CommandOutcome> | undefined {
    const session = this.session;
    if (!session) return undefined;
    if (next.state === 'ready') return session.ready();
    if (next.state === 'notReady') return session.notReady(next.reason);
    if (next.state === 'afterWork') return session.afterWork(next.reason);
    return session.logoff(next.reason);
  }

  /** Something the app itself has to tell the agent, shown until dismissed. */
  private tell(message: Plain): void {
    this.notice = { message, at: this.now() };
    this.emit();
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

  private diagnosticsText(): string {
    const { settings } = this;
    const lines = [
      `version: ${this.deps.version}`,
      `settings file: ${this.deps.settings.path}`,
      `settings: ${JSON.stringify(settings)}`,
      `password stored: ${this.deps.secrets.getPassword() !== undefined} (${this.deps.secrets.kind})`,
      `state: ${JSON.stringify(this.coreState())}`,
      '--- recent frames',
      ...(this.session?.diagnostics().map((f) => `${new Date(f.at).toISOString()} ${f.dir.padEnd(4)} ${f.text}`) ?? []),
    ];
    return lines.join('\n');
  }
}

const HOOK_EVENT: Record<CallFact['kind'], CallEvent> = { rang: 'ringing', answered: 'answered', ended: 'ended' };
const NO_HELD_CALL = both('notice.noHeldCall');
