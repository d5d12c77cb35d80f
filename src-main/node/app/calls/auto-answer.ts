// Auto-answer (a setting): a call ringing at the agent is answered by itself after a few seconds,
// unless the agent acts first or it stops ringing. The toolbar shows when it will happen.
import type { Settings } from '../../../common/settings/schema.ts';
import type { CallFact } from '../../../common/state/call-facts.ts';
import type { CallView, CommandOutcome } from '../../../common/state/types.ts';
import type { Clock } from '../../time/clock.ts';

export class AutoAnswer {
  private pending: { key: number; c1: number; at: number; timer: unknown } | undefined;

  private readonly clock: Clock;
  private readonly answer: (c1: number) => Promise<CommandOutcome>;
  private readonly log: (message: string) => void;

  constructor(clock: Clock, answer: (c1: number) => Promise<CommandOutcome>, log: (message: string) => void) {
    this.clock = clock;
    this.answer = answer;
    this.log = log;
  }

  /** The call to be answered and when (ms, wall clock), for the toolbar. */
  get planned(): { c1: number; at: number } | undefined {
    return this.pending && { c1: this.pending.c1, at: this.pending.at };
  }

  /** Follows the call facts: plans the answer of a call that rings, drops it once the call is answered or gone. */
  follow(facts: readonly CallFact[], setting: Settings['autoAnswer']): void {
    for (const fact of facts) {
      if (fact.kind === 'rang') this.plan(fact.call, setting);
      else if (this.pending?.key === fact.call.key) {
        if (fact.kind === 'renamed') this.pending.c1 = fact.call.c1;
        else this.cancel(); // answered or gone
      }
    }
  }

  private plan(call: CallView, setting: Settings['autoAnswer']): void {
    if (!setting.enabled || this.pending) return;
    const ms = setting.afterSeconds * 1000;
    const timer = this.clock.setTimeout(() => {
      const { c1 } = this.pending!;
      this.pending = undefined;
      void this.answer(c1).then((outcome) => {
        if (!outcome.ok) this.log(`auto-answer of call ${c1} refused: ${outcome.message.en}`);
      });
    }, ms);
    this.pending = { key: call.key, c1: call.c1, at: this.clock.now() + ms, timer };
  }

  /** The agent answered (or the app stops): nothing left to do. */
  cancel(): void {
    if (this.pending) this.clock.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}
