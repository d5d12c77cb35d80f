// Queue alerts (issue 27 item 10): which of a queue's thresholds its figures have reached, and
// when the longest wait, which grows between events, will reach the next one. A threshold is
// reached at its value (3 calls waiting: at the third); 0 leaves it off. Plain data, no clock.
import type { QueueThreshold } from '../settings/schema.ts';
import type { QueueAlertKind, QueueStats } from './types.ts';

/** The thresholds each shown queue has reached now (a queue with none reached is absent). */
export type QueueAlertLevels = Record<string, QueueAlertKind[]>;

/** The longest wait in a queue at `now`, in whole seconds: 0 when nobody waits. */
export function queueWaitAt(q: QueueStats, now: number): number {
  return q.waiting > 0 ? q.longestWait + Math.max(0, Math.floor((now - q.updatedAt) / 1000)) : 0;
}

function reached(q: QueueStats, t: QueueThreshold, now: number): QueueAlertKind[] {
  const kinds: QueueAlertKind[] = [];
  if (t.waiting > 0 && q.waiting >= t.waiting) kinds.push('waiting');
  if (t.longestWaitSeconds > 0 && queueWaitAt(q, now) >= t.longestWaitSeconds) kinds.push('longestWait');
  return kinds;
}

export function queueAlertLevels(
  queues: Record<string, QueueStats>,
  thresholds: readonly QueueThreshold[],
  now: number,
): QueueAlertLevels {
  const levels: QueueAlertLevels = {};
  for (const t of thresholds) {
    const q = queues[t.queue];
    const kinds = q ? reached(q, t, now) : [];
    if (kinds.length > 0) levels[t.queue] = kinds;
  }
  return levels;
}

/** Ms from `now` until a longest wait not yet at its threshold reaches it (no new event needed); none: undefined. */
export function nextWaitCrossingIn(
  queues: Record<string, QueueStats>,
  thresholds: readonly QueueThreshold[],
  now: number,
): number | undefined {
  let soonest: number | undefined;
  for (const t of thresholds) {
    const q = queues[t.queue];
    if (!q || q.waiting === 0 || t.longestWaitSeconds === 0 || queueWaitAt(q, now) >= t.longestWaitSeconds) continue;
    const at = q.updatedAt + (t.longestWaitSeconds - q.longestWait) * 1000;
    soonest = Math.min(soonest ?? Infinity, Math.max(0, at - now));
  }
  return soonest;
}
