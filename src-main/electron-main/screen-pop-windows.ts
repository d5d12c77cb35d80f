// The app's own CRM windows (screen pops opened "in the app"): at most `maxWindows` (settings,
// 1 by default) are ever open. The next caller's page goes in the window used longest ago once
// there are that many, so calls ringing one after another never pile up windows, each a renderer
// process; a cap lowered in the settings closes the extra windows at the next pop.
import { BrowserWindow, app } from 'electron';
import { screenPopWebPreferences } from './window-policy.ts';
import { markScreenPop } from './security.ts';
import { promptForSignIn } from './sign-in-prompt.ts';

export class ScreenPopWindows {
  /** The open CRM windows, the one used longest ago first. */
  private readonly windows: BrowserWindow[] = [];

  /** The window whose page was reported last. */
  private reporting: BrowserWindow | undefined;

  private readonly lang: () => 'ko' | 'en';
  private readonly pageShown: (url: string | undefined) => void;

  /**
   * `lang`: the language of the sign-in prompt a CRM behind HTTP authentication gets;
   * `pageShown`: the page a window now shows (undefined: that window closed).
   */
  constructor(lang: () => 'ko' | 'en', pageShown: (url: string | undefined) => void = () => undefined) {
    this.lang = lang;
    this.pageShown = pageShown;
  }

  private shown(win: BrowserWindow, url: string): void {
    this.reporting = win;
    this.pageShown(url);
  }

  show(url: string, maxWindows: number): void {
    const cap = Math.max(1, Math.trunc(maxWindows) || 1);
    // Destroyed, not closed: a page's beforeunload must not keep a window over the cap.
    while (this.windows.length > cap) this.windows.shift()!.destroy();
    const win = this.windows.length === cap ? this.reuse() : this.create();
    this.windows.push(win);
    void win.loadURL(url).catch(() => undefined); // a CRM that does not answer shows Chromium's own error page
  }

  private reuse(): BrowserWindow {
    const win = this.windows.shift()!;
    if (win.isMinimized()) win.restore();
    win.show();
    return win;
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1100,
      height: 800,
      title: 'CRM',
      webPreferences: screenPopWebPreferences(!app.isPackaged),
    });
    markScreenPop(win.webContents);
    promptForSignIn(win, this.lang, !app.isPackaged);
    win.webContents.on('did-navigate', (_event, url) => this.shown(win, url));
    win.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      if (isMainFrame) this.shown(win, url);
    });
    win.on('closed', () => {
      if (this.reporting === win) {
        this.reporting = undefined;
        this.pageShown(undefined);
      }
      const at = this.windows.indexOf(win);
      if (at >= 0) this.windows.splice(at, 1);
    });
    return win;
  }
}
