// Whose an event is. The session monitors the agent's extension and the agent's queues; a server
// that follows the guide's samples says which monitor reports each event (`monitor`), one that
// follows the event table says only `this`, the device the event is about. So: an event belongs
// to the monitor it names; where it names none, to the device in `this`, except that an event
// about a call the agent already has is the agent's whatever `this` says (Delivered at the far
// end of the agent's own call, the far party's ConnectionCleared), and a call first seen with
// `call.other` = the agent's device is one the agent placed. A queue's events feed the queue
// figures and nothing else, a colleague's their line and nothing else; an event for a device the
// agent does not watch changes nothing.
import { CallType, EventId } from '../protocol/codes.ts';
import type { CtiEvent } from '../protocol/frames.ts';
import type { CoreState } from './types.ts';

export type EventOwner =
  /** The agent's own: its calls and its agent state. */
  | { kind: 'agent' }
  /** One of the agent's queues: its figures only. */
  | { kind: 'queue'; dn: string }
  /** A colleague's extension the agent watches: their line only (colleagues.ts), never the agent's calls. */
  | { kind: 'colleague'; device: string }
  /** A device the agent does not watch (undefined: the event names none). */
  | { kind: 'unwatched'; device: string | undefined };

const AGENT: EventOwner = { kind: 'agent' };

/** Events that report a call being placed: at the far end too, they tell the caller it is theirs. */
const PLACING = new Set<number>([
  EventId.ServiceInitiated,
  EventId.Originated,
  EventId.Delivered,
  EventId.NetworkReached,
]);
const MERGES = new Set<number>([EventId.Transferred, EventId.Conferenced]);

/** The events 201-206: about an agent, who is named by `this` or `agent.id`. */
const isAgentEvent = (id: number) => id >= EventId.LoggedOn && id <= EventId.WorkReady;

/** The agent's extension, one of its queues, or a device it does not watch. */
function byDevice(state: CoreState, device: string | undefined): EventOwner {
  if (device === state.identity.device) return AGENT;
  const dn = state.identity.queues.find((q) => q === device);
  if (dn !== undefined) return { kind: 'queue', dn };
  if (device !== undefined && state.colleagues?.[device] !== undefined) return { kind: 'colleague', device };
  return { kind: 'unwatched', device };
}

/**
 * A call the agent has: by `call.c1` (with the same `cnid`, when both are known: an id the
 * switch gave again to another call is not the agent's), or, for a transfer or conference, by the
 * ids merged into it.
 */
function aboutKnownCall(state: CoreState, event: CtiEvent): boolean {
  const call = event.call ?? {};
  const view = call.c1 === undefined ? undefined : state.calls[call.c1];
  if (view && (view.cnid === undefined || event.cnid === undefined || view.cnid === event.cnid)) return true;
  if (!MERGES.has(event.id)) return false;
  return [call.c2, call.c3].some((id) => id !== undefined && state.calls[id] !== undefined);
}

/** Whose `event` is, for the state it arrives in. */
export function eventOwner(state: CoreState, event: CtiEvent): EventOwner {
  const { device: me, agentId } = state.identity;
  if (isAgentEvent(event.id)) {
    // `this` = the agent's device makes it the agent's (byDevice), whatever `monitor` says
    return event.agent?.id === agentId ? AGENT : byDevice(state, event.this);
  }
  if (event.monitor !== undefined) return byDevice(state, event.monitor);
  if (aboutKnownCall(state, event)) return AGENT;
  if (event.call?.other === me && PLACING.has(event.id) && event.call.ctype !== CallType.Transfer) return AGENT;
  // the agent's when `this` is the agent's device, a queue's when it is one of the queues
  return byDevice(state, event.this);
}
