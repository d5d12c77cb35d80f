// Calls that were up when the app last stopped (a crash, a kill, an update mid-call), put back at
// start as unconfirmed: the switch may have ended them meanwhile, and only its events can say. They
// show as after a reconnect until an event confirms them or their grace runs out (unconfirmed-calls.ts).
import type { CallView, CoreState } from './types.ts';

export function withRestoredCalls(state: CoreState, restored: readonly CallView[]): CoreState {
  if (restored.length === 0) return state;
  const calls: Record<number, CallView> = { ...state.calls };
  let nextCallKey = state.nextCallKey;
  for (const call of restored) {
    if (calls[call.c1]) continue;
    calls[call.c1] = { ...call, key: nextCallKey++, unconfirmed: true };
  }
  return { ...state, calls, nextCallKey };
}
