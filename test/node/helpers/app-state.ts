// An AppState for tests of pure UI and shell logic, around a given core state.
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { initialState } from '../../../src-main/common/state/reducer.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

export function appState(
  core: Partial<CoreState>,
  options: { status?: 'connected' | 'reconnecting'; settings?: Settings } = {},
): AppState {
  const base = initialState({ device: '1001', agentId: '1001', queues: [] }, 1, 0);
  return {
    core: { ...base, ...core, connection: { ...base.connection, status: options.status ?? 'connected' } },
    settings: {
      settings: options.settings ?? defaultSettings(),
      hasPassword: true,
      secretStorage: 'memory',
      secretStorageInsecure: false,
      readOnly: false,
    },
    demo: { active: false },
    nextState: null,
    nextAfterCall: null,
    history: { recent: [], unseenMissed: 0 },
    today: {
      handled: 0,
      missed: 0,
      declined: 0,
      averageTalkSeconds: 0,
      averageHoldSeconds: 0,
      averageHandleSeconds: 0,
      stateSeconds: {},
    },
    now: 0,
    version: 't',
  };
}
