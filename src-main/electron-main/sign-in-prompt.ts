// A CRM page behind HTTP authentication (basic, digest, NTLM or Negotiate that needs a password):
// Electron cancels it unless main answers its `login` event. The screen-pop window gets a minimal
// prompt of its own: a small modal window over it with the host, the realm, a user name and a
// password. Nothing is kept: the answer goes to Chromium once (which may cache it for this run, as
// a browser does) and never to disk, the settings or the log. One prompt at a time per window; a
// page that asks again while one is open is refused.
import { BrowserWindow, type AuthInfo, type WebContents } from 'electron';
import { translate } from '../common/i18n/index.ts';

/** Where the prompt's form goes: a host that cannot exist (.invalid); main takes the navigation and cancels it. */
const ANSWER_URL = 'https://sign-in.nexus-toolbar.invalid/answer';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function promptPage(info: AuthInfo, lang: 'ko' | 'en'): string {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string>) =>
    escapeHtml(translate(lang, key, values));
  const host = info.port && ![80, 443].includes(info.port) ? `${info.host}:${info.port}` : info.host;
  const asks = t(info.isProxy ? 'desktop.signInProxy' : 'desktop.signInSite', { host });
  const realm = info.realm ? `<p class="realm">${t('desktop.signInRealm', { realm: info.realm })}</p>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${ANSWER_URL}">
<title>${t('desktop.signInTitle')}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;color:#1d2330;background:#f7f8fa}label{display:block;margin-top:10px}
input{display:block;width:100%;box-sizing:border-box;padding:6px;margin-top:4px}.realm,.note{color:#4a5263;font-size:12px}
.buttons{margin-top:14px;display:flex;gap:8px;justify-content:flex-end}button{padding:6px 14px}</style></head>
<body><form method="get" action="${ANSWER_URL}"><p id="asks">${asks}</p>${realm}
<label>${t('desktop.signInUser')}<input name="username" autocomplete="username" autofocus required></label>
<label>${t('desktop.signInPassword')}<input name="password" type="password" autocomplete="current-password"></label>
<p class="note">${t('desktop.signInNotKept')}</p>
<div class="buttons"><button name="action" value="cancel" formnovalidate>${t('desktop.signInCancel')}</button>
<button name="action" value="sign-in" type="submit">${t('desktop.signInSubmit')}</button></div></form></body></html>`;
}

/** What the form sent, or undefined for Cancel (or anything that is not the form). */
function answerOf(url: string): { username: string; password: string } | 'cancel' | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (`${parsed.origin}${parsed.pathname}` !== ANSWER_URL) return undefined;
  if (parsed.searchParams.get('action') !== 'sign-in') return 'cancel';
  return { username: parsed.searchParams.get('username') ?? '', password: parsed.searchParams.get('password') ?? '' };
}

/** Answers the `login` events of a screen-pop window with a prompt over it. */
export function promptForSignIn(win: BrowserWindow, lang: () => 'ko' | 'en', devTools: boolean): void {
  let open = false;
  win.webContents.on('login', (event, _details, info, callback) => {
    event.preventDefault(); // without this Electron cancels the sign-in at once
    if (open || win.isDestroyed()) return callback();
    open = true;
    const prompt = new BrowserWindow({
      parent: win,
      modal: true,
      width: 400,
      height: 290,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      show: false,
      title: translate(lang(), 'desktop.signInTitle'),
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        disableBlinkFeatures: 'Auxclick',
        devTools,
      },
    });
    let answered = false;
    const answer = (username?: string, password?: string) => {
      if (answered) return;
      answered = true;
      open = false;
      if (username === undefined) callback();
      else callback(username, password);
      if (!prompt.isDestroyed()) prompt.close();
    };
    const contents: WebContents = prompt.webContents;
    contents.on('will-navigate', (navigation, url) => {
      navigation.preventDefault();
      const sent = answerOf(url);
      if (sent === 'cancel') answer();
      else if (sent) answer(sent.username, sent.password);
    });
    prompt.on('closed', () => answer());
    prompt.once('ready-to-show', () => prompt.show());
    void prompt
      .loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(promptPage(info, lang()))}`)
      .catch(() => answer());
  });
}
