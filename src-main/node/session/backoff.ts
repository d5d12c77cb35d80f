// When to try again after a connection is lost: at once on the next endpoint, then exponential
// backoff with full jitter (a random wait in [0, min(cap, base * 2^n)]), so that a whole floor of
// toolbars does not reconnect in step after a server restart.

export interface BackoffPolicy {
  /** The ceiling of the first backed-off wait; the first wait is random below it. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/**
 * The wait before attempt number `failures` (1 = the first attempt after a loss, which goes to
 * the next endpoint at once). `random` returns a number in [0, 1).
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (failures <= 1) return 0;
  const exponent = Math.min(failures - 2, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
