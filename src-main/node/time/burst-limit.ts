// At most `max` of something in any `windowMs`: the first is never delayed, the ones beyond the
// limit are counted, not queued, and once the burst is over the count is reported once ("12 more
// calls rang"), so a flood from a server cannot bury the agent in windows and notifications.
import type { Clock } from './clock.ts';

export interface BurstLimitOptions {
  max: number;
  windowMs: number;
  clock: Pick<Clock, 'monotonic' | 'setTimeout' | 'clearTimeout'>;
  /** Called once after a burst with how many were held back. */
  summarise(heldBack: number): void;
}

export const EFFECT_BURST = { max: 5, windowMs: 10_000 } as const;

export class BurstLimit {
  /** When the ones let through in the current window happened (at most `max`). */
  private recent: number[] = [];
  private heldBack = 0;
  private timer: unknown;
  /** When the window of the oldest one let through closes: the summary's timer is set for then. */
  private windowEnds = 0;

  private readonly options: BurstLimitOptions;

  constructor(options: BurstLimitOptions) {
    this.options = options;
  }

  /** True when this one may go ahead now; false when it is counted for the summary instead. */
  allow(): boolean {
    const now = this.options.clock.monotonic();
    this.recent = this.recent.filter((t) => now - t < this.options.windowMs);
    if (this.recent.length < this.options.max) {
      this.recent.push(now);
      return true;
    }
    this.heldBack++;
    // The summary comes when the window of the oldest one let through closes.
    if (this.timer === undefined) {
      this.windowEnds = this.recent[0]! + this.options.windowMs;
      this.timer = this.options.clock.setTimeout(() => this.flush(), this.windowEnds - now);
    }
    return false;
  }

  private flush(): void {
    this.timer = undefined;
    // Node's timers may fire a ms or two before performance.now() says they are due: the window the
    // timer was set for is over all the same, so one held back can go ahead from the summary.
    this.recent = this.recent.filter((t) => t + this.options.windowMs > this.windowEnds);
    const held = this.heldBack;
    this.heldBack = 0;
    if (held > 0) this.options.summarise(held);
  }

  stop(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
