// The IPC contract, one entry per command: each command's argument is checked as it arrives (what
// the renderer sends is never trusted) and its result typed from the same entry. The table below
// names every command (the compiler refuses it while one is missing), so a new command is tested too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMAND_NAMES,
  isCommandName,
  parseCommandArgs,
  type CommandArgs,
  type CommandHandlers,
  type CommandName,
  type CommandResults,
  type CtiApi,
} from '../../../src-main/common/ipc/contract.ts';
import { Limits } from '../../../src-main/common/protocol/codes.ts';
import { SHORTCUT_ACTIONS } from '../../../src-main/common/settings/schema.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { CommandOutcome } from '../../../src-main/common/state/types.ts';

/** A fitting argument of every command, with its required fields only. */
const FITTING: { [C in CommandName]: CommandArgs<C> } = {
  logon: {},
  logoff: { reason: 1 },
  ready: {},
  notReady: { reason: 2 },
  afterWork: { reason: 3 },
  setNextState: { next: { state: 'notReady', reason: 4 } },
  dial: { number: '01012345678' },
  redial: {},
  answer: { c1: 3 },
  hangup: { c1: 3 },
  decline: { c1: 3 },
  dismissCall: { c1: 3 },
  dismissEnded: { key: 0 },
  extendAfterCallWork: {},
  hold: { c1: 3 },
  retrieve: { c1: 3 },
  consult: { c1: 3, number: '2001', mode: 'transfer' },
  cancelConsult: { c1: 4 },
  transfer: { activeC1: 4, heldC1: 3 },
  conference: { activeC1: 4, heldC1: 3 },
  singleStepTransfer: { c1: 3, number: '2001' },
  listenIn: { number: '2001' },
  transferWhenFree: { number: '2001' },
  cancelTransferWhenFree: {},
  getState: {},
  saveSettings: { settings: {} },
  setPassword: { password: 'secret' },
  dismissError: {},
  setPanel: { panel: 'calls', height: 120 },
  copyDiagnostics: {},
  markHistorySeen: {},
  clearHistory: {},
  confirmPendingDial: {},
  cancelPendingDial: {},
  shortcut: { action: SHORTCUT_ACTIONS[0] },
  checkConnection: { reason: 'online' },
  restartApp: {},
};

/** Values of the wrong kind or out of bounds for a field holding `value`. */
function wrongFor(value: unknown): unknown[] {
  if (typeof value === 'number') return ['3', 1.5, -1, Number.POSITIVE_INFINITY, Number.NaN, null];
  if (typeof value === 'string') return [1, 'x'.repeat(300), null];
  return ['x', 1, []];
}

test('the contract names each command once, and only its own names are commands', () => {
  assert.deepEqual(new Set(COMMAND_NAMES).size, COMMAND_NAMES.length);
  assert.deepEqual([...COMMAND_NAMES].sort(), Object.keys(FITTING).sort());
  for (const name of COMMAND_NAMES) assert.equal(isCommandName(name), true, name);
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'send', '', 1, null, undefined])
    assert.equal(isCommandName(name), false, String(name));
});

test('every command takes its fitting argument, and refuses a missing, extra or wrong field and a non-object', () => {
  for (const name of COMMAND_NAMES) {
    const fitting = FITTING[name] as Record<string, unknown>;
    const parsed = parseCommandArgs(name, fitting);
    assert.equal(parsed.ok, true, `${name}: ${parsed.ok ? '' : parsed.error}`);
    assert.deepEqual(parsed.ok && parsed.args, fitting, name);
    // An array is an object to the schema: a command without fields takes `[]` as it takes `{}` (nothing is read of it).
    for (const other of [undefined, null, 'x', 7])
      assert.equal(parseCommandArgs(name, other).ok, false, `${name} took ${JSON.stringify(other)}`);
    const extra = parseCommandArgs(name, { ...fitting, sneaky: true });
    assert.equal(extra.ok, false, `${name} took an extra field`);
    assert.match(extra.ok ? '' : extra.error, /sneaky/, name);
    for (const [field, value] of Object.entries(fitting)) {
      const { [field]: _dropped, ...rest } = fitting;
      assert.equal(parseCommandArgs(name, rest).ok, false, `${name} took no ${field}`);
      // saveSettings carries the settings whole: the settings service checks them against their own schema.
      if (name === 'saveSettings') continue;
      for (const wrong of wrongFor(value)) {
        const parsedWrong: boolean = parseCommandArgs(name, { ...fitting, [field]: wrong }).ok;
        assert.equal(parsedWrong, false, `${name} took ${field}: ${JSON.stringify(wrong)}`);
      }
    }
  }
});

test('the optional fields are checked too, and the bounds of call ids and reason codes are the guide’s', () => {
  const refused: [CommandName, unknown][] = [
    ['dial', { number: '1', callData: { note: 'x'.repeat(2049) } }],
    ['dial', { number: '1', callData: { fields: { a: 1 } } }],
    ['consult', { c1: 3, number: '1', mode: 'blind' }],
    ['transferWhenFree', { number: '1', how: 'later' }],
    ['setPassword', { password: 'x', allowInsecure: 'yes' }],
    ['setNextState', { next: { state: 'ready', reason: 1 } }],
    ['setNextState', { next: { state: 'notReady' } }],
    ['answer', { c1: Limits.callIdMin - 1 }],
    ['answer', { c1: Limits.callIdMax + 1 }],
    ['notReady', { reason: Limits.reasonMax + 1 }],
    ['setPanel', { panel: 'calls', height: 901 }],
    ['shortcut', { action: 'format-disk' }],
  ];
  for (const [name, args] of refused)
    assert.equal(parseCommandArgs(name, args).ok, false, `${name} took ${JSON.stringify(args)}`);
  const taken: [CommandName, unknown][] = [
    ['dial', { number: '1', callData: { note: '안녕하세요', fields: { crm: 'A-1' } } }],
    ['transferWhenFree', { number: '1', how: 'blind' }],
    ['setPassword', { password: 'x', allowInsecure: true }],
    ['setNextState', { next: null }],
    ['setNextState', { next: { state: 'ready' } }],
    ['answer', { c1: Limits.callIdMax }],
    ['notReady', { reason: Limits.reasonMin }],
  ];
  for (const [name, args] of taken)
    assert.equal(parseCommandArgs(name, args).ok, true, `${name} refused ${JSON.stringify(args)}`);
});

// What the compiler holds (tsc checks this file): each result is typed from the command's own entry,
// and a handler table or an API with a command missing or extra does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typed: [
  Same<CommandResults['getState'], AppState>,
  Same<CommandResults['logon'], CommandOutcome>,
  Same<CommandResults['copyDiagnostics'], { ok: true; text: string }>,
  Same<CommandArgs<'transfer'>, { activeC1: number; heldC1: number }>,
  Same<ReturnType<CtiApi['hangup']>, Promise<CommandOutcome>>,
] = [true, true, true, true, true];
void typed;
function _handlerTables(all: CommandHandlers, allButOne: Omit<CommandHandlers, 'restartApp'>): CommandHandlers[] {
  // @ts-expect-error restartApp has no handler
  const missing: CommandHandlers = allButOne;
  // @ts-expect-error no such command in the contract
  const extra: CommandHandlers = { ...all, format: () => ({ ok: true }) };
  return [missing, extra];
}
void _handlerTables;
