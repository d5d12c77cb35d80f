// What happened to the agent's calls from one core state to the next (rang, answered, renamed,
// ended), as the facts the features subscribe to; the reducer's call keys tell a call renamed by a
// transfer from one that ended.
import { callFacts, type CallFact } from '../../../common/state/call-facts.ts';
import type { CoreState } from '../../../common/state/types.ts';

export type { CallFact };

export class CallLifecycle {
  private last: CoreState['calls'] = {};

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** The facts since the calls last seen. */
  follow(calls: CoreState['calls']): CallFact[] {
    const facts = callFacts(this.last, calls, this.now());
    this.last = calls;
    return facts;
  }
}
