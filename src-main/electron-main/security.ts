// Electron's security checklist, applied to every web contents the app ever creates: navigation
// only where that window's policy allows (window-policy.ts), no new windows, no webviews, every
// permission request denied (the toolbar page passes only the audio-output checks), and the app's pages served over app:// with a strict Content-Security-Policy
// header. A page's window.open reaches the system browser only for http(s), and only right after
// the agent's own click or key in that page's top frame, one tab per act (a CRM page, or an
// iframe in it, cannot launch the browser at will).
import { app, protocol, session, shell, type WebContents } from 'electron';
import type { LogFn } from '../node/app/ports.ts';
import { appProtocolResponse } from './app-protocol.ts';
import {
  APP_SCHEME,
  GESTURE_WINDOW_MS,
  UserGesture,
  isExternalWebUrl,
  isKeyAct,
  isPressAct,
  navigationAllowed,
  toolbarPermissionCheck,
  type WindowKind,
} from './window-policy.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves dist/renderer at app://toolbar/, nothing outside it, with the CSP as a header. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request));
}

/** Contents opened as screen pops; every other contents gets the toolbar's (strictest) policy. */
const screenPops = new WeakSet<WebContents>();

/** Gives a screen-pop window its own navigation policy (call right after creating it). */
export function markScreenPop(contents: WebContents): void {
  screenPops.add(contents);
}

/** Where a URL points, for the log: its origin only (a CRM's query may hold customer data). */
function originForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}…` : parsed.origin;
  } catch {
    return 'an invalid URL';
  }
}

function harden(contents: WebContents, log: LogFn): void {
  // Looked up at each navigation: a window is marked just after `web-contents-created` fired for it.
  const kind = (): WindowKind => (screenPops.has(contents) ? 'screen-pop' : 'toolbar');
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(kind(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(kind(), url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The handler is told neither whether the agent's act opened the window (`disposition` is only
  // how) nor which frame asked (HandlerDetails has no frame): the shell watches the page's input
  // itself (it reaches main before the page sees it), and takes an act only while the top frame
  // has the focus. A press in an iframe focuses it; keys go to the focused frame.
  const gesture = new UserGesture();
  const topFrameFocused = () => contents.focusedFrame?.parent === null;
  contents.on('input-event', (_event, input) => {
    if (isPressAct(input.type)) gesture.act();
  });
  contents.on('before-input-event', (_event, input) => {
    if (isKeyAct(input) && topFrameFocused()) gesture.act();
  });
  // A new page (the next caller's in a reused CRM window, a link followed) starts with no act.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) gesture.forget();
  });
  let refusalsLogged = 0;
  contents.setWindowOpenHandler(({ url, disposition }) => {
    // New windows (target=_blank, window.open) are never opened in the app. The system browser
    // gets http(s) only, and only for the agent's own click or key in this page's top frame, once per act.
    const web = isExternalWebUrl(url);
    const act = gesture.consume();
    if (web && act && topFrameFocused()) {
      void shell
        .openExternal(url)
        .catch((error: unknown) => log('warn', `could not open ${originForLog(url)} in the browser: ${String(error)}`));
    } else if (refusalsLogged++ < 3) {
      const why = !web
        ? 'not http(s)'
        : act
          ? 'the click or key was in an iframe of the page'
          : `no click or key in that window in the last ${GESTURE_WINDOW_MS} ms`;
      log('warn', `a page's new window (${disposition}) to ${originForLog(url)} was not opened: ${why}`);
    }
    return { action: 'deny' };
  });
}

export function applySecurityPolicy(log: LogFn): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // A CRM window passes no check, even one showing an app:// address.
  session.defaultSession.setPermissionCheckHandler(
    (contents, permission, origin, details) =>
      contents !== null && !screenPops.has(contents) && toolbarPermissionCheck(permission, origin, details),
  );
  app.on('web-contents-created', (_event, contents) => harden(contents, log));
}
