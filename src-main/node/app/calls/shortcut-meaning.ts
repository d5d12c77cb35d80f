// What a shortcut means now — the same for the toolbar's keys and the system-wide ones: answer
// the ringing call, hang up the live one, hold or retrieve, Ready or Not ready, or show.
import { both } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { Settings, ShortcutAction } from '../../../common/settings/schema.ts';
import { shortcutNotReadyReason } from '../../../common/state/shortcut-reason.ts';
import { activeCall } from '../../../common/state/call-roles.ts';
import type { CoreState } from '../../../common/state/types.ts';

export type ShortcutMeaning =
  | { kind: 'show' }
  | { kind: 'call'; command: 'answer' | 'hangup' | 'hold' | 'retrieve'; c1: number }
  | { kind: 'ready' }
  | { kind: 'notReady'; reason: number }
  | { kind: 'nothing'; message: Plain };

const NOTHING_RINGING = both('notice.nothingRinging');
const NO_CALL = both('notice.noCall');
const DECLINE_WITH_BUTTON = both('notice.declineWithButton');

export function shortcutMeaning(
  action: ShortcutAction,
  core: Pick<CoreState, 'calls' | 'agent'>,
  reasons: Settings['agent']['notReadyReasons'],
): ShortcutMeaning {
  const calls = Object.values(core.calls);
  const live = activeCall(core.calls);
  switch (action) {
    case 'show':
      return { kind: 'show' };
    case 'answer': {
      const ringing = calls.find((c) => c.phase === 'ringing' && !c.placedByMe);
      return ringing
        ? { kind: 'call', command: 'answer', c1: ringing.c1 }
        : { kind: 'nothing', message: NOTHING_RINGING };
    }
    case 'hangup': {
      // A call ringing at the agent is declined only by its own button, which says where the caller goes and asks first.
      const target = live ?? calls.find((c) => !(c.phase === 'ringing' && !c.placedByMe));
      if (target) return { kind: 'call', command: 'hangup', c1: target.c1 };
      return calls.length > 0
        ? { kind: 'nothing', message: DECLINE_WITH_BUTTON }
        : { kind: 'nothing', message: NO_CALL };
    }
    case 'holdToggle': {
      if (live?.phase === 'connected') return { kind: 'call', command: 'hold', c1: live.c1 };
      const held = calls.find((c) => c.phase === 'held');
      return held ? { kind: 'call', command: 'retrieve', c1: held.c1 } : { kind: 'nothing', message: NO_CALL };
    }
    case 'readyToggle':
      // The toolbar's own F6 never gets here from Ready: it opens the state menu on the reasons
      // instead (src-renderer/App.svelte), so the agent picks one; the help names this reason.
      return core.agent.state === 'ready'
        ? { kind: 'notReady', reason: shortcutNotReadyReason(reasons) }
        : { kind: 'ready' };
  }
}
