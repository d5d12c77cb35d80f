// Requests waiting for their response. nxproxy_rio answers with the request echoed plus `result`,
// so a response is matched to the oldest pending request with the same key (matchKey): its fname
// and identifying fields, whatever types the server echoes. Each request ends exactly once.
//
// A request that timed out leaves a marker in its place for one more timeout period: the server
// answers in order, so the next response with that key is the late one and must not be handed to
// a newer request with the same key.

export type Settled = { kind: 'result'; result: number } | { kind: 'timeout' } | { kind: 'disconnected' };
export type Delivery = 'delivered' | 'late' | 'unmatched';

interface Pending {
  settle: (outcome: Settled) => void;
  timer: NodeJS.Timeout;
  /** Set once timed out: the slot now only absorbs the late response, until this time. */
  lateUntil?: number;
}

export class RequestTracker {
  private readonly pending = new Map<string, Pending[]>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Requests still waiting (not counting timed-out slots). */
  get size(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.filter((p) => p.lateUntil === undefined).length;
    return n;
  }

  /** Waits for the response to a request with this key, or times out. */
  track(key: string, timeoutMs: number): Promise<Settled> {
    return new Promise((resolve) => {
      const entry: Pending = {
        settle: resolve,
        timer: setTimeout(() => {
          entry.lateUntil = this.now() + timeoutMs;
          resolve({ kind: 'timeout' });
          // The late window over with no answer: the slot goes, so unanswered requests cannot pile up.
          entry.timer = setTimeout(() => this.forget(key, entry), timeoutMs);
        }, timeoutMs),
      };
      const list = this.pending.get(key);
      if (list) list.push(entry);
      else this.pending.set(key, [entry]);
    });
  }

  /** Keys held: waiting requests and timed-out slots still inside their late window. */
  get keys(): number {
    return this.pending.size;
  }

  private forget(key: string, entry: Pending): void {
    const list = this.pending.get(key);
    if (!list) return;
    const rest = list.filter((p) => p !== entry);
    if (rest.length === 0) this.pending.delete(key);
    else this.pending.set(key, rest);
  }

  /** Delivers a response to the oldest request waiting for it. */
  resolve(key: string | undefined, result: number): Delivery {
    // Stryker disable next-line ConditionalExpression: the map holds no undefined key, so get() would answer the same
    if (key === undefined) return 'unmatched';
    const list = this.pending.get(key);
    if (!list) return 'unmatched';
    const now = this.now();
    // Timed-out slots whose late window is over are dropped: their answer is not coming.
    while ((list[0]?.lateUntil ?? Infinity) < now) list.shift();
    const entry = list.shift();
    // Stryker disable next-line ConditionalExpression,CallExpression: keeping an empty list answers like deleting it (it only frees memory)
    if (list.length === 0) this.pending.delete(key);
    if (!entry) return 'unmatched';
    // Stryker disable next-line CallExpression: a settled promise ignores the later timeout, and forgetting a slot already gone changes nothing; clearing only frees the timer
    clearTimeout(entry.timer);
    if (entry.lateUntil !== undefined) return 'late';
    entry.settle({ kind: 'result', result });
    return 'delivered';
  }

  /** The connection is gone: every waiting request ends now. */
  failAll(): void {
    const all = [...this.pending.values()].flat();
    this.pending.clear();
    for (const entry of all) {
      // Stryker disable next-line CallExpression: a settled promise ignores the later timeout; clearing only frees the timer
      clearTimeout(entry.timer);
      entry.settle({ kind: 'disconnected' }); // a no-op for a slot that already timed out
    }
  }
}
