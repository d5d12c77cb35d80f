// What the app core asks of the desktop, done with Electron: notifications, screen pops, the
// window's size and place in front, the clipboard.
import { BrowserWindow, Notification, app, clipboard, shell } from 'electron';
import type { Panel } from '../common/ipc/contract.ts';
import type { Effect } from '../common/state/types.ts';
import type { Platform } from '../node/app/ports.ts';
import { isExternalWebUrl, screenPopWebPreferences } from './policy.ts';
import { fitHeight } from './window.ts';

export class ElectronPlatform implements Platform {
  constructor(private readonly toolbar: () => BrowserWindow | undefined) {}

  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void {
    if (!Notification.isSupported()) return;
    const ko = lang === 'ko';
    const title = ko ? `전화 수신: ${effect.caller ?? '알 수 없음'}` : `Incoming call: ${effect.caller ?? 'unknown'}`;
    const body = [effect.queue ? (ko ? `큐 ${effect.queue}` : `Queue ${effect.queue}`) : '', effect.uui ?? ''].filter(Boolean).join(' · ');
    const notification = new Notification({ title, body, urgency: 'critical', timeoutType: 'default' });
    notification.on('click', () => this.bringToFront());
    notification.show();
  }

  openScreenPop(url: string, openIn: 'browser' | 'app'): void {
    if (!isExternalWebUrl(url)) return; // the core built it http(s); checked again at the edge
    if (openIn === 'browser') {
      void shell.openExternal(url);
      return;
    }
    const win = new BrowserWindow({ width: 1100, height: 800, title: 'CRM', webPreferences: screenPopWebPreferences() });
    win.webContents.on('will-navigate', (event, next) => {
      if (!isExternalWebUrl(next)) event.preventDefault();
    });
    void win.loadURL(url);
  }

  bringToFront(): void {
    const win = this.toolbar();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.moveTop();
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
