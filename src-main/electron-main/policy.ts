// The shell's security decisions as plain functions (no Electron import), so tests can hold them
// to Electron's security checklist without the Electron binary.

import { contentSecurityPolicy } from '../common/csp.ts';

/** The toolbar is served from this privileged, standard scheme, never from file://. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://toolbar`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The Content-Security-Policy of every app page (also sent as a response header). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // app://toolbar is a standard scheme: its origin is scheme://host, as for http(s).
    return parsed.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${parsed.host}` : parsed.origin;
  } catch {
    return undefined;
  }
}

/** Same origin as the app's own pages: compared as origins, never as string prefixes. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** Only the app's own pages may be navigated to inside the toolbar window. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** The kinds of window the app opens, each with its own navigation policy. */
export type WindowKind = 'toolbar' | 'screen-pop';

/**
 * Where a window's page may navigate (a link, a form, a redirect): the toolbar only within the
 * app; a screen pop (a CRM page, no preload, no Node) anywhere over http(s), as its redirects,
 * single sign-on, links and forms need.
 */
export function navigationAllowed(kind: WindowKind, url: string): boolean {
  return kind === 'screen-pop' ? isExternalWebUrl(url) : allowNavigation(url);
}

/** A URL the system browser may open (screen pops): http(s) only. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The toolbar window's webPreferences: every item of the checklist that applies. */
export function toolbarWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** The screen-pop window (when settings say "app"): a plain, sandboxed page with no preload. */
export function screenPopWebPreferences() {
  return { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false } as const;
}

/** The frameless, compact toolbar: ~560 x 64, growing downwards for panels. */
export const TOOLBAR_SIZE = { width: 560, height: 64, minWidth: 420, maxWidth: 1200, minHeight: 40, maxHeight: 900 } as const;
