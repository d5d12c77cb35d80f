// Auto-answer (a setting): a call ringing at the agent is answered by itself after a few seconds,
// unless the agent acts first or it stops ringing. The toolbar shows when it will happen.
import type { Settings } from '../../common/settings/schema.ts';
import type { CommandOutcome, CoreState } from '../../common/state/types.ts';
import type { Clock } from './clock.ts';

export class AutoAnswer {
  private pending: { c1: number; at: number; timer: unknown } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly answer: (c1: number) => Promise<CommandOutcome>,
    private readonly log: (message: string) => void,
  ) {}

  /** The call to be answered and when (ms, wall clock), for the toolbar. */
  get planned(): { c1: number; at: number } | undefined {
    return this.pending && { c1: this.pending.c1, at: this.pending.at };
  }

  /** Follows the calls: plans the answer of a call that starts ringing, drops it when it stops. */
  update(calls: CoreState['calls'], setting: Settings['autoAnswer']): void {
    const ringing = Object.values(calls).find((c) => c.phase === 'ringing' && !c.placedByMe);
    if (this.pending && ringing?.c1 !== this.pending.c1) this.cancel();
    if (!setting.enabled || !ringing || this.pending) return;
    const { c1 } = ringing;
    const ms = setting.afterSeconds * 1000;
    const timer = this.clock.setTimeout(() => {
      this.pending = undefined;
      void this.answer(c1).then((outcome) => {
        if (!outcome.ok) this.log(`auto-answer of call ${c1} refused: ${outcome.message.en}`);
      });
    }, ms);
    this.pending = { c1, at: this.clock.now() + ms, timer };
  }

  /** The agent answered (or the app stops): nothing left to do. */
  cancel(): void {
    if (this.pending) this.clock.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}
