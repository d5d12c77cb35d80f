// What `import 'electron'` gives the main-process code in the desktop-path test's shell process
// (electron-loader.mjs maps it here): ipcMain, as IpcManager uses it, with Electron's rule that a
// channel has one handler. Nothing else of Electron exists here: an import of anything else fails
// at link time, so the test notices when IpcManager starts to need more.
export type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

const HANDLERS = Symbol.for('nexus-toolbar.test.ipcMain.handlers');
const registry = globalThis as unknown as { [HANDLERS]?: Map<string, IpcHandler> };
const handlers = (registry[HANDLERS] ??= new Map<string, IpcHandler>());

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
};

/** The handlers registered so far (the shell process routes invokes to them). */
export function ipcHandlers(): ReadonlyMap<string, IpcHandler> {
  return (registry[HANDLERS] ??= new Map<string, IpcHandler>());
}
