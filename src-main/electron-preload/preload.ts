// The preload: exposes exactly the IPC contract as `window.cti`, one named method per command
// and two subscriptions (state, the core stopped) that return their unsubscribe. No ipcRenderer, no generic send.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildCtiApi } from '../common/ipc/api-builder.ts';
import { PUSH_CHANNELS, commandChannel, type CommandResults } from '../common/ipc/contract.ts';

/** The state pushed whole, as `getState` answers it (the preload sees the contract alone). */
type AppState = CommandResults['getState'];

const api = buildCtiApi({
  invoke: (name, args) => ipcRenderer.invoke(commandChannel(name), args),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(PUSH_CHANNELS.state, handler);
    void ipcRenderer.invoke(commandChannel('getState'), {}).then((state: AppState) => listener(state));
    return () => ipcRenderer.removeListener(PUSH_CHANNELS.state, handler);
  },
  subscribeStopped(listener) {
    const handler = () => listener();
    ipcRenderer.on(PUSH_CHANNELS.stopped, handler);
    return () => ipcRenderer.removeListener(PUSH_CHANNELS.stopped, handler);
  },
});

contextBridge.exposeInMainWorld('cti', api);
