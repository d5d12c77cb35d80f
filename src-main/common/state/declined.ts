// A call the agent declines while it rings: marked on its view (the history says "Declined", not
// "Missed"), and followed after it left the agent's phone. The guide says only that a clear drops
// the connection, so what became of the call is told from the events that follow it, never
// promised: Queued again (an ACD offers it to another agent) or CallCleared (the caller is gone).
import { EventId } from '../protocol/codes.ts';
import type { CtiEvent } from '../protocol/frames.ts';
import type { CoreState } from './types.ts';

/** Events this long after a decline still tell what became of the call (call ids are reused later). */
export const DECLINE_FOLLOW_MS = 60_000;

/** The agent sends a decline for `c1`: a call ringing at them is marked declined and followed. */
export function declining(state: CoreState, c1: number, at: number): CoreState {
  const call = state.calls[c1];
  if (!call || call.phase !== 'ringing' || call.placedByMe) return state;
  return { ...state, calls: { ...state.calls, [c1]: { ...call, declined: true } }, declined: { c1, at } };
}

/** The switch refused the decline: the call is as it was. */
export function declineRefused(state: CoreState, c1: number): CoreState {
  const call = state.calls[c1];
  const { declined, ...rest } = state;
  const next: CoreState = declined?.c1 === c1 ? rest : state;
  if (!call?.declined) return next;
  const { declined: _mark, ...view } = call;
  return { ...next, calls: { ...next.calls, [c1]: view } };
}

/** What an event says of the declined call once it has left the agent's phone. */
export function followDeclined(state: CoreState, event: CtiEvent, at: number): CoreState {
  const declined = state.declined;
  const c1 = event.call?.c1;
  if (!declined || declined.outcome || c1 !== declined.c1 || state.calls[c1] || at - declined.at > DECLINE_FOLLOW_MS)
    return state;
  if (event.id === EventId.Queued) {
    const queue = event.queue?.dn ?? event.this;
    return queue === undefined ? state : { ...state, declined: { ...declined, outcome: { kind: 'queued', queue } } };
  }
  if (event.id === EventId.CallCleared) return { ...state, declined: { ...declined, outcome: { kind: 'cleared' } } };
  return state;
}
