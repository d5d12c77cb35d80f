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

/**
 * The permission checks the toolbar's own page passes (issue 27 item 9: the ring's output):
 * Chromium lists the audio outputs with their ids and labels only for a page that passes the
 * microphone's check ('media', audio), and plays on a chosen one after the 'speaker-selection'
 * check. Checks only: a request (getUserMedia, which would open the microphone) is refused by the
 * request handler whatever this says, and only the app's own top frame is considered here.
 */
export function toolbarPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string; isMainFrame?: boolean },
): boolean {
  const audio = permission === 'speaker-selection' || (permission === 'media' && details.mediaType === 'audio');
  return audio && details.isMainFrame === true && originOf(requestingOrigin) === APP_ORIGIN;
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

/**
 * A press that is the agent's act on a page, as `input-event` reports it: a mouse button going
 * down, a tap. Its release, the pointer events around it, a move, a scroll or a hover are the same
 * act or none (Electron reports each as an input event of its own).
 */
export function isPressAct(type: string): boolean {
  return type === 'mouseDown' || type === 'gestureTap';
}

/**
 * A key going down that is the agent's act, as `before-input-event` reports it (electron.d.ts
 * Input): not a held key repeating (`isAutoRepeat`, KeyboardEvent.repeat), not Escape (no user
 * activation in HTML's rules either).
 */
export function isKeyAct(input: { type: string; key: string; isAutoRepeat: boolean }): boolean {
  return input.type === 'keyDown' && !input.isAutoRepeat && input.key !== 'Escape';
}

/** How long after the agent's click or key a page may open the system browser. */
export const GESTURE_WINDOW_MS = 1000;

/**
 * Whether a page's window.open (or target=_blank link) follows the agent's own click or key in
 * that page: at most GESTURE_WINDOW_MS after it, and one opening per act (a page cannot turn one
 * click into a burst of browser tabs). Electron's window-open handler does not say whether there
 * was a user gesture, so the shell keeps the time of each window's last act.
 */
export class UserGesture {
  private last = -Infinity;

  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  /** The agent pressed or typed in the page (isPressAct, isKeyAct). */
  act(): void {
    this.last = this.now();
  }

  /** A new page in the window: an act on the one before is not for it. */
  forget(): void {
    this.last = -Infinity;
  }

  /** True once per act, within the window; the act is used up. */
  consume(): boolean {
    const fresh = this.now() - this.last <= GESTURE_WINDOW_MS;
    this.last = -Infinity;
    return fresh;
  }
}

/** How often a minute a crashed or hung toolbar page is loaded again before the agent is asked (renderer-recovery.ts). */
export const RELOADS_PER_MINUTE = 3;

/** The toolbar window's webPreferences: every item of the checklist that applies. `devTools`: a development run only. */
export function toolbarWebPreferences(preloadPath: string, devTools = false) {
  return {
    preload: preloadPath,
    devTools,
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

/** The screen-pop window (when settings say "app"): a plain, sandboxed page with no preload; DevTools in a development run only. */
export function screenPopWebPreferences(devTools = false) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
    devTools,
  } as const;
}

/** The frameless, compact toolbar: ~560 x 64, growing downwards for panels. */
export const TOOLBAR_SIZE = {
  width: 560,
  height: 64,
  minWidth: 420,
  maxWidth: 1200,
  minHeight: 40,
  maxHeight: 900,
} as const;
