// What the shell is asked to do when the state changes: an OS notification when a call starts
// ringing at the agent, and the screen pop. Each at most once per call (flags on the call).
import { buildScreenPopUrl, screenPopValues, validateScreenPopTemplate, type ScreenPopSettings } from './screen-pop.ts';
import type { CallView, CoreState, Effect } from './types.ts';
import type { DirectoryEntry } from '../settings/schema.ts';
import { nameOf } from '../settings/names.ts';

export interface EffectSettings {
  notifications: boolean;
  screenPop?: ScreenPopSettings;
  /** The names table: the notification names the queue and the number dialled. */
  names?: readonly DirectoryEntry[];
}

const ringingAtMe = (call: CallView) => call.phase === 'ringing' && !call.placedByMe;

function popDue(call: CallView, settings: ScreenPopSettings): boolean {
  if (call.popped) return false;
  const triggered =
    settings.trigger === 'ringing' ? ringingAtMe(call) : call.phase === 'connected' && call.answeredAt !== undefined;
  if (!triggered) return false;
  if (settings.callTypes?.length && !settings.callTypes.some((t) => t === call.ctype)) return false;
  if (settings.queues?.length && !settings.queues.some((q) => q === call.queue)) return false;
  return true;
}

export function decideEffects(
  prev: CoreState,
  next: CoreState,
  settings: EffectSettings,
): { state: CoreState; effects: Effect[] } {
  if (prev.calls === next.calls) return { state: next, effects: [] };
  const effects: Effect[] = [];
  let calls: Record<number, CallView> | undefined;
  for (const call of Object.values(next.calls)) {
    let updated = call;
    if (!call.notified && ringingAtMe(call)) {
      updated = { ...updated, notified: true };
      if (settings.notifications) {
        const effect: Effect = { type: 'notify', c1: call.c1 };
        if (call.party !== undefined) effect.caller = call.party;
        if (call.queue !== undefined) effect.queue = call.queue;
        if (call.origin !== undefined) effect.origin = call.origin;
        const queueName = nameOf(settings.names ?? [], call.queue);
        if (queueName !== undefined) effect.queueName = queueName;
        const originName = nameOf(settings.names ?? [], call.origin);
        if (originName !== undefined) effect.originName = originName;
        if (call.uui !== undefined) effect.uui = call.uui;
        effects.push(effect);
      }
    }
    if (settings.screenPop && popDue(call, settings.screenPop)) {
      updated = { ...updated, popped: true };
      const { template } = settings.screenPop;
      const url = buildScreenPopUrl(template, screenPopValues(call, next.identity));
      if (url !== undefined) effects.push({ type: 'screen-pop', c1: call.c1, url });
      // A good template gives no URL only when a value of the call would move its path: said and logged.
      else if (validateScreenPopTemplate(template).ok) effects.push({ type: 'screen-pop-refused', c1: call.c1 });
    }
    if (updated !== call) {
      calls ??= { ...next.calls };
      calls[call.c1] = updated;
    }
  }
  return { state: calls ? { ...next, calls } : next, effects };
}
