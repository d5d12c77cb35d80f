// How the app core's state reaches its listeners (the toolbar over IPC, the tray, the shell):
// at most one push per frame however fast the server talks, and listeners that care about one
// part of the state are called only when that part changes.
import { systemClock, type Clock } from '../time/clock.ts';

/** A frame at 60 Hz: more pushes than this would never be painted. */
export const PUSH_INTERVAL_MS = 1000 / 60;

/**
 * Calls `flush` at most once per interval. A change after a quiet spell goes out at once (a
 * ringing call is never held back); the rest of a burst is folded into one trailing flush, so the
 * last state always goes out.
 */
export class PushCoalescer {
  private lastFlush = -Infinity;
  private pending: unknown;

  private readonly flush: () => void;
  private readonly intervalMs: number;
  private readonly clock: Clock;

  constructor(flush: () => void, intervalMs = PUSH_INTERVAL_MS, clock: Clock = systemClock) {
    this.flush = flush;
    this.intervalMs = intervalMs;
    this.clock = clock;
  }

  request(): void {
    if (this.pending !== undefined) return;
    const wait = this.lastFlush + this.intervalMs - this.clock.monotonic();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.pending = this.clock.setTimeout(() => {
      this.pending = undefined;
      this.run();
    }, wait);
  }

  /** Drops a flush that was waiting (the app is stopping). */
  cancel(): void {
    if (this.pending !== undefined) this.clock.clearTimeout(this.pending);
    this.pending = undefined;
  }

  private run(): void {
    this.lastFlush = this.clock.monotonic();
    this.flush();
  }
}

/**
 * Wraps a listener so it is called only when what `select` picks from the state changes
 * (compared as JSON: the selections are small plain data), and once at the start.
 */
export function whenChanged<S, T>(select: (state: S) => T, listener: (value: T) => void): (state: S) => void {
  let last: string | undefined;
  return (state) => {
    const value = select(state);
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    listener(value);
  };
}

/** The listeners of the app core's state, told at most once a frame. */
export class StatePublisher<S> {
  private readonly listeners = new Set<(state: S) => void>();
  private readonly push: PushCoalescer;

  private readonly build: () => S;
  /** A listener that throws: told here, and the other listeners still hear of the state. */
  private readonly onListenerError: (error: unknown) => void;

  constructor(build: () => S, clock: Clock = systemClock, onListenerError: (error: unknown) => void = () => undefined) {
    this.build = build;
    this.onListenerError = onListenerError;
    this.push = new PushCoalescer(() => this.pushNow(), PUSH_INTERVAL_MS, clock);
  }

  /** Every pushed state. */
  onState(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Only when what `select` picks changes, and once now. */
  onChange<T>(select: (state: S) => T, listener: (value: T) => void): () => void {
    const changed = whenChanged(select, listener);
    changed(this.build());
    return this.onState(changed);
  }

  /** Something changed: the listeners hear of it within a frame. */
  changed(): void {
    if (this.listeners.size > 0) this.push.request();
  }

  /** Drops a push that was waiting (the app is stopping). */
  cancel(): void {
    this.push.cancel();
  }

  private pushNow(): void {
    if (this.listeners.size === 0) return;
    const state = this.build();
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
