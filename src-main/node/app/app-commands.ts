// The app core's answer to every command of the IPC contract: one handler per command, typed
// from the contract (a missing or extra command is a compile error), each handing its parsed
// arguments to the feature that owns the work.
import type { CommandArgs, CommandHandlers } from '../../common/ipc/contract.ts';
import type { AppState } from '../../common/state/app-state.ts';
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import { ConsultMode } from '../../common/protocol/codes.ts';
import type { Settings, ShortcutAction } from '../../common/settings/schema.ts';
import { reasonOffered } from '../../common/settings/reason-codes.ts';
import type { CommandOutcome, CoreState } from '../../common/state/types.ts';
import { busyCalls } from '../../common/state/call-facts.ts';
import { invalid } from '../../common/state/invalid.ts';
import type { CallControl } from './calls/call-control.ts';
import type { CallFeatures } from './calls/call-features.ts';
import type { TransferWhenFree } from './calls/transfer-when-free.ts';
import type { Dialing } from './calls/dialing.ts';
import type { OpenRecord } from './calls/open-record.ts';
import type { Platform } from './ports.ts';
import type { SettingsService } from './settings/settings-service.ts';
import { shortcutMeaning } from './calls/shortcut-meaning.ts';

/** What the commands reach: the features, and the few things the composition root does itself. */
export interface AppFeatures {
  control: CallControl;
  dialing: Dialing;
  /** The CRM record open in the app's window: its id goes with a consult or transfer. */
  openRecord: OpenRecord;
  calls: CallFeatures;
  transferWhenFree: TransferWhenFree;
  settingsService: SettingsService;
  platform: Platform;
  coreState(): CoreState;
  getState(): AppState;
  settings(): Settings;
  diagnostics(): string;
  dismissErrors(): void;
  /** Shows a notice in the toolbar's banner. */
  tell(message: Plain): void;
  /** Something suggests the link may be gone: the session checks it now (one ping). */
  checkConnection(reason: CommandArgs<'checkConnection'>['reason']): void;
  /** After settings or the password changed: applied to the window and the connection. */
  settingsApplied(): Promise<void>;
  /** The toolbar must see a change. */
  emit(): void;
}

const NOT_UNCONFIRMED = both('notice.callConfirmed');
const NO_AFTER_CALL_WORK = both('afterCallWork.none');
const HANG_UP_FIRST = both('notice.identityChangeDuringCall');
const REASON_NOT_OFFERED = both('notice.reasonNotOffered');
const LISTEN_IN_OFF = both('notice.listenInOff');

/** Another extension or agent id while a call is up would leave the call without its toolbar. */
function identityChangeDuringCall(input: unknown, current: Settings, core: CoreState): boolean {
  const agent = (input as { agent?: { device?: unknown; agentId?: unknown } } | null)?.agent;
  const changes =
    agent !== undefined && (agent.device !== current.agent.device || agent.agentId !== current.agent.agentId);
  return changes && busyCalls(core.calls).length > 0;
}

export function commandTable(app: AppFeatures): CommandHandlers {
  const { control, dialing, calls } = app;
  /** Runs a change the toolbar must see, and answers the command that asked for it. */
  const changed = (change: () => unknown): { ok: true } => {
    change();
    app.emit();
    return { ok: true };
  };
  const table: CommandHandlers = {
    getState: () => app.getState(),
    // agent state
    logon: () => control.withSession((s) => s.logon()),
    logoff: ({ reason }) =>
      reasonOffered(app.settings().agent, 'logoff', reason)
        ? control.agentState({ state: 'loggedOff', reason })
        : invalid(REASON_NOT_OFFERED),
    ready: () => control.agentState({ state: 'ready' }),
    notReady: ({ reason }) => control.agentState({ state: 'notReady', reason }),
    afterWork: ({ reason }) =>
      reasonOffered(app.settings().agent, 'afterWork', reason)
        ? control.agentState({ state: 'afterWork', reason })
        : invalid(REASON_NOT_OFFERED),
    setNextState: ({ next }) => changed(() => calls.nextState.set(next)),
    // calls
    dial: ({ number, callData }) => dialing.dial(number, callData),
    redial: () => dialing.redial(),
    answer: ({ c1 }) => {
      calls.autoAnswer.cancel();
      return control.request('answer', { c1 });
    },
    hangup: ({ c1 }) => control.request('clear', { c1 }),
    decline: ({ c1 }) => {
      calls.autoAnswer.cancel();
      return control.withSession((s) => s.decline(c1));
    },
    extendAfterCallWork: () =>
      calls.afterCallWork.extend(app.settings().agent.afterCallWorkSeconds)
        ? { ok: true, result: 1 }
        : invalid(NO_AFTER_CALL_WORK),
    dismissCall: ({ c1 }) => (calls.unconfirmed.dismiss(c1) ? { ok: true, result: 1 } : invalid(NOT_UNCONFIRMED)),
    hold: ({ c1 }) => control.request('hold', { c1 }),
    retrieve: ({ c1 }) => control.request('retrieve', { c1 }),
    consult: ({ c1, number, mode, callData }) =>
      dialing.withNumber(
        number,
        (called, data) =>
          control.request('consult', {
            c1,
            called,
            mode: mode === 'conference' ? ConsultMode.Conference : ConsultMode.Transfer,
            ...data,
          }),
        callData,
        app.openRecord.idToSend(),
      ),
    cancelConsult: ({ c1 }) => control.cancelConsult(c1, app.coreState().calls),
    transfer: ({ activeC1, heldC1 }) => control.join('transfer', activeC1, heldC1, app.coreState().calls),
    conference: ({ activeC1, heldC1 }) => control.join('confer', activeC1, heldC1, app.coreState().calls),
    singleStepTransfer: ({ c1, number, callData }) =>
      dialing.withNumber(
        number,
        (called, data) => control.request('sstransfer', { c1, called, ...data }),
        callData,
        app.openRecord.idToSend(),
      ),
    listenIn: ({ number }) =>
      app.settings().agent.listenIn
        ? dialing.withNumber(number, (called) => control.withSession((s) => s.listenIn(called)))
        : invalid(LISTEN_IN_OFF),
    transferWhenFree: ({ number, how }) =>
      dialing.withNumber(number, (device) => app.transferWhenFree.start(device, how)),
    cancelTransferWhenFree: () => app.transferWhenFree.cancel(),
    // app
    saveSettings: async ({ settings }) => {
      await app.settingsService.settled(); // a locked field is refused even while the policy's check runs
      if (identityChangeDuringCall(settings, app.settings(), app.coreState()))
        return { ok: false, errors: [{ field: 'agent.device', rule: 'busy', message: HANG_UP_FIRST }] };
      const result = app.settingsService.save(settings);
      if (result.ok) await app.settingsApplied();
      if (result.ok && result.passwordCleared) app.tell(result.passwordCleared);
      return result;
    },
    setPassword: async ({ password, allowInsecure }) => {
      const result = app.settingsService.setPassword(password, allowInsecure === true);
      if (!result.ok) return result;
      await app.settingsApplied();
      return { ok: true, view: app.settingsService.view() };
    },
    dismissError: () => changed(() => app.dismissErrors()),
    dismissEnded: ({ key }) => changed(() => calls.ended.dismiss(key)),
    checkConnection: ({ reason }) => {
      app.checkConnection(reason);
      return { ok: true };
    },
    // Only the desktop shell can start the app again (ipc-manager.ts answers it there).
    restartApp: () => ({ ok: false }),
    setPanel: ({ panel, height }) => {
      app.platform.setPanel(panel, height);
      return { ok: true };
    },
    markHistorySeen: () => changed(() => calls.historyView.markSeen()),
    clearHistory: () => changed(() => calls.historyView.clear()),
    confirmPendingDial: () => dialing.confirm(),
    cancelPendingDial: () => {
      dialing.cancel(); // tells the toolbar itself
      return { ok: true };
    },
    shortcut: ({ action }) => shortcut(action),
    copyDiagnostics: () => {
      const text = app.diagnostics();
      app.platform.copyToClipboard(text);
      return { ok: true, text };
    },
  };

  /** A shortcut, from the toolbar's keys or a system-wide one: what it means now is decided apart. */
  async function shortcut(action: ShortcutAction): Promise<CommandOutcome> {
    const meaning = shortcutMeaning(action, app.coreState(), app.settings().agent.notReadyReasons);
    switch (meaning.kind) {
      case 'show':
        app.platform.bringToFront();
        return { ok: true, result: 1 };
      case 'call':
        return table[meaning.command]({ c1: meaning.c1 });
      case 'ready':
        return table.ready({});
      case 'notReady':
        return table.notReady({ reason: meaning.reason });
      case 'nothing':
        return invalid(meaning.message);
    }
  }

  return table;
}
