// Everything the toolbar shows, as the main process pushes it whole on every change (node/app/app-state.ts
// puts it together): the core's state, the settings view and what each feature of the app has to show.
import type { Plain } from '../protocol/catalogue.ts';
import type { SettingsView } from '../settings/schema.ts';
import type { CoreState } from './types.ts';
import type { EndedBy } from './call-end.ts';
import type { QueueAlertLevels } from './queue-alerts.ts';
import type { TransferWhenFreePlan } from './transfer-when-free.ts';
import type { NextState } from './next-state-schema.ts';
import type { CallRecord, TodaySummary } from './call-record.ts';

/** Everything the toolbar shows; pushed whole on every change (a reload shows the same state). */
export interface AppState {
  core: CoreState;
  settings: SettingsView;
  /** With no server configured the app runs against the built-in simulator, and says so. */
  demo: { active: boolean; controlUrl?: string };
  nextState: NextState;
  /** What will be applied when the last call ends: the agent's choice with the site's after-call work. */
  nextAfterCall: NextState;
  /** After-call work under way, Ready by itself at `until` (setting `agent.afterCallWorkSeconds`). */
  afterCallWork?: { until: number; extendSeconds: number };
  lastDialed?: string;
  /** The newest calls of the local history (newest first, at most 50) and the missed ones not yet seen. */
  history: { recent: CallRecord[]; unseenMissed: number };
  /** The agent's day at a glance, from the local history. */
  today: TodaySummary;
  /**
   * A clicked tel:/callto: number waiting for the agent's OK (setting: confirm click-to-dial);
   * `featureCode`: it holds `*` or `#` (a PBX feature code, e.g. call forwarding), always asked.
   */
  pendingDial?: { number: string; featureCode?: true; sends?: PendingCallData };
  /** Something the app itself has to tell the agent (e.g. a clicked link with no valid number). */
  notice?: { message: Plain; at: number };
  /** Calls that just ended, oldest first (their cards). */
  endedCalls?: EndedCall[];
  /** When the last call the agent talked on ended: the agent state's timer counts from it (state-clock.ts). */
  lastCallEndedAt?: number;
  /** A ringing call the app will answer by itself at `at` (auto-answer setting). */
  autoAnswer?: { c1: number; at: number };
  /** The alert thresholds each watched queue has reached (setting `queueAlerts`); absent: none. */
  queueAlerts?: QueueAlertLevels;
  /** "Transfer when free" waiting for a colleague (issue 27 item 4): the customer retrieved at `until`. */
  transferWhenFree?: TransferWhenFreePlan;
  /** Not ready with the site's Away code since the desk was left (issue 27 item 6); `back`: Ready is offered. */
  away?: AwayView;
  /** Main-process clock at the time of the push, so timers agree across the boundary. */
  now: number;
  version: string;
}

/** A call that ended, its card kept until the agent dismisses it or the next call rings. */
export interface EndedCall {
  /** The call's `key` while it was up. */
  key: number;
  party?: string;
  endedBy?: EndedBy;
  endedAt: number;
  /** The agent's call to a colleague during a consult. */
  consult?: true;
}

/** The call data a clicked link will send, shown with its offer: the note, and the site's fields by their labels. */
export interface PendingCallData {
  note?: string;
  fields: { label: string; value: string }[];
}

/** Why the app set the agent Away: the screen locked, or no input for the set time. */
export interface AwayView {
  cause: 'locked' | 'idle';
  /** The Not ready code sent (setting `agent.awayReason`). */
  reason: number;
  since: number;
  /** The agent is back (unlocked, input again): the bar offers Ready, one click. */
  back: boolean;
}
