// The agent's local history as the toolbar shows it: one finished call (a record), and the day at a
// glance summed from them. Kept and summed in node/app (call-history.ts, today.ts).
import type { EndedBy } from './call-end.ts';

/** One finished call in the agent's local history. */
export interface CallRecord {
  id: string;
  number: string;
  direction: 'inbound' | 'outbound' | 'internal';
  queue?: string;
  /** The entry point the caller dialled (call.origin), for calls that came in. */
  origin?: string;
  startedAt: number;
  endedAt: number;
  answered: boolean;
  /** Answered to end, less the time on hold; 0 when never answered. */
  talkSeconds: number;
  /** Time the agent kept the caller on hold (a hold still running at the end included). */
  holdSeconds?: number;
  /** Time in After work that followed the call (from its end, or from entering After work soon after). */
  afterWorkSeconds?: number;
  /** talk + hold + after work. */
  handleSeconds: number;
  /** Rang at the agent and was never answered (nor declined). */
  missed: boolean;
  /** Rang at the agent, who turned it down. */
  declined?: true;
  /** The agent (a supervisor) listened in on a colleague's call: not a call handled. */
  listened?: true;
  /** The agent's call to a colleague during a consult: shown, not counted as a handled call. */
  consult?: true;
  /** Who ended the call, when the events said so. */
  endedBy?: EndedBy;
}

export interface TodaySummary {
  /** Calls answered today (inbound or outbound). */
  handled: number;
  missed: number;
  /** Calls the agent turned down while they rang (apart from missed). */
  declined: number;
  averageTalkSeconds: number;
  averageHoldSeconds: number;
  /** Talk + hold + the after-call work that followed, per handled call. */
  averageHandleSeconds: number;
  /** Seconds in each agent state today, the current one up to `now`. */
  stateSeconds: Partial<Record<'loggedOn' | 'notReady' | 'ready' | 'workNotReady' | 'afterWork', number>>;
}
