// Calls still shown from before a reconnect (or a restart) and not heard of since: the switch may
// have ended them during the outage, and the protocol cannot be asked. Each gets a grace period
// from the moment the link is up (the resync that marked it, or the first login after a restart);
// an event in that time confirms it, otherwise it is dropped. The agent can drop one at once. (A command the switch refuses on one drops it too: the session does that.)
import type { CoreState } from '../../../common/state/types.ts';
import type { Clock } from '../../time/clock.ts';

export class UnconfirmedCalls {
  /** Grace timers, by call key. */
  private readonly timers = new Map<number, unknown>();

  private readonly clock: Clock;
  /** Drops the call if it is still unconfirmed; false if it is not (confirmed meanwhile, or gone). */
  private readonly forget: (c1: number) => boolean;

  constructor(clock: Clock, forget: (c1: number) => boolean) {
    this.clock = clock;
    this.forget = forget;
  }

  /** Starts the grace of calls unconfirmed once the link is up, ends it for calls confirmed or gone. */
  follow(core: Pick<CoreState, 'calls' | 'connection'>, graceMs: number): void {
    const { calls } = core;
    const unconfirmed = new Map(Object.values(calls).flatMap((c) => (c.unconfirmed ? [[c.key, c.c1] as const] : [])));
    for (const [key, timer] of this.timers) {
      if (unconfirmed.has(key)) continue;
      this.clock.clearTimeout(timer);
      this.timers.delete(key);
    }
    // Before the link is up no event could have confirmed the call: its grace has not begun.
    if (core.connection.status !== 'connected') return;
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
