// What happened to the agent's calls from one state to the next, as facts the app's features
// subscribe to (history, hooks, next state, auto-answer). Calls are followed by their `key`, so a
// call renamed by a transfer or conference has not ended, and two calls that start in the same
// millisecond are two calls.
import type { CallView, CoreState } from './types.ts';
import type { EndedBy } from './call-end.ts';

export type CallFact =
  | { kind: 'rang'; call: CallView }
  | { kind: 'answered'; call: CallView }
  /** A transfer or conference gave the call another id (`from` was its id until now). */
  | { kind: 'renamed'; call: CallView; from: number }
  /** `call` as last seen; `holdMs` is all its time on hold, a hold under way counted up to `endedAt`;
   *  `endedBy` as the events told it (ended-calls.ts). */
  | { kind: 'ended'; call: CallView; endedAt: number; holdMs: number; endedBy?: EndedBy };

/** The calls that keep the agent busy: not those unconfirmed since a reconnect (most likely ended
 *  during the outage; they go when a command on them is refused, their grace runs out or the agent
 *  dismisses them). */
export function busyCalls(calls: CoreState['calls']): CallView[] {
  return Object.values(calls).filter((c) => !c.unconfirmed);
}

/** All of a call's time on hold up to `at`. */
export function heldMsAt(call: CallView, at: number): number {
  return (call.heldMs ?? 0) + (call.phase === 'held' ? at - call.since : 0);
}

/** The facts from `before` to `after` (at `at`): the calls that ended first, then for each call
 *  still there whether it was renamed, rang, was answered. */
export function callFacts(before: CoreState['calls'], after: CoreState['calls'], at: number): CallFact[] {
  if (before === after) return [];
  const was = new Map(Object.values(before).map((c) => [c.key, c]));
  const now = new Map(Object.values(after).map((c) => [c.key, c]));
  const facts: CallFact[] = [];
  for (const [key, call] of was)
    if (!now.has(key)) facts.push({ kind: 'ended', call, endedAt: at, holdMs: heldMsAt(call, at) });
  for (const [key, call] of now) {
    const prev = was.get(key);
    if (prev && prev.c1 !== call.c1) facts.push({ kind: 'renamed', call, from: prev.c1 });
    // A call first seen unconfirmed was put back after a restart: it rang before, in the last run.
    const fresh = prev !== undefined || !call.unconfirmed;
    if (fresh && call.phase === 'ringing' && !call.placedByMe && prev?.phase !== 'ringing')
      facts.push({ kind: 'rang', call });
    if (call.answeredAt !== undefined && prev !== undefined && prev.answeredAt === undefined)
      facts.push({ kind: 'answered', call });
  }
  return facts;
}
