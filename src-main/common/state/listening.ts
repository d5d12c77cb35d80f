// Listening in (`bargein`): the guide gives no events for it, so the leg the switch reports at
// the agent is told apart by what the agent asked: a call first seen shortly after a listen-in was
// sent, naming the device listened to, is the listening leg ("Listening to 1002", only Hang up).
import type { CtiEvent } from '../protocol/frames.ts';
import type { CoreState } from './types.ts';

/** A listen-in's leg is reported within this of the request, or it is not this one. */
export const LISTEN_MATCH_MS = 10_000;

/** The device listened to, if this first event of a call is the leg of a listen-in sent just before. */
export function listenedTo(state: CoreState, event: CtiEvent, at: number): string | undefined {
  const request = state.listenRequest;
  if (!request || at - request.at > LISTEN_MATCH_MS) return undefined;
  const call = event.call ?? {};
  const named = [event.this, call.other, call.third, call.called].includes(request.device);
  return named ? request.device : undefined;
}

export function withoutListenRequest(state: CoreState): CoreState {
  if (!state.listenRequest) return state;
  const { listenRequest: _done, ...rest } = state;
  return rest;
}
