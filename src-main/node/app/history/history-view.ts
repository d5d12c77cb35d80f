// The agent's record of the day, kept from the core's state: calls that ended go to the local
// history, time in each agent state to today's figures; and what the toolbar shows of both.
import type { AppState } from '../../../common/state/app-state.ts';
import type { CallRecord } from '../../../common/state/call-record.ts';
import { busyCalls } from '../../../common/state/call-facts.ts';
import type { CoreState } from '../../../common/state/types.ts';
import { CallHistory, recordOf } from './call-history.ts';
import type { CallFact } from '../calls/call-lifecycle.ts';
import { callFigures, startOfDay, stateSecondsToday, type CallFigures } from './today.ts';

/**
 * After work entered this long after a call ended still follows that call: the server's or the
 * next-state feature's switch to After work arrives within a round trip of the call's end; an
 * agent choosing After work later is doing something else.
 */
export const AFTER_WORK_WINDOW_MS = 10_000;

/**
 * Which recorded call the agent's After work belongs to: the last customer call that was answered
 * and ended, if the agent was in After work at its end or entered it within AFTER_WORK_WINDOW_MS,
 * counted from the call's end until the agent leaves After work or another call is at the device.
 */
class AfterWorkAttribution {
  /** The last answered customer call that ended, not yet followed by After work. */
  private ended: { id: string; at: number } | undefined;
  private running: { id: string; from: number } | undefined;

  private readonly add: (id: string, seconds: number) => void;

  constructor(add: (id: string, seconds: number) => void) {
    this.add = add;
  }

  follow(core: CoreState, endedCalls: readonly { id: string; at: number }[], now: number): void {
    const last = endedCalls.at(-1);
    if (last) this.ended = last;
    const inAfterWork = core.agent.state === 'afterWork';
    const calls = busyCalls(core.calls);
    if (this.running && (!inAfterWork || calls.length > 0)) {
      const until = Math.min(now, inAfterWork ? now : core.agent.since, ...calls.map((c) => c.startedAt));
      this.add(this.running.id, Math.max(0, until - this.running.from) / 1000);
      this.running = undefined;
    }
    if (calls.length > 0) this.ended = undefined;
    if (!this.ended || !inAfterWork) return;
    if (core.agent.since <= this.ended.at + AFTER_WORK_WINDOW_MS)
      this.running = { id: this.ended.id, from: Math.max(core.agent.since, this.ended.at) };
    this.ended = undefined;
  }
}

export class HistoryView {
  private lastAgent: CoreState['agent'] | undefined;
  private readonly afterWork: AfterWorkAttribution;
  /** What the toolbar is shown, kept until the history changes or the day does. */
  private view: { key: string; recent: CallRecord[]; unseenMissed: number; calls: CallFigures } | undefined;

  private readonly history: CallHistory;
  private readonly now: () => number;

  constructor(history: CallHistory, now: () => number) {
    this.history = history;
    this.now = now;
    this.afterWork = new AfterWorkAttribution((id, seconds) => history.addAfterWork(id, seconds));
  }

  /** Records what ended, the after-call work that followed it and the time of an agent state that has just ended. */
  follow(core: CoreState, facts: readonly CallFact[]): void {
    const customerCalls: { id: string; at: number }[] = [];
    for (const fact of facts) {
      if (fact.kind !== 'ended') continue;
      const record = recordOf(fact.call, fact.endedAt, fact.holdMs, fact.endedBy);
      if (!record) continue;
      this.history.add(record);
      if (record.answered && !record.consult && !record.listened)
        customerCalls.push({ id: record.id, at: record.endedAt });
    }
    this.afterWork.follow(core, customerCalls, this.now());
    const before = this.lastAgent;
    this.lastAgent = core.agent;
    if (!before || before.since === core.agent.since || before.state === 'loggedOff') return;
    this.history.addAgentTime(before.state, before.since, this.now());
  }

  /**
   * The history and today parts of the state. This runs on every push, so the work over up to
   * 500 records is done only when the history or the day changes.
   */
  state(agent: CoreState['agent']): Pick<AppState, 'history' | 'today'> {
    const now = this.now();
    const key = `${this.history.revision}:${startOfDay(now)}`;
    if (this.view?.key !== key) {
      const records = this.history.list();
      this.view = {
        key,
        recent: records.slice(-50).reverse(),
        unseenMissed: this.history.unseenMissed(),
        calls: callFigures(records, now),
      };
    }
    return {
      history: { recent: this.view.recent, unseenMissed: this.view.unseenMissed },
      today: { ...this.view.calls, stateSeconds: stateSecondsToday(this.history.agentSecondsToday(now), agent, now) },
    };
  }

  markSeen(): void {
    this.history.markSeen(this.now());
  }

  clear(): void {
    this.history.clear();
  }
}
