// Colleagues' lines at a glance (the busy-lamp field): the directory's extensions, each watched
// with its own monitor, shown idle / ringing / on a call / on hold from the call events whose
// `this` is that extension, and Ready / Not ready / After work / logged off where agent events
// come for it. Kept apart from the agent's own calls and state: nothing here touches them.
// The guide has no query, so a line is "unknown" until its first event, and again after a
// reconnect (the switch may have moved on meanwhile).
import { EventId } from '../protocol/codes.ts';
import type { CtiEvent } from '../protocol/frames.ts';
import { agentStateOfEvent } from './agent-events.ts';
import type { AgentStateName } from './types.ts';

export type LineState = 'unknown' | 'idle' | 'ringing' | 'onCall' | 'held';
type CallPhase = 'ringing' | 'onCall' | 'held';

/** Why a colleague's line is not watched. */
export type Unavailable =
  /** The server refused the monitor (-4009 MONITOR_ADD_FAIL, or another code). */
  | { why: 'refused'; code: number | string }
  /** Beyond the number of lines the settings let the toolbar watch. */
  | { why: 'limit'; limit: number };

export interface ColleagueLine {
  device: string;
  /** pending: the monitor is being (re-)added; watched: added; unavailable: see `unavailable`. */
  monitor: 'pending' | 'watched' | 'unavailable';
  unavailable?: Unavailable;
  line: LineState;
  /** ms epoch the line entered its state (time in state). */
  lineSince: number;
  /** The colleague's calls by c1, as their events told. */
  calls: Record<number, CallPhase>;
  /** The agent logged on at that extension, where agent events came for it. */
  agent?: { state: AgentStateName; reason?: number; since: number };
}

export type Colleagues = Record<string, ColleagueLine>;

/** Calls one colleague is followed in at once: a phone has a handful; a flood is not kept. */
const MAX_CALLS_EACH = 8;

function unknownLine(device: string, at: number): ColleagueLine {
  return { device, monitor: 'pending', line: 'unknown', lineSince: at, calls: {} };
}

/**
 * The lines for `devices` (directory order, the agent's own extension and queues already left
 * out): the first `limit` to watch, the rest unavailable. A line kept keeps what is known of it.
 */
export function withColleagues(current: Colleagues, devices: readonly string[], limit: number, at: number): Colleagues {
  const next: Colleagues = {};
  for (const [index, device] of [...new Set(devices)].entries()) {
    const kept = current[device];
    if (index >= limit) {
      const same = kept?.unavailable?.why === 'limit' && kept.unavailable.limit === limit;
      next[device] = same
        ? kept
        : { ...(kept ?? unknownLine(device, at)), monitor: 'unavailable', unavailable: { why: 'limit', limit } };
    } else if (kept && kept.unavailable?.why !== 'limit') {
      next[device] = kept;
    } else {
      next[device] = unknownLine(device, at);
    }
  }
  return sameLines(current, next) ? current : next;
}

/** The same lines, in the same order (a settings save that left the directory as it was). */
function sameLines(a: Colleagues, b: Colleagues): boolean {
  const keys = Object.keys(b);
  const before = Object.keys(a);
  if (keys.length !== before.length) return false;
  return keys.every((device, i) => before[i] === device && a[device] === b[device]);
}

/** The server's answer to a colleague's addmonitor. */
export function monitorAnswered(current: Colleagues, device: string, refusal?: number | string): Colleagues {
  const line = current[device];
  if (!line || line.monitor === 'unavailable') return current;
  if (refusal === undefined)
    return line.monitor === 'watched' ? current : { ...current, [device]: { ...line, monitor: 'watched' } };
  const { unavailable: _old, ...rest } = line;
  return { ...current, [device]: { ...rest, monitor: 'unavailable', unavailable: { why: 'refused', code: refusal } } };
}

/** After a reconnect: every line unknown again until its next event, its monitor being added again. */
export function colleaguesReconnected(current: Colleagues, at: number): Colleagues {
  const next: Colleagues = {};
  for (const [device, line] of Object.entries(current))
    next[device] = line.unavailable?.why === 'limit' ? line : unknownLine(device, at);
  return next;
}

/** What a colleague's calls show: a call talked on first, then one held, then one ringing. */
function lineOf(calls: Record<number, CallPhase>): LineState {
  const phases = Object.values(calls);
  if (phases.includes('onCall')) return 'onCall';
  if (phases.includes('held')) return 'held';
  if (phases.includes('ringing')) return 'ringing';
  return 'idle';
}

function withCalls(line: ColleagueLine, calls: Record<number, CallPhase>, at: number): ColleagueLine {
  const shown = lineOf(calls);
  return { ...line, calls, line: shown, lineSince: shown === line.line ? line.lineSince : at };
}

function without(calls: Record<number, CallPhase>, ids: (number | undefined)[]): Record<number, CallPhase> {
  const copy: Record<number, CallPhase> = {};
  for (const key in calls) if (!ids.includes(Number(key))) copy[key] = calls[key]!;
  return copy;
}

/** The phase of colleague `device`'s call `c1` after `event` at its `this` (undefined: the call left it). */
function phaseAfter(event: CtiEvent, device: string, before: CallPhase | undefined): CallPhase | undefined | 'same' {
  switch (event.id) {
    case EventId.Delivered:
      // Ringing at them, or their own call ringing elsewhere; never takes back an answer.
      if (before === 'onCall' || before === 'held') return 'same';
      // Stryker disable next-line OptionalChaining: reached only with a call id, so `event.call` is always there
      return event.call?.other === device ? 'onCall' : 'ringing';
    case EventId.ServiceInitiated:
    case EventId.Originated:
    case EventId.Established:
    case EventId.Retrieved:
      return 'onCall';
    case EventId.Held:
      return 'held';
    case EventId.ConnectionCleared:
    case EventId.Diverted:
      return undefined;
    default:
      return 'same';
  }
}

/** An event's bearing on the colleagues' lines; the same object when it has none. */
export function reduceColleagues(current: Colleagues | undefined, event: CtiEvent, at: number): Colleagues | undefined {
  if (current === undefined) return current;
  const device = event.this;
  // A line not watched stays as it is, even where the agent's own monitor tells of it.
  const own = device === undefined || current[device]?.monitor === 'unavailable' ? undefined : current[device];
  const agentState = agentStateOfEvent(event.id);
  if (agentState !== undefined) return own ? withAgent(current, own, agentState, event, at) : current;
  const call = event.call ?? {};
  const c1 = call.c1;
  if (c1 === undefined) return current;
  if (event.id === EventId.CallCleared || event.id === EventId.Transferred || event.id === EventId.Conferenced) {
    const next = merged(current, event, at);
    // The transferring colleague is out of the call that goes on.
    if (event.id !== EventId.Transferred || !own) return next;
    const left = next[own.device]!;
    const ids = [c1, call.c2, call.c3];
    if (!ids.some((id) => id !== undefined && left.calls[id] !== undefined)) return next;
    return { ...next, [own.device]: withCalls(left, without(left.calls, ids), at) };
  }
  if (!own) return current;
  const before = own.calls[c1];
  const phase = phaseAfter(event, own.device, before);
  if (phase === 'same' || phase === before) {
    // A first event is news even when the call changes nothing: the line is known now.
    return own.line === 'unknown' ? { ...current, [own.device]: withCalls(own, own.calls, at) } : current;
  }
  if (phase === undefined) return { ...current, [own.device]: withCalls(own, without(own.calls, [c1]), at) };
  if (before === undefined && Object.keys(own.calls).length >= MAX_CALLS_EACH) return current;
  return { ...current, [own.device]: withCalls(own, { ...own.calls, [c1]: phase }, at) };
}

/** CallCleared ends `c1` for every colleague in it; a transfer or conference re-keys the merged calls to `c1`. */
function merged(current: Colleagues, event: CtiEvent, at: number): Colleagues {
  const { c1, c2, c3 } = event.call ?? {};
  const cleared = event.id === EventId.CallCleared;
  let next = current;
  for (const line of Object.values(current)) {
    const ids = cleared ? [c1] : [c2, c3].filter((id) => id !== c1);
    const kept = ids.map((id) => (id === undefined ? undefined : line.calls[id])).find((p) => p !== undefined);
    if (!ids.some((id) => id !== undefined && line.calls[id] !== undefined)) continue;
    const calls = without(line.calls, ids);
    if (!cleared && kept !== undefined && c1 !== undefined) calls[c1] ??= kept;
    if (next === current) next = { ...current };
    next[line.device] = withCalls(line, calls, at);
  }
  return next;
}

function withAgent(
  current: Colleagues,
  line: ColleagueLine,
  state: AgentStateName,
  event: CtiEvent,
  at: number,
): Colleagues {
  const reason = event.agent?.reason;
  const before = line.agent;
  const same = before?.state === state && before.reason === reason;
  if (same && line.line !== 'unknown') return current;
  const agent = { state, since: same ? before.since : at, ...(reason !== undefined ? { reason } : {}) };
  // An agent event says the extension is there: a line never heard of is idle until a call says otherwise.
  const known = line.line === 'unknown' ? withCalls(line, line.calls, at) : line;
  return { ...current, [line.device]: { ...known, agent } };
}

/** Free to take a call: the line is idle and, where an agent is known there, that agent is Ready. */
export function isFree(line: ColleagueLine): boolean {
  if (line.monitor !== 'watched' || line.line !== 'idle') return false;
  return line.agent === undefined || line.agent.state === 'ready';
}

/** Free colleagues first, then busy ones, then unknown and unavailable; the given order within each. */
export function freeFirst<T>(entries: readonly T[], lineOfEntry: (entry: T) => ColleagueLine | undefined): T[] {
  const rank = (entry: T): number => {
    const line = lineOfEntry(entry);
    if (!line || line.monitor === 'unavailable') return 3;
    if (isFree(line)) return 0;
    return line.line === 'unknown' ? 2 : 1;
  };
  return (
    entries
      .map((entry, index) => ({ entry, index, rank: rank(entry) }))
      // Stryker disable next-line ArithmeticOperator: sort is stable (ES2019), so any tie result keeps the given order
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ entry }) => entry)
  );
}
