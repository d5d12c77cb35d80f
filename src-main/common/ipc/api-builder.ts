// Builds the `CtiApi` object from two transport functions: one named method per command of the
// contract, plus onState and onStopped. The Electron preload (ipcRenderer) and the preview's bridge client
// (WebSocket) both use it, so both expose exactly the contract and nothing generic.
import { COMMAND_NAMES, type CommandName, type CtiApi } from './contract.ts';
import type { AppState } from '../state/app-state.ts';

export interface ApiTransport {
  invoke(name: CommandName, args: unknown): Promise<unknown>;
  subscribe(listener: (state: AppState) => void): () => void;
  /** The core's failure, where the transport carries it (the Electron preload); else nothing comes. */
  subscribeStopped?(listener: () => void): () => void;
}

export function buildCtiApi(transport: ApiTransport): CtiApi {
  const api: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) {
    api[name] = (args: unknown) => transport.invoke(name, args ?? {});
  }
  api.onState = (listener: (state: AppState) => void) => transport.subscribe(listener);
  api.onStopped = (listener: () => void) => transport.subscribeStopped?.(listener) ?? (() => undefined);
  return Object.freeze(api) as unknown as CtiApi;
}
