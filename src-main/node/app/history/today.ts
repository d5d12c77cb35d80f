// The agent's day at a glance: calls handled, missed and declined, average talk, hold and handle time, time in each
// agent state, all from what this PC recorded today (local midnight to now).
import type { CallRecord, TodaySummary } from '../../../common/state/call-record.ts';
import type { AgentStateName } from '../../../common/state/types.ts';

export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const average = (xs: number[]) => (xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));

export type CallFigures = Omit<TodaySummary, 'stateSeconds'>;

/** Today's call figures: they change only when the history does, so callers may keep them. */
export function callFigures(records: readonly CallRecord[], now: number): CallFigures {
  const midnight = startOfDay(now);
  const today = records.filter((r) => r.endedAt >= midnight);
  // A consult leg is part of the customer's call, not a call of its own.
  const handled = today.filter((r) => (r.answered ?? r.talkSeconds > 0) && !r.consult && !r.listened);
  return {
    handled: handled.length,
    missed: today.filter((r) => r.missed).length,
    declined: today.filter((r) => r.declined).length,
    averageTalkSeconds: average(handled.map((r) => r.talkSeconds)),
    averageHoldSeconds: average(handled.map((r) => r.holdSeconds ?? 0)),
    averageHandleSeconds: average(handled.map((r) => r.handleSeconds)),
  };
}

/** Seconds in each agent state today: what was recorded plus the current state up to now. */
export function stateSecondsToday(
  stateSeconds: Partial<Record<AgentStateName, number>>,
  current: { state: AgentStateName; since: number },
  now: number,
): TodaySummary['stateSeconds'] {
  const seconds: TodaySummary['stateSeconds'] = {};
  for (const [state, s] of Object.entries(stateSeconds))
    if (state !== 'loggedOff' && s) seconds[state as keyof TodaySummary['stateSeconds']] = s;
  if (current.state !== 'loggedOff') {
    const key = current.state;
    seconds[key] = (seconds[key] ?? 0) + (now - Math.max(current.since, startOfDay(now))) / 1000;
  }
  return seconds;
}

export function todaySummary(
  records: readonly CallRecord[],
  stateSeconds: Partial<Record<AgentStateName, number>>,
  current: { state: AgentStateName; since: number },
  now: number,
): TodaySummary {
  return { ...callFigures(records, now), stateSeconds: stateSecondsToday(stateSeconds, current, now) };
}
