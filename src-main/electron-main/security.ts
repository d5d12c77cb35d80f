// Electron's security checklist, applied to every web contents the app ever creates: navigation
// only where that window's policy allows (policy.ts), no new windows, no webviews, every
// permission denied, and the app's pages served over app:// with a strict Content-Security-Policy
// header.
import { app, protocol, session, shell, type WebContents } from 'electron';
import { appProtocolResponse } from './app-protocol.ts';
import { APP_SCHEME, isExternalWebUrl, navigationAllowed, type WindowKind } from './policy.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
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

function harden(contents: WebContents): void {
  // Looked up at each navigation: a window is marked just after `web-contents-created` fired for it.
  const kind = (): WindowKind => (screenPops.has(contents) ? 'screen-pop' : 'toolbar');
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(kind(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(kind(), url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // New windows (target=_blank, window.open) go to the system browser, http(s) only.
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function applySecurityPolicy(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => harden(contents));
}
