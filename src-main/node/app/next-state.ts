// "Next state after this call" (as in Amazon Connect): the agent picks Ready, Not ready, After
// work or Log off during a call, and it is applied once, when the agent has no call left.
import type { NextState } from '../../common/ipc/contract.ts';
import type { CommandOutcome, CoreState } from '../../common/state/types.ts';

export class NextStateAfterCall {
  private chosen: NextState = null;
  private hadCalls = false;

  constructor(
    private readonly apply: (next: NonNullable<NextState>) => Promise<CommandOutcome> | undefined,
    private readonly log: (message: string) => void,
  ) {}

  get value(): NextState {
    return this.chosen;
  }

  set(next: NextState): void {
    this.chosen = next;
  }

  /** Follows the calls; when the last one ends, applies the chosen state (once) and resolves. */
  async update(calls: CoreState['calls']): Promise<void> {
    const hasCalls = Object.keys(calls).length > 0;
    const ended = this.hadCalls && !hasCalls;
    this.hadCalls = hasCalls;
    const next = this.chosen;
    if (!ended || !next) return;
    const outcome = this.apply(next);
    if (!outcome) return; // no session: kept for when there is one
    this.chosen = null;
    const result = await outcome;
    if (!result.ok) this.log(`next state ${next.state} refused: ${result.message.en}`);
  }
}
