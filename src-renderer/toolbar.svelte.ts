// The toolbar's view of the main process: the last AppState pushed, a ticking clock for timers,
// and what is only the UI's (the open panel, the last command's failure). Everything else is
// derived; a reload shows the same state.
import type { AppState, CtiApi, Panel } from '../src-main/common/ipc/contract.ts';
import type { Plain } from '../src-main/common/protocol/catalogue.ts';
import { availableActions } from '../src-main/common/state/available-actions.ts';
import type { CommandOutcome } from '../src-main/common/state/types.ts';
import { translate, type Lang, type MessageKey } from './i18n.ts';
import { both } from '../src-main/common/i18n/index.ts';

export class Toolbar {
  readonly api: CtiApi;
  app = $state<AppState | null>(null);
  /** Main-process clock minus ours, so timers agree with the main process. */
  private offset = 0;
  private tick = $state(Date.now());
  panel = $state<Panel>('compact');
  /** The last command's failure, in both languages; cleared by the next success or by dismissing. */
  notice = $state<Plain | null>(null);

  lang: Lang = $derived.by(() => {
    const chosen = this.app?.settings.settings.ui.language ?? 'system';
    if (chosen !== 'system') return chosen;
    return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  });
  theme = $derived(this.app?.settings.settings.ui.theme ?? 'system');
  actions = $derived(this.app ? availableActions(this.app) : null);
  now = $derived(this.tick + this.offset);
  calls = $derived(this.app ? Object.values(this.app.core.calls).sort((a, b) => a.key - b.key) : []);

  constructor(api: CtiApi) {
    this.api = api;
    api.onState((state) => {
      this.offset = state.now - Date.now();
      this.app = state;
    });
    setInterval(() => (this.tick = Date.now()), 1000);
    // The page hears of network changes before the socket does: have the main process check now.
    window.addEventListener('online', () => void api.checkConnection({ reason: 'online' }));
    window.addEventListener('offline', () => void api.checkConnection({ reason: 'offline' }));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void api.checkConnection({ reason: 'visible' });
    });
  }

  t = (key: MessageKey, values?: Record<string, string | number>): string => translate(this.lang, key, values);

  /** Seconds since a main-process time; never negative, whatever the wall clock did meanwhile. */
  since = (at: number): number => Math.max(0, (this.now - at) / 1000);

  /** Runs a command and keeps its failure, in plain words, for the agent to see. */
  async run(promise: Promise<CommandOutcome>): Promise<boolean> {
    try {
      const outcome = await promise;
      this.notice = outcome.ok ? null : outcome.message;
      return outcome.ok;
    } catch (error) {
      this.notice = both('notice.requestFailed', { error: String(error) });
      return false;
    }
  }

  async dismiss(): Promise<void> {
    this.notice = null;
    await this.api.dismissError({});
  }

  /** Opens a panel (or closes it back to the bar) and asks the window to fit the content. */
  toggle(panel: Panel): void {
    this.panel = this.panel === panel ? 'compact' : panel;
  }

  fit(height: number): void {
    void this.api.setPanel({ panel: this.panel, height: Math.min(900, Math.max(40, Math.ceil(height))) });
  }
}
