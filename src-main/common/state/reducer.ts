// One pure reducer from protocol events and connection changes to the state the toolbar shows.
// It derives state from what arrives, not from an expected sequence: duplicates (the same event
// at two monitors), odd orders, missing fields, unknown ids and clears of unknown calls are all
// taken in stride. It never throws (a property test holds it to that) and returns the same
// object when nothing changed.
import { CallType, EventId } from '../protocol/codes.ts';
import { lastHeld } from './call-roles.ts';
import { eventOwner } from './event-owner.ts';
import { agentStateOfEvent } from './agent-events.ts';
import { colleaguesReconnected, monitorAnswered, reduceColleagues, withColleagues } from './colleagues.ts';
import { declineRefused, declining, followDeclined } from './declined.ts';
import { listenedTo, withoutListenRequest } from './listening.ts';
import { closeMessage } from '../protocol/catalogue.ts';
import type { CallInfo, CtiEvent } from '../protocol/frames.ts';
import type {
  AgentState,
  AgentStateName,
  CallDirection,
  CallView,
  ConnectionState,
  CoreState,
  Identity,
  LastError,
} from './types.ts';

export type CoreAction =
  | { type: 'event'; event: CtiEvent; at: number }
  | { type: 'connection'; connection: Partial<ConnectionState>; at: number }
  | { type: 'error'; error: LastError }
  | { type: 'resynced'; at: number }
  | { type: 'call-gone'; c1: number; at: number }
  /** The switch refused a logon as "already logged on": the agent is on, its state not said. */
  | { type: 'agent-already-on'; at: number }
  /** The agent declines a call ringing at them (sent), or the switch refused that. */
  | { type: 'declining'; c1: number; at: number }
  | { type: 'decline-refused'; c1: number; at: number }
  /** The agent asks to listen in on `device`'s call (sent), or the switch refused that. */
  | { type: 'listen-requested'; device: string; at: number }
  | { type: 'listen-refused'; at: number }
  /** The colleagues' lines to watch (the directory's extensions), the first `limit` of them monitored. */
  | { type: 'colleagues-set'; devices: readonly string[]; limit: number; at: number }
  /** The server's answer to a colleague's addmonitor: `refusal` is its code when it refused. */
  | { type: 'colleague-monitor'; device: string; refusal?: number | string };

export function initialState(identity: Identity, endpointCount: number, now: number): CoreState {
  return {
    identity,
    connection: { status: 'idle', endpointIndex: 0, endpointCount, attempt: 0, since: now },
    agent: { state: 'loggedOff', since: now },
    calls: {},
    nextCallKey: 1,
    queues: {},
    unknownEvents: 0,
  };
}

export function reduce(state: CoreState, action: CoreAction): CoreState {
  switch (action.type) {
    case 'event':
      return reduceEvent(state, action.event, action.at);
    case 'connection':
      return reduceConnection(state, action.connection, action.at);
    case 'error':
      return { ...state, lastError: action.error };
    case 'resynced':
      return forgetColleagueLines(forgetQueueFigures(markUnconfirmed(state)), action.at);
    case 'agent-already-on': {
      if (state.agent.state !== 'loggedOff') return state;
      // The refusal that said so is not an error for the agent.
      const { lastError, ...rest } = state;
      return {
        ...rest,
        agent: { state: 'loggedOn', since: action.at },
        ...(lastError && lastError.fname !== 'logon' ? { lastError } : {}),
      };
    }
    case 'call-gone':
      return state.calls[action.c1] ? dropCalls(state, action.c1) : state;
    case 'declining':
      return declining(state, action.c1, action.at);
    case 'decline-refused':
      return declineRefused(state, action.c1);
    case 'listen-requested':
      return { ...state, listenRequest: { device: action.device, at: action.at } };
    case 'listen-refused':
      return withoutListenRequest(state);
    case 'colleagues-set':
      return withColleagueLines(state, withColleagues(state.colleagues ?? {}, action.devices, action.limit, action.at));
    case 'colleague-monitor':
      return withColleagueLines(state, monitorAnswered(state.colleagues ?? {}, action.device, action.refusal));
  }
}

/** A copy without some calls. Built afresh rather than `delete`d: a deletion would leave the
 *  object in V8's slow mode, and every later copy of the calls would pay for it. */
function withoutCall(calls: Record<number, CallView>, ...ids: (number | undefined)[]): Record<number, CallView> {
  const copy: Record<number, CallView> = {};
  for (const key in calls)
    if (!ids.includes(Number(key))) copy[key as unknown as number] = calls[key as unknown as number]!;
  return copy;
}

function reduceConnection(state: CoreState, patch: Partial<ConnectionState>, at: number): CoreState {
  const current = state.connection;
  let next: ConnectionState = { ...current, ...patch };
  // A problem is about trying to connect: connected, stopped or refused (which says why itself), there is none.
  if (
    'problem' in next &&
    (next.problem === undefined || next.status === 'connected' || next.status === 'idle' || next.status === 'refused')
  ) {
    const { problem: _gone, ...rest } = next;
    next = rest;
  }
  if (patch.status !== undefined && patch.status !== current.status) next.since = at;
  if (patch.lastClose && !patch.lastClose.message) {
    next.lastClose = { ...patch.lastClose, message: closeMessage(patch.lastClose.code) };
  }
  const keys = new Set([...Object.keys(next), ...Object.keys(current)] as (keyof ConnectionState)[]);
  const changed = [...keys].some((k) => next[k] !== current[k]);
  return changed ? { ...state, connection: next } : state;
}

function markUnconfirmed(state: CoreState): CoreState {
  // With no link lost yet, no call is older than the loss.
  const lostAt = state.connection.lastClose?.at ?? -Infinity;
  let calls: Record<number, CallView> | undefined;
  for (const call of Object.values(state.calls)) {
    if (call.lastEventAt <= lostAt && !call.unconfirmed) {
      calls ??= { ...state.calls };
      calls[call.c1] = { ...call, unconfirmed: true };
    }
  }
  return calls ? { ...state, calls } : state;
}

/**
 * Queue figures learned before the link was lost are not shown as if current: the switch may
 * have been restarted, and the protocol has no way to ask; the next queue event brings them back.
 */
function forgetQueueFigures(state: CoreState): CoreState {
  return Object.keys(state.queues).length === 0 ? state : { ...state, queues: {} };
}

function withColleagueLines(state: CoreState, colleagues: CoreState['colleagues']): CoreState {
  return colleagues === state.colleagues ? state : { ...state, colleagues };
}

/** Colleagues' lines are unknown again after a reconnect: the switch may have moved on, and cannot be asked. */
function forgetColleagueLines(state: CoreState, at: number): CoreState {
  return state.colleagues ? withColleagueLines(state, colleaguesReconnected(state.colleagues, at)) : state;
}

// --- events -------------------------------------------------------------------------------------

function reduceEvent(state: CoreState, event: CtiEvent, at: number): CoreState {
  // Before the call's own monitors are sorted out: a declined call is heard of at its queue.
  let next = followDeclined(state, event, at);
  if (event.name === undefined) next = { ...next, unknownEvents: next.unknownEvents + 1 };
  // The figures of a watched queue, whoever the event is for: they are about the queue.
  next = reduceQueue(next, event, at);
  // A colleague's line, from the events about their extension, whoever's monitor reports them.
  next = withColleagueLines(next, reduceColleagues(next.colleagues, event, at));
  // Calls and the agent state change only with the agent's own events (event-owner.ts).
  if (eventOwner(state, event).kind !== 'agent') return next;
  const agentState = agentStateOfEvent(event.id);
  if (agentState !== undefined) return reduceAgent(next, agentState, event, at);
  if (event.call?.c1 === undefined) return next;
  return reduceCall(next, event, at);
}

function reduceQueue(state: CoreState, event: CtiEvent, at: number): CoreState {
  const queue = event.queue ?? {};
  const dn = state.identity.queues.find((q) => q === queue.dn);
  if (dn === undefined) return state;
  const { wqueue: waiting, wtime: longestWait } = queue;
  if (waiting === undefined && longestWait === undefined) return state;
  const current = state.queues[dn];
  const nextWaiting = Math.max(0, waiting ?? current?.waiting ?? 0);
  const nextLongest = Math.max(0, longestWait ?? current?.longestWait ?? 0);
  if (current && current.waiting === nextWaiting && current.longestWait === nextLongest) return state;
  const stats = { dn, waiting: nextWaiting, longestWait: nextLongest, updatedAt: at };
  return { ...state, queues: { ...state.queues, [dn]: stats } };
}

function reduceAgent(state: CoreState, name: AgentStateName, event: CtiEvent, at: number): CoreState {
  const current = state.agent;
  const reason = event.agent?.reason;
  const workMode = event.agent?.wmode ?? (name === 'loggedOff' ? undefined : current.workMode);
  const same = current.state === name && current.reason === reason;
  const agent: AgentState = { state: name, eventId: event.id, since: same ? current.since : at };
  if (reason !== undefined) agent.reason = reason;
  if (workMode !== undefined) agent.workMode = workMode;
  if (same && current.eventId === agent.eventId && current.workMode === agent.workMode) return state;
  return { ...state, agent };
}

function directionOf(ctype: number | undefined, placedByMe: boolean): CallDirection {
  if (ctype === CallType.Inbound) return 'inbound';
  if (ctype === CallType.Outbound) return 'outbound';
  if (ctype === undefined && !placedByMe) return 'inbound';
  return 'internal';
}

/** The far party to show: the caller for calls to me, otherwise the device the call went to. */
function farParty(call: CallInfo, event: CtiEvent, me: string): string | undefined {
  const candidates = [call.other, call.third, event.this];
  return candidates.find((d) => d !== undefined && d !== me);
}

/** The view of a call first seen now, with the state's next key (`keyTaken` says it is used). */
function newCall(state: CoreState, event: CtiEvent, c1: number, at: number): CallView {
  const me = state.identity.device;
  const call = event.call ?? {};
  const placedByMe =
    call.other === me ||
    (event.this === me && (event.id === EventId.ServiceInitiated || event.id === EventId.Originated));
  const view: CallView = {
    key: state.nextCallKey,
    c1,
    direction: directionOf(call.ctype, placedByMe),
    phase: placedByMe ? 'dialing' : 'ringing',
    consult: false, // absorb marks a consult call (ctype 4)
    placedByMe,
    parties: [],
    startedAt: at,
    since: at,
    lastEventAt: at,
  };
  return view;
}

/** Copies what the event says about the call into the view (fields it lacks keep their value). */
function absorb(view: CallView, event: CtiEvent, me: string): CallView {
  const call = event.call ?? {};
  const next: CallView = { ...view };
  if (event.cnid !== undefined) next.cnid = event.cnid;
  if (call.ctype !== undefined) {
    next.ctype = call.ctype;
    if (call.ctype === CallType.Consult) next.consult = true;
  }
  if (call.other !== undefined) next.other = call.other;
  if (call.called !== undefined) next.called = call.called;
  if (call.origin !== undefined) next.origin = call.origin;
  if (call.uui !== undefined) next.uui = call.uui;
  const attach = event.attach;
  if (attach !== undefined) next.attach = { ...next.attach, ...attach };
  const queue = event.queue?.dn;
  if (queue !== undefined) next.queue = queue;
  if (next.party === undefined) {
    const party = farParty(call, event, me);
    if (party !== undefined) next.party = party;
  }
  if (event.this !== undefined && event.this !== me && !next.parties.includes(event.this)) {
    next.parties = [...next.parties, event.this];
  }
  if (next.unconfirmed) next.unconfirmed = undefined;
  return next;
}

/** Changes the phase of a view this reducer step made (its own copy). */
function setPhase(view: CallView, phase: CallView['phase'], at: number): void {
  if (view.phase === phase) return;
  if (view.phase === 'held') view.heldMs = (view.heldMs ?? 0) + at - view.since;
  view.phase = phase;
  view.since = at;
  if (phase === 'connected' && view.answeredAt === undefined) view.answeredAt = at;
}

/** The state with a view this reducer step made (never one already in it), added to `calls`. */
function put(state: CoreState, view: CallView, calls = state.calls): CoreState {
  return { ...state, calls: { ...calls, [view.c1]: view } };
}

const keyTaken = (state: CoreState): CoreState => ({ ...state, nextCallKey: state.nextCallKey + 1 });

/**
 * Calls the agent can have at once. A phone has a handful; a server announcing thousands is
 * misbehaving, and holding them all would make every event cost more (and the toolbar useless).
 */
export const MAX_CALLS = 32;
const full = (state: CoreState): boolean => Object.keys(state.calls).length >= MAX_CALLS;
const dropped = (state: CoreState): CoreState => ({ ...state, droppedCalls: (state.droppedCalls ?? 0) + 1 });

function reduceCall(state: CoreState, event: CtiEvent, at: number): CoreState {
  const me = state.identity.device;
  const c1 = event.call!.c1!;
  const existing = state.calls[c1];
  const atMe = event.this === me;

  switch (event.id) {
    case EventId.CallCleared:
      return existing ? dropCalls(state, c1) : state;

    case EventId.ConnectionCleared: {
      if (!existing) return state;
      if (atMe) return dropCalls(state, c1);
      // Another party left: the agent stays in the call until a clear at their own device or a
      // CallCleared says otherwise (a conference goes on when one member hangs up).
      const view = { ...existing, parties: existing.parties.filter((p) => p !== event.this), lastEventAt: at };
      if (view.unconfirmed) view.unconfirmed = undefined; // the switch still has the call
      // The party shown left a conference: show one still in it (but keep the number of a
      // two-party call's far end, for the call history, until the call ends).
      const far = view.party === event.this ? stillThere(view, event, me) : undefined;
      if (far !== undefined) view.party = far;
      return put(state, view);
    }

    case EventId.Diverted:
      return existing && atMe ? dropCalls(state, c1) : state;

    case EventId.Transferred:
    case EventId.Conferenced:
      return reduceMerge(state, event, at);

    case EventId.Queued:
      return state;
  }

  if (!existing && full(state)) return dropped(state);
  let view = existing ?? newCall(state, event, c1, at);
  view = absorb(view, event, me);
  view.lastEventAt = at;
  const listening = existing ? undefined : listenedTo(state, event, at);
  if (listening !== undefined) {
    view.listeningTo = listening;
    view.party = listening;
  }
  // A caller from a queue has waited there (the guide's queue.wtime on the event that rings the agent).
  const wtime = event.queue?.wtime;
  if (!existing && !view.placedByMe && wtime !== undefined) view.waitedSince = at - Math.max(0, wtime) * 1000;

  // `view` is this step's own copy (absorb made it): phases change in place. A new call starts
  // ringing or, when the agent placed it (ServiceInitiated/Originated at them), dialing (newCall);
  // Delivered never takes back an answer.
  switch (event.id) {
    case EventId.Established:
      // Whoever answered, the call is connected for the agent once it was ringing or dialing.
      if (atMe || view.phase === 'dialing' || view.phase === 'ringing') setPhase(view, 'connected', at);
      break;
    case EventId.Held:
      if (atMe) setPhase(view, 'held', at);
      break;
    case EventId.Retrieved:
      if (atMe) setPhase(view, 'connected', at);
      break;
  }
  let next = put(existing ? state : keyTaken(state), view);
  if (listening !== undefined) next = withoutListenRequest(next);
  // A consult call starts from the call the agent holds: that one is part of the consult too
  // (also when the call is known to be a consult only from a later event).
  if (view.consult && !existing?.consult) next = markConsultOrigin(next);
  return next;
}

/** Marks the call the consult started from: the one the agent held last, right before it (an
 *  older customer on hold stays apart). The consult call itself is already marked, so it is never
 *  the one found. */
function markConsultOrigin(state: CoreState): CoreState {
  const origin = lastHeld(state.calls, (c) => !c.consult);
  return origin ? put(state, { ...origin, consult: true }) : state;
}

/** The state without some calls. When the consult call is among them, the call it started from is
 *  no longer part of a consult (a later consult from another call must not find it marked). */
function dropCalls(state: CoreState, ...ids: (number | undefined)[]): CoreState {
  const calls = withoutCall(state.calls, ...ids);
  const legGone = ids.some((id) => state.calls[id!]?.ctype === CallType.Consult);
  if (legGone && !Object.values(calls).some((c) => c.ctype === CallType.Consult)) {
    for (const key in calls) if (calls[key]!.consult) calls[key] = { ...calls[key]!, consult: false };
  }
  return { ...state, calls };
}

/** Someone still in the call once `event.this` has left it: the far end the event names, or a
 *  party known in the view (which no longer lists the leaver). */
function stillThere(view: CallView, event: CtiEvent, me: string): string | undefined {
  const call = event.call ?? {};
  return [call.third, call.other, ...view.parties].find((d) => d !== undefined && d !== me && d !== event.this);
}

/**
 * Transferred / Conferenced: `call.c1` goes on, `c2`/`c3` were merged into it. The agent's view
 * is re-keyed to the surviving id; if the agent is the one who transferred, the calls are gone.
 */
function reduceMerge(state: CoreState, event: CtiEvent, at: number): CoreState {
  const me = state.identity.device;
  const call = event.call!;
  const survivor = call.c1!;
  const ids = [survivor, call.c2, call.c3];
  const mine = ids.flatMap((id) => state.calls[id!] ?? []);
  const calls = withoutCall(state.calls, ...ids);

  const conference = event.id === EventId.Conferenced;
  // I transferred: I am out (and a second copy of the event finds nothing left to drop)
  if (!conference && event.this === me) return mine.length > 0 ? { ...state, calls } : state;
  // The call that goes on is the agent's call from before the consult, under its key.
  const base = mine.find((c) => !c.consult) ?? mine[0];
  if (!base && Object.keys(calls).length >= MAX_CALLS) return dropped(state);
  let view: CallView = base ? { ...base, c1: survivor } : newCall(state, event, survivor, at);
  // Everyone known in any of the merged calls (its parties and the far party it shows) is in the
  // call that goes on.
  view.parties = [...new Set(mine.flatMap((c) => [...c.parties, c.party]))].filter((p) => p !== undefined);
  view = absorb(view, event, me);
  view.consult = false;
  view.lastEventAt = at;
  if (!conference) {
    view.parties = view.parties.filter((p) => p !== event.this); // the transferring party left
    if (view.party === event.this) {
      const far = stillThere(view, event, me);
      if (far !== undefined) view.party = far;
      else delete view.party;
    }
  }
  // The party shown is one of the call's (so the same event again changes nothing).
  if (view.party !== undefined && !view.parties.includes(view.party)) view.parties = [...view.parties, view.party];
  // The agent who confers talks to everyone; a call merged before its answer reached us is talking.
  if (event.this === me || view.phase === 'ringing' || view.phase === 'dialing') setPhase(view, 'connected', at);
  return put(base ? state : keyTaken(state), view, calls);
}
