// The renderer side of the desktop path for the browser test: an init script that runs the built
// dist/preload/preload.cjs as Electron runs a sandboxed preload — a CommonJS function whose
// `require` answers only what a sandboxed preload may require (`electron`, `events`, `timers`,
// `url`; anything else throws, as in Electron) — with `electron` giving:
// - contextBridge.exposeInMainWorld: copies the API onto window (functions forwarded, objects
//   frozen), refusing a key the window already has, as Electron does;
// - ipcRenderer: invoke/on/once/off/removeListener/removeAllListeners over a WebSocket to the test's
//   shell process (shell.ts), where the real IpcManager answers; invoke's errors read as
//   Electron's ("Error invoking remote method '<channel>': <error>"). send, sendSync, postMessage
//   and sendToHost are not carried: a preload that used them would fail here, not pass.
// Runs in the main frame only (Electron: nodeIntegrationInSubFrames off, no preload in frames).
// What the preload required and any error it threw are left in window.__preloadReport.
// Differences from Electron: the preload runs in the page's world, not an isolated one, and
// arguments travel as JSON, not by structured clone.

/** The init script for Playwright's addInitScript. `preloadSource` is dist/preload/preload.cjs. */
export function preloadInitScript(preloadSource: string, ipcUrl: string): string {
  return `(() => {
  if (window.top !== window) return;
  const report = { required: [], error: null };
  Object.defineProperty(window, '__preloadReport', { value: report });

  class EventEmitter {
    #l = new Map();
    on(name, fn) { (this.#l.get(name) ?? this.#l.set(name, []).get(name)).push(fn); return this; }
    addListener(name, fn) { return this.on(name, fn); }
    once(name, fn) { const w = (...a) => { this.off(name, w); fn(...a); }; w.listener = fn; return this.on(name, w); }
    off(name, fn) { const l = this.#l.get(name); if (l) { const i = l.findIndex((x) => x === fn || x.listener === fn); if (i >= 0) l.splice(i, 1); } return this; }
    removeListener(name, fn) { return this.off(name, fn); }
    removeAllListeners(name) { if (name === undefined) this.#l.clear(); else this.#l.delete(name); return this; }
    emit(name, ...args) { const l = [...(this.#l.get(name) ?? [])]; for (const fn of l) fn.apply(this, args); return l.length > 0; }
    listenerCount(name) { return (this.#l.get(name) ?? []).length; }
  }

  const socket = new WebSocket(${JSON.stringify(ipcUrl)} + '?path=' + encodeURIComponent(location.pathname));
  const outbox = [];
  socket.addEventListener('open', () => { for (const m of outbox.splice(0)) socket.send(m); });
  const pending = new Map();
  let seq = 0;
  const post = (message) => { const text = JSON.stringify(message); if (socket.readyState === WebSocket.OPEN) socket.send(text); else outbox.push(text); };
  const notCarried = (name) => () => { throw new Error('ipcRenderer.' + name + ' is not carried by the desktop-path test: the preload must use invoke/on'); };

  const ipcRenderer = new EventEmitter();
  ipcRenderer.invoke = (channel, ...args) => new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject, channel });
    post({ type: 'invoke', id, channel, args });
  });
  for (const name of ['send', 'sendSync', 'postMessage', 'sendToHost']) ipcRenderer[name] = notCarried(name);
  socket.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'result') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(new Error("Error invoking remote method '" + p.channel + "': " + m.error));
      else p.resolve(m.result);
    } else if (m.type === 'event') {
      ipcRenderer.emit(m.channel, { sender: ipcRenderer, senderId: 0, ports: [] }, ...m.args);
    }
  });
  socket.addEventListener('close', () => {
    for (const p of pending.values()) p.reject(new Error("Error invoking remote method '" + p.channel + "': the shell closed the connection"));
    pending.clear();
  });

  const copy = (value) => {
    if (typeof value === 'function') return (...args) => value(...args);
    if (value && typeof value === 'object' && !(value instanceof Promise)) {
      const out = Array.isArray(value) ? [] : {};
      for (const key of Object.keys(value)) out[key] = copy(value[key]);
      return Object.freeze(out);
    }
    return value;
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: copy(api), enumerable: true });
    },
  };

  const modules = {
    electron: { contextBridge, ipcRenderer },
    events: Object.assign(EventEmitter, { EventEmitter }),
    timers: { setTimeout, clearTimeout, setInterval, clearInterval },
    url: { URL, URLSearchParams },
  };
  const require = (name) => {
    report.required.push(name);
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error("module not found: " + name + " (a sandboxed preload may require only electron, events, timers, url)");
    return modules[name];
  };
  const module = { exports: {} };
  try {
    (function (require, module, exports) {
${preloadSource}
    })(require, module, module.exports);
  } catch (error) {
    report.error = String(error && error.stack || error);
  }
})();`;
}
