// The ACD queues of the simulated switch: calls to a queue wait there (Queued, counted in every
// event's `queue.wqueue`/`wtime`) and are handed, oldest first, to the group's free agent that has
// been idle longest, whenever one is free. A call an agent declines while it rings waits again,
// first in line: it goes to the next free agent, and when none is free, back to the agent who
// declined it once `offerDeclinedAgainMs` has passed (as real ACDs redirect on no answer), so the
// caller is never left waiting for an agent who will never come.
import { EventId } from '../../common/protocol/codes.ts';
import type { Call, CallTable } from './call-table.ts';
import { watchers, type QueueInfo, type SwitchEvents } from './events.ts';

export interface QueuesOptions {
  queues: readonly { dn: string; group: number }[];
  table: CallTable;
  events: SwitchEvents;
  now: () => number;
  /** How long a call declined at a device is not offered there again. */
  offerDeclinedAgainMs: number;
  setTimer: (fn: () => void, ms: number) => void;
  /** The device of the group's agent that should get the next call, if one is free (`passOver`: not these). */
  nextAgent: (group: number, passOver: (device: string) => boolean) => string | undefined;
  /** Rings a waiting call at an agent's device. */
  ring: (call: Call, device: string) => void;
}

export class Queues {
  private readonly groups: Map<string, number>;
  /** Waiting call ids per queue, oldest first. */
  private readonly waiting = new Map<string, number[]>();
  /** The devices that declined a call, and when: it is not rung there again for a while. */
  private readonly declined = new WeakMap<Call, Map<string, number>>();

  private readonly options: QueuesOptions;

  constructor(options: QueuesOptions) {
    this.options = options;
    this.groups = new Map(options.queues.map((q) => [q.dn, q.group]));
    for (const q of options.queues) this.waiting.set(q.dn, []);
  }

  has(dn: string): boolean {
    return this.groups.has(dn);
  }

  /** The call waits in `queue` (Queued) and goes to an agent at once if one is free. */
  enqueue(call: Call, queue: string): void {
    call.queue = queue;
    call.acd = true;
    call.queuedAt = this.options.now();
    this.waiting.get(queue)?.push(call.c1);
    this.options.events.call(EventId.Queued, queue, call, watchers(call));
    this.distribute(queue);
  }

  /** A call declined at `device` while ringing there waits again, first in line (Queued again),
   *  for another agent; the one who declined it may get it again after `offerDeclinedAgainMs`. */
  requeue(call: Call, queue: string, declinedBy: string): void {
    const declined = this.declined.get(call) ?? new Map<string, number>();
    declined.set(declinedBy, this.options.now());
    this.declined.set(call, declined);
    const ids = this.waiting.get(queue);
    if (!ids) return;
    if (!ids.includes(call.c1)) ids.unshift(call.c1);
    this.options.events.call(EventId.Queued, queue, call, watchers(call));
    this.distribute(queue);
    // A little after the time, so the clock has surely moved past it.
    this.options.setTimer(() => this.distribute(queue), this.options.offerDeclinedAgainMs + 10);
  }

  /** The call waits no more (it is ending). */
  unqueue(call: Call): void {
    const ids = call.queue ? this.waiting.get(call.queue) : undefined;
    const at = ids?.indexOf(call.c1) ?? -1;
    if (ids && at >= 0) ids.splice(at, 1);
  }

  /** Hands waiting calls of every queue to free agents. */
  distributeAll(): void {
    for (const queue of this.waiting.keys()) this.distribute(queue);
  }

  info(dn: string): QueueInfo {
    const now = this.options.now();
    const ids = this.waiting.get(dn) ?? [];
    const oldest = ids.map((c1) => this.options.table.get(c1)?.queuedAt ?? now).reduce((a, b) => Math.min(a, b), now);
    return { dn, wqueue: ids.length, wtime: Math.round((now - oldest) / 1000) };
  }

  /** A restart: nobody waits any more. */
  forget(): void {
    for (const ids of this.waiting.values()) ids.length = 0;
  }

  snapshot() {
    return [...this.waiting.keys()].map((dn) => {
      const info = this.info(dn);
      return { dn, waiting: info.wqueue, longestWaitSec: info.wtime };
    });
  }

  /** Hands waiting calls of the queue to its longest-idle Ready agents that are free. */
  private distribute(queue: string): void {
    const ids = this.waiting.get(queue);
    const group = this.groups.get(queue);
    if (!ids || group === undefined) return;
    // Oldest first, each to the longest-idle free agent who has not just declined it.
    for (let i = 0; i < ids.length;) {
      const call = this.options.table.get(ids[i]!);
      const device = this.options.nextAgent(group, (d) => call !== undefined && this.declinedLately(call, d));
      if (!device) {
        if (this.options.nextAgent(group, () => false) === undefined) return; // nobody free at all
        i++;
        continue;
      }
      ids.splice(i, 1);
      if (call) this.options.ring(call, device);
    }
  }

  private declinedLately(call: Call, device: string): boolean {
    const at = this.declined.get(call)?.get(device);
    return at !== undefined && this.options.now() - at < this.options.offerDeclinedAgainMs;
  }
}
