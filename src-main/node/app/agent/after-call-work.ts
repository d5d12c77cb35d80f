// After-call work (Finesse's wrap-up, Amazon Connect's after-contact work): by the site's setting
// the agent goes to After work when the last call ends (`optional`: unless they picked another next
// state during the call; `required`: always, a Log off picked excepted), and back to Ready by
// itself when `agent.afterCallWorkSeconds` have passed; one click extends it by as much again.
import type { NextState } from '../../../common/state/next-state-schema.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import { busyCalls, type CallFact } from '../../../common/state/call-facts.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';
import type { Clock } from '../../time/clock.ts';

export type AfterCallWorkMode = Settings['agent']['afterCallWork'];

/** The state to apply when the last call ends: the agent's choice, with after-call work as the site wants it. */
export function stateAfterCall(mode: AfterCallWorkMode, chosen: NextState): NextState {
  if (mode === 'off' || chosen?.state === 'loggedOff' || chosen?.state === 'afterWork') return chosen;
  if (mode === 'optional' && chosen) return chosen;
  return { state: 'afterWork', reason: 0 };
}

/**
 * After work entered this long after the last call ended is that call's after-call work (the
 * switch's answer to the next state arrives within a round trip); later, it is the agent's own.
 */
const ENTERED_AFTER_CALL_MS = 10_000;

/** The limit of the after-call work under way: Ready by itself at `until`, unless extended. */
export class AfterCallWorkLimit {
  private until: number | undefined;
  private timer: unknown;
  private lastCallEndedAt = -Infinity;
  private wasAfterWork = false;

  private readonly clock: Clock;
  private readonly ready: () => Promise<CommandOutcome> | undefined;
  private readonly log: (message: string) => void;
  private readonly changed: () => void;

  constructor(
    clock: Clock,
    ready: () => Promise<CommandOutcome> | undefined,
    log: (message: string) => void,
    changed: () => void,
  ) {
    this.clock = clock;
    this.ready = ready;
    this.log = log;
    this.changed = changed;
  }

  /** When the after-call work under way ends by itself; none when none is under way. */
  get planned(): { until: number } | undefined {
    return this.until === undefined ? undefined : { until: this.until };
  }

  follow(core: CoreState, facts: readonly CallFact[], agent: Settings['agent']): void {
    const now = this.clock.now();
    const busy = busyCalls(core.calls).length > 0;
    if (facts.some((f) => f.kind === 'ended') && !busy) this.lastCallEndedAt = now;
    const inAfterWork = core.agent.state === 'afterWork';
    const entered = inAfterWork && !this.wasAfterWork;
    this.wasAfterWork = inAfterWork;
    if (!inAfterWork || busy || agent.afterCallWork === 'off') return this.cancel();
    if (entered && this.until === undefined && now - this.lastCallEndedAt <= ENTERED_AFTER_CALL_MS)
      this.plan(now + agent.afterCallWorkSeconds * 1000);
  }

  /** One more limit's worth of after-call work; false when none is under way. */
  extend(seconds: number): boolean {
    if (this.until === undefined) return false;
    this.plan(Math.max(this.until, this.clock.now()) + seconds * 1000);
    return true;
  }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.until = undefined;
  }

  private plan(until: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.until = until;
    this.timer = this.clock.setTimeout(() => void this.expire(), until - this.clock.now());
    this.changed();
  }

  private async expire(): Promise<void> {
    this.timer = undefined;
    this.until = undefined;
    this.changed();
    const outcome = this.ready();
    if (!outcome) return;
    const result = await outcome;
    if (!result.ok) this.log(`after-call work limit: Ready refused: ${result.message.en}`);
  }
}
