// Who ended a call, told from the events that ended it: the first party whose connection cleared
// (ConnectionCleared's `this`: the one leaving; a switch clears the last party after it), or the
// agent's own transfer. The app core keeps the answer with the ended call (ended-calls.ts).
import { CallType, EventId } from '../protocol/codes.ts';
import type { CtiEvent } from '../protocol/frames.ts';
import type { CallView } from './types.ts';

/** `caller`: the far party of a customer call left; `colleague`: the one of a consult call. */
export type EndedBy = 'caller' | 'agent' | 'colleague' | 'transferred';

/** The call and the device an event says left it, when it is a ConnectionCleared. */
export function leaving(event: CtiEvent): { c1: number; device: string } | undefined {
  const c1 = event.call?.c1;
  if (event.id !== EventId.ConnectionCleared || c1 === undefined || event.this === undefined) return undefined;
  return { c1, device: event.this };
}

/** The calls an event ends by a transfer the agent made (Transferred at the agent's device). */
export function transferredAway(event: CtiEvent, me: string): number[] {
  if (event.id !== EventId.Transferred || event.this !== me) return [];
  const { c1, c2, c3 } = event.call ?? {};
  return [c1, c2, c3].filter((id) => id !== undefined);
}

/**
 * Who ended `call`: transferred by the agent, or the first party that left it (the agent, or the
 * other side: a colleague on a consult call, the caller otherwise). Unknown (a CallCleared with no
 * leaver seen, a call dropped after a reconnect): undefined.
 */
export function endedBy(
  call: CallView,
  firstLeaver: string | undefined,
  transferred: boolean,
  me: string,
): EndedBy | undefined {
  if (transferred) return 'transferred';
  if (firstLeaver === undefined) return undefined;
  if (firstLeaver === me) return 'agent';
  return call.ctype === CallType.Consult ? 'colleague' : 'caller';
}
