// The agent's record of the day, kept from the core's state: calls that ended go to the local
// history, time in each agent state to today's figures; and what the toolbar shows of both.
import type { AppState, CallRecord } from '../../common/ipc/contract.ts';
import type { CoreState } from '../../common/state/types.ts';
import { CallHistory, recordOf } from './call-history.ts';
import type { CallFact } from './call-lifecycle.ts';
import { callFigures, startOfDay, stateSecondsToday, type CallFigures } from './today.ts';

export class HistoryView {
  private lastAgent: CoreState['agent'] | undefined;
  /** What the toolbar is shown, kept until the history changes or the day does. */
  private view: { key: string; recent: CallRecord[]; unseenMissed: number; calls: CallFigures } | undefined;

  constructor(
    private readonly history: CallHistory,
    private readonly now: () => number,
  ) {}

  /** Records what ended and the time of an agent state that has just ended. */
  follow(core: CoreState, facts: readonly CallFact[]): void {
    for (const fact of facts) {
      if (fact.kind !== 'ended') continue;
      const record = recordOf(fact.call, fact.endedAt, fact.holdMs);
      if (record) this.history.add(record);
    }
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
      this.view = { key, recent: records.slice(-50).reverse(), unseenMissed: this.history.unseenMissed(), calls: callFigures(records, now) };
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
