// What happened to the agent's calls from one core state to the next, as facts the features
// subscribe to: a call rang, was answered, ended (gone, and not back under another id after a
// transfer or conference), with the time it was held.
import type { CallView, CoreState } from '../../common/state/types.ts';

export type CallFact =
  | { kind: 'rang'; call: CallView }
  | { kind: 'answered'; call: CallView }
  | { kind: 'ended'; call: CallView; endedAt: number; holdMs: number };

export class CallLifecycle {
  private last: CoreState['calls'] = {};
  /** Hold time so far of the calls in progress, by when they started. */
  private readonly holdMs = new Map<number, number>();

  constructor(private readonly now: () => number) {}

  /** The facts since the calls last seen, in order: ended first, then rang and answered. */
  follow(calls: CoreState['calls']): CallFact[] {
    if (calls === this.last) return [];
    const before = this.last;
    this.last = calls;
    const now = this.now();
    const facts: CallFact[] = [];
    const byStart = new Map(Object.values(calls).map((c) => [c.startedAt, c]));
    for (const call of Object.values(before)) {
      const next = byStart.get(call.startedAt);
      if (call.phase === 'held' && next?.phase !== 'held') this.holdMs.set(call.startedAt, (this.holdMs.get(call.startedAt) ?? 0) + now - call.since);
      if (next) continue;
      facts.push({ kind: 'ended', call, endedAt: now, holdMs: this.holdMs.get(call.startedAt) ?? 0 });
      this.holdMs.delete(call.startedAt);
    }
    for (const call of Object.values(calls)) {
      const was = before[call.c1];
      if (call.phase === 'ringing' && !call.placedByMe && was?.phase !== 'ringing') facts.push({ kind: 'rang', call });
      if (call.answeredAt !== undefined && was !== undefined && was.answeredAt === undefined) facts.push({ kind: 'answered', call });
    }
    return facts;
  }
}
