// What a shortcut means now — the same for the toolbar's keys and the system-wide ones: answer
// the ringing call, hang up the live one, hold or retrieve, Ready or Not ready, or show.
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { Settings, ShortcutAction } from '../../common/settings/schema.ts';
import type { CoreState } from '../../common/state/types.ts';

export type ShortcutMeaning =
  | { kind: 'show' }
  | { kind: 'call'; command: 'answer' | 'hangup' | 'hold' | 'retrieve'; c1: number }
  | { kind: 'ready' }
  | { kind: 'notReady'; reason: number }
  | { kind: 'nothing'; message: Plain };

const NOTHING_RINGING = both('notice.nothingRinging');
const NO_CALL = both('notice.noCall');

export function shortcutMeaning(action: ShortcutAction, core: Pick<CoreState, 'calls' | 'agent'>, reasons: Settings['agent']['notReadyReasons']): ShortcutMeaning {
  const calls = Object.values(core.calls);
  const live = calls.find((c) => c.phase === 'connected') ?? calls.find((c) => c.phase === 'dialing' || (c.phase === 'ringing' && c.placedByMe));
  switch (action) {
    case 'show':
      return { kind: 'show' };
    case 'answer': {
      const ringing = calls.find((c) => c.phase === 'ringing' && !c.placedByMe);
      return ringing ? { kind: 'call', command: 'answer', c1: ringing.c1 } : { kind: 'nothing', message: NOTHING_RINGING };
    }
    case 'hangup': {
      const target = live ?? calls.find((c) => c.phase === 'ringing') ?? calls[0];
      return target ? { kind: 'call', command: 'hangup', c1: target.c1 } : { kind: 'nothing', message: NO_CALL };
    }
    case 'holdToggle': {
      if (live?.phase === 'connected') return { kind: 'call', command: 'hold', c1: live.c1 };
      const held = calls.find((c) => c.phase === 'held');
      return held ? { kind: 'call', command: 'retrieve', c1: held.c1 } : { kind: 'nothing', message: NO_CALL };
    }
    case 'readyToggle':
      return core.agent.state === 'ready' ? { kind: 'notReady', reason: reasons[0]?.code ?? 1 } : { kind: 'ready' };
  }
}
