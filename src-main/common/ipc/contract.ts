// The IPC contract between the main process and the toolbar: every command the renderer may send,
// each one entry holding its argument's schema and its result type, and the channels the main
// process pushes the state on (the state's shape is common/state/app-state.ts). The preload, the
// main-side IPC manager, the browser-preview bridge and the renderer all derive from this file.
import * as v from 'valibot';
import { Limits } from '../protocol/codes.ts';
import { CallDataInputSchema } from '../call-data-input.ts';
import type { Plain } from '../protocol/catalogue.ts';
import type { CommandOutcome } from '../state/types.ts';
import type { AppState } from '../state/app-state.ts';
import { NextStateSchema, ReasonCodeSchema as reason } from '../state/next-state-schema.ts';
import { SHORTCUT_ACTIONS, type SettingsFieldError, type SettingsView } from '../settings/schema.ts';

/**
 * One command of the contract: the schema its argument must match, and the type of its result. The
 * result is a type only (nothing of it exists at run time): `command(schema).returns<Result>()`.
 */
export interface Command<Args extends v.GenericSchema, Result> {
  readonly args: Args;
  /** Never set: carries the result's type. */
  readonly result?: Result;
}
function command<Args extends v.GenericSchema>(args: Args) {
  return { returns: <Result>(): Command<Args, Result> => ({ args }) };
}

/** The answer of a command that cannot be refused once its argument is checked. */
type Done = { ok: true };

const c1 = v.pipe(v.number(), v.integer(), v.minValue(Limits.callIdMin), v.maxValue(Limits.callIdMax));
/** A number as typed or clicked (`tel:` links too): normalised and validated in the main process. */
const dialString = v.pipe(v.string(), v.maxLength(80));
const none = v.strictObject({});
/** Optional call data (a note, the site's fields): encoded and bounded in the main process (call-data.ts). */
const callData = v.optional(CallDataInputSchema);

export type SaveSettingsResult =
  /** `passwordCleared`: the server's hosts or CA changed, so the stored password was removed and must be entered again. */
  | { ok: true; view: SettingsView; passwordCleared?: Plain }
  | { ok: false; errors: (SettingsFieldError & { message: Plain })[] };
export type SetPasswordResult =
  { ok: true; view: SettingsView } | { ok: false; reason: 'insecure-storage' | 'empty'; message: Plain };

/** Toolbar panels; the window grows downwards to fit the open one. */
export const PANELS = ['compact', 'calls', 'dialpad', 'settings', 'directory', 'history', 'today'] as const;
export type Panel = (typeof PANELS)[number];

/**
 * Every command the toolbar may send, each in one entry: its argument's schema (one argument object,
 * checked in the main process) and its result type. A new command is one entry here and its handler
 * (`CommandHandlers`: the compiler asks for it).
 */
export const COMMANDS = {
  // agent state
  logon: command(none).returns<CommandOutcome>(),
  logoff: command(v.strictObject({ reason })).returns<CommandOutcome>(),
  ready: command(none).returns<CommandOutcome>(),
  notReady: command(v.strictObject({ reason })).returns<CommandOutcome>(),
  afterWork: command(v.strictObject({ reason })).returns<CommandOutcome>(),
  setNextState: command(v.strictObject({ next: NextStateSchema })).returns<Done>(),
  // calls
  dial: command(v.strictObject({ number: dialString, callData })).returns<CommandOutcome>(),
  redial: command(none).returns<CommandOutcome>(),
  answer: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  hangup: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  /** Turns down a call ringing at the agent (a clear); what became of it is told from the events that follow. */
  decline: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  /** Drops a call not confirmed since the reconnect from the toolbar; nothing is sent to the switch. */
  dismissCall: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  /** Takes away the card of a call that ended (it stays, saying who ended it, until then or the next ring). */
  dismissEnded: command(v.strictObject({ key: v.pipe(v.number(), v.integer(), v.minValue(0)) })).returns<Done>(),
  extendAfterCallWork: command(none).returns<CommandOutcome>(),
  hold: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  retrieve: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  consult: command(
    v.strictObject({ c1, number: dialString, mode: v.picklist(['transfer', 'conference']), callData }),
  ).returns<CommandOutcome>(),
  /** Cancels an unanswered consult: the consult call (`c1`) is cleared and the customer retrieved. */
  cancelConsult: command(v.strictObject({ c1 })).returns<CommandOutcome>(),
  /** Completes a consult: the active (consult) call and the held call are joined, the agent leaves. */
  transfer: command(v.strictObject({ activeC1: c1, heldC1: c1 })).returns<CommandOutcome>(),
  /** Completes a consult into a conference of the three parties. */
  conference: command(v.strictObject({ activeC1: c1, heldC1: c1 })).returns<CommandOutcome>(),
  singleStepTransfer: command(v.strictObject({ c1, number: dialString, callData })).returns<CommandOutcome>(),
  /** Listens in on a colleague's call (the guide's `bargein`); refused unless the settings turn it on. */
  listenIn: command(v.strictObject({ number: dialString })).returns<CommandOutcome>(),
  /** Issue 27 item 4: holds the customer until the busy colleague at `number` is free, then consults (or transfers blind). */
  transferWhenFree: command(
    v.strictObject({ number: dialString, how: v.optional(v.picklist(['consult', 'blind'])) }),
  ).returns<CommandOutcome>(),
  /** Stops waiting: the customer is retrieved. */
  cancelTransferWhenFree: command(none).returns<CommandOutcome>(),
  // app
  getState: command(none).returns<AppState>(),
  saveSettings: command(v.strictObject({ settings: v.unknown() })).returns<SaveSettingsResult>(),
  setPassword: command(
    v.strictObject({
      password: v.pipe(v.string(), v.maxLength(256)),
      allowInsecure: v.optional(v.boolean()),
    }),
  ).returns<SetPasswordResult>(),
  dismissError: command(none).returns<Done>(),
  setPanel: command(
    v.strictObject({
      panel: v.picklist(PANELS),
      height: v.pipe(v.number(), v.integer(), v.minValue(40), v.maxValue(900)),
    }),
  ).returns<Done>(),
  copyDiagnostics: command(none).returns<{ ok: true; text: string }>(),
  /** The agent has looked at the history: missed calls so far are no longer new. */
  markHistorySeen: command(none).returns<Done>(),
  clearHistory: command(none).returns<Done>(),
  /** Answers the offer of a clicked tel:/callto: number. */
  confirmPendingDial: command(none).returns<CommandOutcome>(),
  cancelPendingDial: command(none).returns<Done>(),
  /** A keyboard shortcut, in the toolbar or system-wide: the main process decides what it means now. */
  shortcut: command(v.strictObject({ action: v.picklist(SHORTCUT_ACTIONS) })).returns<CommandOutcome>(),
  /** The page saw the network come or go, or was shown again: the main process checks the link now. */
  checkConnection: command(v.strictObject({ reason: v.picklist(['online', 'offline', 'visible']) })).returns<Done>(),
  /**
   * The desktop window after its app core failed: the app starts again (the Electron shell does it,
   * ipc-manager.ts; refused unless the core was reported stopped; the core alone answers `ok: false`).
   */
  restartApp: command(none).returns<{ ok: boolean }>(),
};

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
/** A command's argument, as its schema gives it once checked. */
export type CommandArgs<C extends CommandName> = v.InferOutput<(typeof COMMANDS)[C]['args']>;
/** What each command answers. */
export type CommandResults = {
  [C in CommandName]: (typeof COMMANDS)[C] extends Command<v.GenericSchema, infer Result> ? Result : never;
};

/**
 * One handler per command, typed from the contract: a handler receives its parsed arguments, and a
 * missing or extra command is a compile error.
 */
export type CommandHandlers = {
  [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandResults[C]> | CommandResults[C];
};

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
  const result = v.safeParse(COMMANDS[name].args, input);
  if (result.success) return { ok: true, args: result.output as CommandArgs<C> };
  return { ok: false, error: result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ') };
}
export function isCommandName(x: unknown): x is CommandName {
  return typeof x === 'string' && Object.hasOwn(COMMANDS, x);
}
