// Calls still shown from before a reconnect and not heard of since: the switch may have ended them
// during the outage, and the protocol cannot be asked. Each gets a grace period from the resync
// that marked it; an event in that time confirms it, otherwise it is dropped. The agent can drop
// one at once. (A command the switch refuses on one drops it too: the session does that.)
import type { CoreState } from '../../common/state/types.ts';
import type { Clock } from './clock.ts';

export class UnconfirmedCalls {
  /** Grace timers, by call key. */
  private readonly timers = new Map<number, unknown>();

  constructor(
    private readonly clock: Clock,
    /** Drops the call if it is still unconfirmed; false if it is not (confirmed meanwhile, or gone). */
    private readonly forget: (c1: number) => boolean,
  ) {}

  /** Starts the grace of calls newly unconfirmed, ends it for calls confirmed or gone. */
  follow(calls: CoreState['calls'], graceMs: number): void {
    const unconfirmed = new Map(Object.values(calls).flatMap((c) => (c.unconfirmed ? [[c.key, c.c1] as const] : [])));
    for (const [key, timer] of this.timers) {
      if (unconfirmed.has(key)) continue;
      this.clock.clearTimeout(timer);
      this.timers.delete(key);
    }
    for (const [key, c1] of unconfirmed) {
      if (this.timers.has(key)) continue;
      // An unconfirmed call keeps its c1: only an event could rename it, and any event confirms it.
      const expire = () => {
        this.timers.delete(key);
        this.forget(c1);
      };
      this.timers.set(key, this.clock.setTimeout(expire, graceMs));
    }
  }

  /** The agent dismissed the call. */
  dismiss(c1: number): boolean {
    return this.forget(c1);
  }

  cancel(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
