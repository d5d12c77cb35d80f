// The toolbar's view of the main process: the last AppState pushed, a ticking clock for timers,
// and what is only the UI's (the open panel, the last command's failure). Everything else is
// derived; a reload shows the same state.
import { tick } from 'svelte';
import type { CtiApi, Panel } from '#common/ipc/contract.ts';
import type { AppState } from '#common/state/app-state.ts';
import type { StoppedWhere } from './api.ts';
import type { Plain } from '#common/protocol/catalogue.ts';
import { availableActions } from '#common/state/available-actions.ts';
import { callClockStart, callsInOrder } from '#common/state/call-roles.ts';
import { shownAgentState } from '#common/state/shown-agent-state.ts';
import type { CallView, CommandOutcome, QueueStats } from '#common/state/types.ts';
import { duration, loadLanguage, plain, reasonLabel, translate, type Lang, type MessageKey } from './i18n.ts';

export class Toolbar {
  readonly api: CtiApi;
  app = $state<AppState | null>(null);
  /** Main-process clock minus ours, so timers agree with the main process. */
  private offset = 0;
  private tick = $state(Date.now());
  panel = $state<Panel>('compact');
  /**
   * The last command's failure, in both languages (or, when the request itself failed, its error, put in
   * words when shown); cleared by the next success or by dismissing.
   */
  notice = $state<Plain | { requestFailed: string } | null>(null);
  /**
   * The app core is gone: the preview's bridge closed, or the desktop's core failed (restart offered).
   * The bar is greyed out, its clock still.
   */
  stopped = $state<StoppedWhere | false>(false);
  /** The keys help (`?`): shown over whatever panel is open. */
  help = $state(false);
  /** How far down an open menu reaches (px from the top of the page), so the window grows to show it. */
  menuBottom = $state(0);
  /** Asks the state menu to open with the focus on an item (F6 from Ready: the first Not ready reason). */
  stateMenuRequest = $state<'reasons' | null>(null);
  /** Where the focus was when the panel or the help was opened: Escape brings it back there. */
  private returnTo: { panel: HTMLElement | null; help: HTMLElement | null } = { panel: null, help: null };

  /** The language the settings choose, else the system's. */
  chosenLang: Lang = $derived.by(() => {
    const chosen = this.app?.settings.settings.ui.language ?? 'system';
    if (chosen !== 'system') return chosen;
    return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  });
  /** The language whose words have come (each is its own file, loaded when chosen); none at first. */
  private shownLang = $state<Lang | null>(null);
  private wantedLang: Lang | null = null;
  /** The language the toolbar speaks: the chosen one once its words are here, the one before until then. */
  lang: Lang = $derived(this.shownLang ?? this.chosenLang);
  /** False until the first language's words are here: nothing is shown before, so never a word of the other. */
  hasWords = $derived(this.shownLang !== null);
  theme = $derived(this.app?.settings.settings.ui.theme ?? 'system');
  actions = $derived(this.app ? availableActions(this.app) : null);
  now = $derived(this.tick + this.offset);
  /** The active call first (for the eye, the Tab order and a screen reader alike), then the others as first seen. */
  calls = $derived(this.app ? callsInOrder(this.app.core.calls) : []);

  /** The connection in words. */
  connText = $derived.by(() => {
    const conn = this.app?.core.connection;
    if (!conn) return '';
    if (conn.status === 'reconnecting' || (conn.status === 'logging-in' && conn.attempt > 0)) {
      return this.t('conn.reconnecting', { index: conn.endpointIndex + 1, count: conn.endpointCount });
    }
    return conn.status === 'connected' && conn.suspect ? this.t('conn.suspect') : this.t(`conn.${conn.status}`);
  });
  /** What kind of change the connection made: each try at each endpoint while reconnecting is not a new one. */
  connKind = $derived.by(() => {
    const conn = this.app?.core.connection;
    if (!conn) return 'idle';
    if (
      conn.status === 'reconnecting' ||
      ((conn.status === 'connecting' || conn.status === 'logging-in') && conn.attempt > 0)
    )
      return 'reconnecting';
    return conn.status === 'connected' && conn.suspect ? 'suspect' : conn.status;
  });
  /** Who the bar is for: the agent id and the extension the session uses. */
  whoText = $derived.by(() => {
    const who = this.app?.core.identity;
    return who ? this.t('bar.who', { agent: who.agentId, device: who.device }) : '';
  });
  /** The agent's state in words, with the not-ready reason. */
  agentText = $derived.by(() => {
    const app = this.app;
    if (!app) return '';
    const agent = app.core.agent;
    const state = this.t(`agent.${shownAgentState(app.core)}`);
    if (agent.state !== 'notReady' || !agent.reason) return state;
    const label = app.settings.settings.agent.notReadyReasons.find((r) => r.code === agent.reason)?.label ?? '';
    return `${state} · ${reasonLabel(this.lang, agent.reason, label)}`;
  });
  /**
   * What the agent is doing on the phone, for the bar's chip: a call ringing at them first (it needs
   * them now), else talking, else calling out, else holding. Null with no call: the chip is the agent
   * state. Each runs from its own start: the talk since the answer (holds included, as the call's
   * handling time), the rest since the phase began.
   */
  activity = $derived.by((): { kind: 'ringing' | 'onCall' | 'dialing' | 'onHold'; since: number } | null => {
    const calls = this.calls;
    const first = (kind: 'ringing' | 'onCall' | 'dialing' | 'onHold', test: (c: CallView) => boolean) => {
      const call = calls.find(test);
      return call ? { kind, since: kind === 'onCall' ? callClockStart(call) : call.since } : null;
    };
    return (
      first('ringing', (c) => c.phase === 'ringing' && !c.placedByMe) ??
      first('onCall', (c) => c.phase === 'connected') ??
      first('dialing', (c) => c.phase === 'dialing' || (c.phase === 'ringing' && c.placedByMe)) ??
      first('onHold', (c) => c.phase === 'held')
    );
  });
  /** What the error line shows: the last command's failure, else the app's notice, else the session's last error. */
  banner = $derived.by(() => {
    const message = this.notice ?? this.app?.notice?.message ?? this.app?.core.lastError?.message;
    if (!message) return null;
    if ('requestFailed' in message) {
      const error = message.requestFailed;
      return { text: this.t('notice.requestFailed', { error }), code: undefined, own: true, id: `request|${error}` };
    }
    const code = this.notice ? undefined : this.app?.core.lastError?.code;
    // `id`: the same words are the same message, whatever the language and however often pushed.
    return { text: plain(this.lang, message), code, own: this.notice !== null, id: `${message.en}|${code ?? ''}` };
  });

  constructor(api: CtiApi) {
    this.api = api;
    api.onState((state) => {
      // The clock and its offset move together: a tick up to a second old would put `now` in the past.
      this.tick = Date.now();
      this.offset = state.now - this.tick;
      const had = focused();
      this.app = state;
      // The active call comes first: a card moved in the list takes the focus out of the page
      // (Hold on the active call makes the other one active). It goes back to the same element.
      if (had) void tick().then(() => restoreFocus(had));
    });
    setInterval(() => {
      if (!this.stopped) this.tick = Date.now();
    }, 1000);
    // The page hears of network changes before the socket does: have the main process check now.
    window.addEventListener('online', () => void api.checkConnection({ reason: 'online' }));
    window.addEventListener('offline', () => void api.checkConnection({ reason: 'offline' }));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void api.checkConnection({ reason: 'visible' });
    });
  }

  t = (key: MessageKey, values?: Record<string, string | number>): string => translate(this.lang, key, values);

  /** Speaks `lang` once its words have come (the last language asked for wins). */
  async showLanguage(lang: Lang): Promise<void> {
    this.wantedLang = lang;
    try {
      await loadLanguage(lang);
    } catch (error) {
      console.error(`the words of '${lang}' did not load`, error);
      return;
    }
    if (this.wantedLang === lang) this.shownLang = lang;
  }

  /** Seconds since a main-process time; never negative, whatever the wall clock did meanwhile. */
  since = (at: number): number => Math.max(0, (this.now - at) / 1000);

  /**
   * A queue in a few words ("Waiting 3 · 1:20"). The server gives the longest wait as of its last
   * report; while someone waits it keeps growing, so it ticks on from that report.
   */
  queueFigure = (q: QueueStats): string =>
    q.waiting > 0
      ? this.t('queue.figure', { waiting: q.waiting, wait: duration(this.queueWait(q)) })
      : this.t('queue.figureNone', { waiting: 0 });

  /** The longest wait in a queue now, in seconds: 0 when nobody waits. */
  queueWait = (q: QueueStats): number => (q.waiting > 0 ? q.longestWait + this.since(q.updatedAt) : 0);

  /** Opens the state menu on the Not ready reasons (F6 from Ready: the agent picks the reason). */
  openStateMenu(): void {
    this.stateMenuRequest = 'reasons';
  }

  /** Runs a command and keeps its failure, in plain words, for the agent to see. */
  async run(promise: Promise<CommandOutcome>): Promise<boolean> {
    try {
      const outcome = await promise;
      this.notice = outcome.ok ? null : outcome.message;
      return outcome.ok;
    } catch (error) {
      this.notice = { requestFailed: String(error) };
      return false;
    }
  }

  async dismiss(): Promise<void> {
    this.notice = null;
    await this.api.dismissError({});
  }

  /** Opens a panel (or closes it back to the bar); the window follows the content's height. */
  toggle(panel: Panel): void {
    if (this.panel !== panel) this.returnTo.panel = focused();
    this.panel = this.panel === panel ? 'compact' : panel;
  }

  toggleHelp(): void {
    if (!this.help) this.returnTo.help = focused();
    this.help = !this.help;
  }

  /**
   * A command that makes the focused button go away (Log on, Answer) moves the focus on to `selector`
   * once it is shown (the state comes a moment after the answer), unless the agent moved it meanwhile.
   */
  async runAndRefocus(command: Promise<CommandOutcome>, selector: string): Promise<void> {
    const from = document.activeElement;
    if (!(await this.run(command))) return;
    for (
      const deadline = Date.now() + 2000;
      Date.now() < deadline;
      await new Promise((r) => requestAnimationFrame(r))
    ) {
      const target = document.querySelector<HTMLElement>(selector);
      if (target && !target.matches(':disabled')) {
        if (
          document.activeElement === from ||
          document.activeElement === document.body ||
          document.activeElement === null
        )
          target.focus();
        return;
      }
    }
  }

  /** Escape: closes the help, else the open panel, and puts the focus back where it was (else on the panel's button). */
  closeTop(): boolean {
    let layer: 'help' | 'panel';
    let fallback: string;
    if (this.help) {
      this.help = false;
      [layer, fallback] = ['help', 'toggle-help'];
    } else if (this.panel !== 'compact') {
      [layer, fallback] = ['panel', `toggle-${this.panel === 'directory' ? 'dialpad' : this.panel}`];
      this.panel = 'compact';
    } else {
      return false;
    }
    const kept = this.returnTo[layer];
    this.returnTo[layer] = null;
    // After the panel is gone: the element may have been inside it.
    void tick().then(() =>
      (kept?.isConnected ? kept : document.querySelector<HTMLElement>(`[data-testid="${fallback}"]`))?.focus(),
    );
    return true;
  }

  fit(height: number): void {
    void this.api.setPanel({ panel: this.panel, height: Math.min(900, Math.max(40, Math.ceil(height))) });
  }
}

function restoreFocus(el: HTMLElement): void {
  const now = document.activeElement;
  if (el.isConnected && (now === null || now === document.body)) el.focus();
}

function focused(): HTMLElement | null {
  const el = document.activeElement;
  return el instanceof HTMLElement && el !== document.body ? el : null;
}
