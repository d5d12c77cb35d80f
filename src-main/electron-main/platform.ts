// What the app core asks of the desktop, done with Electron: notifications, screen pops, the
// window's size and place in front, the clipboard.
import { BrowserWindow, Notification, app, clipboard, screen, shell } from 'electron';
import type { Panel } from '../common/ipc/contract.ts';
import type { Effect } from '../common/state/types.ts';
import { ringNotification } from '../common/state/ring-notification.ts';
import type { Platform } from '../node/app/ports.ts';
import type { Settings } from '../common/settings/schema.ts';
import { isExternalWebUrl } from './window-policy.ts';
import { ScreenPopWindows } from './screen-pop-windows.ts';
import { fitHeight } from './window.ts';
import { queueAlertWords } from '../common/i18n/queue-alert-words.ts';

export class ElectronPlatform implements Platform {
  /**
   * One notification per ringing call, held here until the call is answered or ends: Electron
   * drops the click of a notification whose object was garbage-collected, and a toast left open
   * after the call stopped ringing is stale.
   */
  private readonly ringing = new Map<number, Notification>();
  private readonly queueAlerts = new Map<string, Notification>();
  private readonly crmWindows: ScreenPopWindows;

  private readonly toolbar: () => BrowserWindow | undefined;

  /** `crmPageShown`: where the agent is in the app's CRM window (the core reads the open record from it). */
  constructor(
    toolbar: () => BrowserWindow | undefined,
    crmPageShown: (url: string | undefined) => void = () => undefined,
  ) {
    this.toolbar = toolbar;
    this.crmWindows = new ScreenPopWindows(() => this.systemLanguage(), crmPageShown);
  }

  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void {
    if (!Notification.isSupported()) return;
    const { title, body } = ringNotification(effect, lang);
    this.ringing.get(effect.c1)?.close();
    const notification = new Notification({ title, body, urgency: 'critical', timeoutType: 'default' });
    // Held until the call stops ringing, whatever `close` says: Windows emits it when the toast
    // times out into the Action Center, where its click must still reach the app and where only
    // close() takes it away.
    notification.on('click', () => {
      if (this.ringing.get(effect.c1) === notification) this.ringing.delete(effect.c1);
      this.bringToFront();
    });
    this.ringing.set(effect.c1, notification);
    notification.show();
  }

  /** A queue's latest alert, held (as a ringing call's) so its click still works after garbage collection. */
  notifyQueueAlert(effect: Extract<Effect, { type: 'queue-alert' }>, lang: 'ko' | 'en'): void {
    if (!Notification.isSupported()) return;
    this.queueAlerts.get(effect.queue)?.close();
    const notification = new Notification(queueAlertWords(effect, lang));
    notification.on('click', () => this.bringToFront());
    this.queueAlerts.set(effect.queue, notification);
    notification.show();
  }

  callStoppedRinging(c1: number): void {
    const notification = this.ringing.get(c1);
    if (!notification) return;
    this.ringing.delete(c1);
    notification.close();
  }

  openScreenPop(url: string, { openIn, maxWindows }: Pick<Settings['screenPop'], 'openIn' | 'maxWindows'>): void {
    if (!isExternalWebUrl(url)) return; // the core built it http(s); checked again at the edge
    if (openIn === 'browser') {
      void shell.openExternal(url);
      return;
    }
    this.crmWindows.show(url, maxWindows);
  }

  bringToFront(): void {
    const win = this.toolbar();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    ensureOnScreen(win);
    win.show();
    win.moveTop();
    // macOS: a tray click or a notification does not activate the app by itself.
    if (process.platform === 'darwin') app.focus({ steal: true });
    win.focus();
  }

  setPanel(_panel: Panel, height: number): void {
    const win = this.toolbar();
    if (win && !win.isDestroyed()) fitHeight(win, height);
  }

  copyToClipboard(text: string): void {
    clipboard.writeText(text);
  }

  setAlwaysOnTop(on: boolean): void {
    this.toolbar()?.setAlwaysOnTop(on, 'floating');
  }

  systemLanguage(): 'ko' | 'en' {
    const preferred = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
    return preferred.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  }
}

/** A window left where no display is (one was unplugged) comes back on the primary display. */
function ensureOnScreen(win: BrowserWindow): void {
  const bounds = win.getBounds();
  const visible = screen
    .getAllDisplays()
    .some(
      ({ workArea: a }) =>
        bounds.x < a.x + a.width &&
        bounds.x + bounds.width > a.x &&
        bounds.y < a.y + a.height &&
        bounds.y + bounds.height > a.y,
    );
  if (visible) return;
  const area = screen.getPrimaryDisplay().workArea;
  win.setBounds({ ...bounds, x: area.x + Math.round((area.width - bounds.width) / 2), y: area.y });
}
