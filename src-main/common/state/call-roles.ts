// Which of the agent's calls is which: the one call the agent is on (the active call, which the
// keys and the first card act on), a consult and the call it was started from (the only two calls
// a transfer or conference joins), and where a call's clock starts. Pure, for the core, the
// shortcuts and the toolbar alike.
import { CallType } from '../protocol/codes.ts';
import { busyCalls } from './call-facts.ts';
import type { CallView, CoreState } from './types.ts';

type Calls = CoreState['calls'] | readonly CallView[];
const list = (calls: Calls): CallView[] =>
  Array.isArray(calls) ? [...(calls as readonly CallView[])] : Object.values(calls);

/** The latest of `calls` by `at`, ties to the higher key (the call seen later). */
function latest(calls: CallView[], at: (c: CallView) => number): CallView | undefined {
  return calls.reduce<CallView | undefined>((best, c) => {
    if (!best || at(c) > at(best)) return c;
    // Stryker disable next-line EqualityOperator: keys are unique, so ">=" differs only for two calls with one key
    const seenLater = c.key > best.key;
    return at(c) === at(best) && seenLater ? c : best;
  }, undefined);
}

/** The call the agent is on: the one talking (the last answered or retrieved, when a switch left
 *  two talking), else the one the agent is placing. A call ringing in or on hold is never active.
 *  Calls unconfirmed since a reconnect count only when no confirmed call qualifies. */
export function activeCall(calls: Calls): CallView | undefined {
  const all = list(calls);
  const confirmed = busyCalls(Object.fromEntries(all.map((c) => [c.c1, c])));
  return activeAmong(confirmed) ?? activeAmong(all);
}

function activeAmong(calls: CallView[]): CallView | undefined {
  const talking = latest(
    calls.filter((c) => c.phase === 'connected'),
    (c) => c.since,
  );
  const placing = (c: CallView) => c.phase === 'dialing' || (c.phase === 'ringing' && c.placedByMe);
  return talking ?? latest(calls.filter(placing), (c) => c.startedAt);
}

/** Of the calls on hold that `which` keeps, the one put on hold last. */
export function lastHeld(calls: Calls, which: (c: CallView) => boolean = () => true): CallView | undefined {
  return latest(
    list(calls).filter((c) => c.phase === 'held' && which(c)),
    (c) => c.since,
  );
}

/** The agent's calls in the order the toolbar lists them: the active call first, then as first seen. */
export function callsInOrder(calls: Calls): CallView[] {
  const active = activeCall(calls);
  return list(calls).sort((a, b) => Number(b === active) - Number(a === active) || a.key - b.key);
}

/**
 * A consult call and the call it was started from, when the agent has exactly that pair: the only
 * calls a transfer or conference may join. The reducer marks the held call a consult (ctype 4)
 * starts from as `consult` too, so the leg is the ctype 4 call and its origin the other marked one;
 * none marked, the one other call on hold.
 * A server that sends no ctype at all: a call the agent placed beside one on hold (neither typed).
 * Two unrelated calls (say two customers, one on hold) are never a pair.
 */
export function consultPair(calls: Calls): { leg: CallView; origin: CallView } | undefined {
  const all = list(calls);
  const legs = all.filter((c) => c.ctype === CallType.Consult);
  const origins = all.filter((c) => c.consult && c.ctype !== CallType.Consult);
  if (legs.length === 1 && origins.length === 1) return { leg: legs[0]!, origin: origins[0]! };
  // The origin not marked (the consult was seen before the hold): the one call on hold beside it.
  const othersHeld = all.filter((c) => c !== legs[0] && c.phase === 'held');
  if (legs.length === 1 && origins.length === 0 && othersHeld.length === 1)
    return { leg: legs[0]!, origin: othersHeld[0]! };
  // (A consult leg is typed, so none gets past this.)
  if (all.length !== 2 || all.some((c) => c.ctype !== undefined)) return undefined;
  const leg = all.find((c) => c.placedByMe && c.phase !== 'held');
  const origin = all.find((c) => c.phase === 'held'); // never the leg: it is not on hold
  return leg && origin ? { leg, origin } : undefined;
}

/** When the call's clock starts: its answer, through hold, retrieve, transfer and conference; until
 *  then (ringing, dialing) when it was first seen. */
export function callClockStart(call: CallView): number {
  return call.answeredAt ?? call.startedAt;
}

/** When the hold under way began, if the call is on hold. */
export function holdClockStart(call: CallView): number | undefined {
  return call.phase === 'held' ? call.since : undefined;
}
