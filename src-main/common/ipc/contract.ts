// The IPC contract between the main process and the toolbar: every command the renderer may send
// (its argument schema and result type) and the state the main process pushes. The preload, the
// main-side IPC manager, the browser-preview bridge and the renderer all derive from this file.
import * as v from 'valibot';
import { Limits } from '../protocol/codes.ts';
import { CallDataInputSchema } from '../call-data-input.ts';
import type { Plain } from '../protocol/catalogue.ts';
import type { CommandOutcome, CoreState } from '../state/types.ts';
import type { EndedBy } from '../state/call-end.ts';
import type { QueueAlertLevels } from '../state/queue-alerts.ts';
import type { TransferWhenFreePlan } from '../state/transfer-when-free.ts';
import { SHORTCUT_ACTIONS, type Settings, type SettingsFieldError, type SettingsView } from '../settings/schema.ts';

const c1 = v.pipe(v.number(), v.integer(), v.minValue(Limits.callIdMin), v.maxValue(Limits.callIdMax));
const reason = v.pipe(v.number(), v.integer(), v.minValue(Limits.reasonMin), v.maxValue(Limits.reasonMax));
/** A number as typed or clicked (`tel:` links too): normalised and validated in the main process. */
const dialString = v.pipe(v.string(), v.maxLength(80));
const none = v.strictObject({});
/** Optional call data (a note, the site's fields): encoded and bounded in the main process (call-data.ts). */
const callData = v.optional(CallDataInputSchema);

/** What the agent wants after the current call ends ("next state", as in Amazon Connect). */
export const NextStateSchema = v.nullable(
  v.variant('state', [
    v.strictObject({ state: v.literal('ready') }),
    v.strictObject({ state: v.literal('notReady'), reason }),
    v.strictObject({ state: v.literal('afterWork'), reason }),
    v.strictObject({ state: v.literal('loggedOff'), reason }),
  ]),
);
export type NextState = v.InferOutput<typeof NextStateSchema>;

/** Toolbar panels; the window grows downwards to fit the open one. */
export const PANELS = ['compact', 'calls', 'dialpad', 'settings', 'directory', 'history', 'today'] as const;
export type Panel = (typeof PANELS)[number];

/** Argument schema of every command. One argument object per command, checked in the main process. */
export const COMMAND_ARGS = {
  // agent state
  logon: none,
  logoff: v.strictObject({ reason }),
  ready: none,
  notReady: v.strictObject({ reason }),
  afterWork: v.strictObject({ reason }),
  setNextState: v.strictObject({ next: NextStateSchema }),
  // calls
  dial: v.strictObject({ number: dialString, callData }),
  redial: none,
  answer: v.strictObject({ c1 }),
  hangup: v.strictObject({ c1 }),
  /** Turns down a call ringing at the agent (a clear); what became of it is told from the events that follow. */
  decline: v.strictObject({ c1 }),
  /** Drops a call not confirmed since the reconnect from the toolbar; nothing is sent to the switch. */
  dismissCall: v.strictObject({ c1 }),
  /** Takes away the card of a call that ended (it stays, saying who ended it, until then or the next ring). */
  dismissEnded: v.strictObject({ key: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  extendAfterCallWork: none,
  hold: v.strictObject({ c1 }),
  retrieve: v.strictObject({ c1 }),
  consult: v.strictObject({ c1, number: dialString, mode: v.picklist(['transfer', 'conference']), callData }),
  /** Cancels an unanswered consult: the consult call (`c1`) is cleared and the customer retrieved. */
  cancelConsult: v.strictObject({ c1 }),
  /** Completes a consult: the active (consult) call and the held call are joined, the agent leaves. */
  transfer: v.strictObject({ activeC1: c1, heldC1: c1 }),
  /** Completes a consult into a conference of the three parties. */
  conference: v.strictObject({ activeC1: c1, heldC1: c1 }),
  singleStepTransfer: v.strictObject({ c1, number: dialString, callData }),
  /** Listens in on a colleague's call (the guide's `bargein`); refused unless the settings turn it on. */
  listenIn: v.strictObject({ number: dialString }),
  /** Issue 27 item 4: holds the customer until the busy colleague at `number` is free, then consults (or transfers blind). */
  transferWhenFree: v.strictObject({ number: dialString, how: v.optional(v.picklist(['consult', 'blind'])) }),
  /** Stops waiting: the customer is retrieved. */
  cancelTransferWhenFree: none,
  // app
  getState: none,
  saveSettings: v.strictObject({ settings: v.unknown() }),
  setPassword: v.strictObject({
    password: v.pipe(v.string(), v.maxLength(256)),
    allowInsecure: v.optional(v.boolean()),
  }),
  dismissError: none,
  setPanel: v.strictObject({
    panel: v.picklist(PANELS),
    height: v.pipe(v.number(), v.integer(), v.minValue(40), v.maxValue(900)),
  }),
  copyDiagnostics: none,
  /** The agent has looked at the history: missed calls so far are no longer new. */
  markHistorySeen: none,
  clearHistory: none,
  /** Answers the offer of a clicked tel:/callto: number. */
  confirmPendingDial: none,
  cancelPendingDial: none,
  /** A keyboard shortcut, in the toolbar or system-wide: the main process decides what it means now. */
  shortcut: v.strictObject({ action: v.picklist(SHORTCUT_ACTIONS) }),
  /** The page saw the network come or go, or was shown again: the main process checks the link now. */
  checkConnection: v.strictObject({ reason: v.picklist(['online', 'offline', 'visible']) }),
  /**
   * The desktop window after its app core failed: the app starts again (the Electron shell does it,
   * ipc-manager.ts; refused unless the core was reported stopped; the core alone answers `ok: false`).
   */
  restartApp: none,
} as const;

export type CommandName = keyof typeof COMMAND_ARGS;
export const COMMAND_NAMES = Object.keys(COMMAND_ARGS) as CommandName[];
export type CommandArgs<C extends CommandName> = v.InferOutput<(typeof COMMAND_ARGS)[C]>;

export type SaveSettingsResult =
  /** `passwordCleared`: the server's hosts or CA changed, so the stored password was removed and must be entered again. */
  | { ok: true; view: SettingsView; passwordCleared?: Plain }
  | { ok: false; errors: (SettingsFieldError & { message: Plain })[] };
export type SetPasswordResult =
  { ok: true; view: SettingsView } | { ok: false; reason: 'insecure-storage' | 'empty'; message: Plain };

/** Result type of every command. */
export interface CommandResults {
  logon: CommandOutcome;
  logoff: CommandOutcome;
  ready: CommandOutcome;
  notReady: CommandOutcome;
  afterWork: CommandOutcome;
  setNextState: { ok: true };
  dial: CommandOutcome;
  redial: CommandOutcome;
  answer: CommandOutcome;
  hangup: CommandOutcome;
  decline: CommandOutcome;
  dismissCall: CommandOutcome;
  dismissEnded: { ok: true };
  extendAfterCallWork: CommandOutcome;
  hold: CommandOutcome;
  retrieve: CommandOutcome;
  consult: CommandOutcome;
  cancelConsult: CommandOutcome;
  transfer: CommandOutcome;
  conference: CommandOutcome;
  singleStepTransfer: CommandOutcome;
  listenIn: CommandOutcome;
  transferWhenFree: CommandOutcome;
  cancelTransferWhenFree: CommandOutcome;
  getState: AppState;
  saveSettings: SaveSettingsResult;
  setPassword: SetPasswordResult;
  dismissError: { ok: true };
  setPanel: { ok: true };
  copyDiagnostics: { ok: true; text: string };
  markHistorySeen: { ok: true };
  clearHistory: { ok: true };
  confirmPendingDial: CommandOutcome;
  cancelPendingDial: { ok: true };
  shortcut: CommandOutcome;
  checkConnection: { ok: true };
  restartApp: { ok: boolean };
}

/**
 * One handler per command, typed from the contract: a handler receives its parsed arguments, and a
 * missing or extra command is a compile error.
 */
export type CommandHandlers = {
  [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandResults[C]> | CommandResults[C];
};

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

/** Channels the main process pushes on. */
/** `stopped`: the desktop's app core failed (an error nobody caught in main); no argument. */
export const PUSH_CHANNELS = { state: 'cti:push:state', stopped: 'cti:push:stopped' } as const;
export const commandChannel = (name: CommandName): string => `cti:cmd:${name}`;

/** The API the preload exposes as `window.cti`: one method per command, plus two subscriptions. */
export type CtiApi = {
  [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandResults[C]>;
} & {
  onState(listener: (state: AppState) => void): () => void;
  /** The app core failed (desktop): the state pushed so far is kept by nobody. The preview never sends it. */
  onStopped(listener: () => void): () => void;
};
export const API_KEYS: readonly string[] = [...COMMAND_NAMES, 'onState', 'onStopped'];

export type ParsedCommand<C extends CommandName> = { ok: true; args: CommandArgs<C> } | { ok: false; error: string };
/** Checks a command's argument as it arrives over IPC; never trusts the renderer. */
export function parseCommandArgs<C extends CommandName>(name: C, input: unknown): ParsedCommand<C> {
  const result = v.safeParse(COMMAND_ARGS[name], input);
  if (result.success) return { ok: true, args: result.output as CommandArgs<C> };
  return { ok: false, error: result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ') };
}
export function isCommandName(x: unknown): x is CommandName {
  return typeof x === 'string' && Object.hasOwn(COMMAND_ARGS, x);
}

export type { Settings };
