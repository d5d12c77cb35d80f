// The browser preview's side of the bridge: the IPC contract over a loopback WebSocket, with a
// token. Reconnects by itself; screen pops open as new tabs, http(s) only. When the preview's app
// core was restarted (the bridge names another core than the page first met), the page loads
// itself again: nothing it holds of the old core stays. While the bridge is closed (the preview
// ended, or restarted under a new address and token), `onStopped(true)`: the toolbar says so
// rather than show a state nobody keeps any more; `onStopped(false)` once the same core answers.
import { buildCtiApi } from '#common/ipc/api-builder.ts';
import type { CommandName, CtiApi } from '#common/ipc/contract.ts';
import type { AppState } from '#common/state/app-state.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export function connectPreviewBridge(
  bridgeUrl: string,
  token: string,
  reload: () => void = () => location.reload(),
  onStopped: (stopped: boolean) => void = () => undefined,
): CtiApi {
  const listeners = new Set<(state: AppState) => void>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let last: AppState | undefined;
  /** The core this page was loaded against. */
  let core: string | undefined;

  function open(): void {
    const url = new URL(bridgeUrl);
    url.searchParams.set('token', token);
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as {
        type: string;
        id?: number | string;
        result?: unknown;
        error?: string;
        state?: AppState;
        url?: string;
      };
      if (data.type === 'core' && typeof data.id === 'string') {
        core ??= data.id;
        if (data.id !== core) reload();
        else onStopped(false);
      } else if (data.type === 'state' && data.state) {
        last = data.state;
        for (const listener of listeners) listener(data.state);
      } else if (data.type === 'result' && typeof data.id === 'number') {
        const p = pending.get(data.id);
        pending.delete(data.id);
        if (data.error !== undefined) p?.reject(new Error(data.error));
        else p?.resolve(data.result);
      } else if (data.type === 'screen-pop' && data.url) {
        const target = new URL(data.url);
        if (target.protocol === 'http:' || target.protocol === 'https:') window.open(target.href, '_blank', 'noopener');
      }
    };
    ws.onclose = () => {
      onStopped(true);
      for (const p of pending.values()) p.reject(new Error('bridge closed'));
      pending.clear();
      setTimeout(open, 500);
    };
  }
  open();

  function call(name: CommandName, args: unknown): Promise<unknown> {
    const id = nextId++;
    const text = JSON.stringify({ type: 'command', id, name, args });
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    });
  }

  return buildCtiApi({
    invoke: call,
    subscribe(listener) {
      listeners.add(listener);
      if (last) listener(last);
      return () => listeners.delete(listener);
    },
  });
}
