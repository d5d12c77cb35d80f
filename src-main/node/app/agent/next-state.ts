// "Next state after this call" (as in Amazon Connect): the agent picks Ready, Not ready, After
// work or Log off during a call, and it is applied once, when a call ends and leaves the agent
// with no call (a call unconfirmed since a reconnect does not count: it most likely ended). The
// site's after-call work (after-call-work.ts) may turn it into After work: `effective` says so.
import type { NextState } from '../../../common/state/next-state-schema.ts';
import { busyCalls, type CallFact } from '../../../common/state/call-facts.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';

export class NextStateAfterCall {
  private chosen: NextState = null;

  private readonly apply: (next: NonNullable<NextState>) => Promise<CommandOutcome> | undefined;
  private readonly log: (message: string) => void;
  /** What is applied for the agent's choice; by default the choice itself. */
  private readonly effective: (chosen: NextState) => NextState;

  constructor(
    apply: (next: NonNullable<NextState>) => Promise<CommandOutcome> | undefined,
    log: (message: string) => void,
    effective: (chosen: NextState) => NextState = (chosen) => chosen,
  ) {
    this.apply = apply;
    this.log = log;
    this.effective = effective;
  }

  /** What will be applied when the last call ends. */
  get applied(): NextState {
    return this.effective(this.chosen);
  }

  get value(): NextState {
    return this.chosen;
  }

  set(next: NextState): void {
    this.chosen = next;
  }

  /** Follows the call facts; when the last call ends, applies the chosen state (once) and resolves. */
  async follow(facts: readonly CallFact[], calls: CoreState['calls']): Promise<void> {
    const next = this.applied;
    if (!next || !facts.some((f) => f.kind === 'ended') || busyCalls(calls).length > 0) return;
    const outcome = this.apply(next);
    if (!outcome) return; // no session: kept for when there is one
    this.chosen = null;
    const result = await outcome;
    if (!result.ok) this.log(`next state ${next.state} refused: ${result.message.en}`);
  }
}
