// The toolbar's one way to the main process: the preload's `window.cti` in Electron, or the
// preview's WebSocket bridge in a browser. Both implement the same contract. The bridge (with the
// contract's schemas it builds its API from) is loaded only in a browser: the desktop page starts without it.
import type { CtiApi } from '#common/ipc/contract.ts';

declare global {
  interface Window {
    cti?: CtiApi;
  }
}

/** Where the app core stopped: the preview's (its bridge closed) or the desktop's (it failed in main). */
export type StoppedWhere = 'preview' | 'desktop';

/**
 * Hands the API to `use`: at once in the desktop app (the preload's), or once the preview's bridge is
 * loaded in a browser. Not a promise: one resolved with `window.cti` would ask it for a `then`.
 * `onStopped`: the preview's bridge closed or is back (false); the desktop's core failed (for good).
 */
export function resolveApi(onStopped: (stopped: StoppedWhere | false) => void, use: (api: CtiApi) => void): void {
  if (window.cti) {
    window.cti.onStopped(() => onStopped('desktop'));
    use(window.cti);
    return;
  }
  const params = new URLSearchParams(location.search);
  const bridge = params.get('bridge');
  const token = params.get('token');
  if (!bridge || !token) throw new Error('No window.cti and no preview bridge in the URL.');
  void import('./preview-bridge.ts').then(({ connectPreviewBridge }) =>
    use(connectPreviewBridge(bridge, token, undefined, (stopped) => onStopped(stopped && 'preview'))),
  );
}
