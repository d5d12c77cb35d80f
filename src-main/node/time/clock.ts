// The one clock the core is given (the app's features, the write-behind), so tests drive time
// without sleeping: wall time for what is shown and stored, timers for what waits.

export interface Clock {
  /** Wall time, ms since the epoch: what is shown and stored. */
  now(): number;
  /** Monotonic ms: for spacing and durations, which a wall-clock jump must not disturb. */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
