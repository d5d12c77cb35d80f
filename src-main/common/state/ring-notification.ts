// The words of the OS notification for a call ringing at the agent, in the agent's language: who
// calls, the number they dialled and the queue (by their names in the settings' names table, else
// "To 7001", "Queue 401"), and the call's user data. Plain text: the shell hands it to the OS as text.
import { translate, type Lang } from '../i18n/index.ts';
import type { Effect } from './types.ts';
import { originLabel, queueLabel, type Say } from '../settings/names.ts';

export function ringNotification(
  effect: Extract<Effect, { type: 'notify' }>,
  lang: Lang,
): { title: string; body: string } {
  const caller = effect.caller ?? translate(lang, 'notification.unknownCaller');
  // The names the core found for the numbers (a name says what it is; a bare number is said to be one).
  const names = [
    ...(effect.origin !== undefined && effect.originName ? [{ number: effect.origin, name: effect.originName }] : []),
    ...(effect.queue !== undefined && effect.queueName ? [{ number: effect.queue, name: effect.queueName }] : []),
  ];
  const say: Say = (key, values) => translate(lang, key, values);
  const body = [
    effect.origin !== undefined ? originLabel(names, effect.origin, say) : '',
    effect.queue !== undefined ? queueLabel(names, effect.queue, say) : '',
    effect.uui ?? '',
  ];
  return { title: translate(lang, 'notification.ringing', { caller }), body: body.filter(Boolean).join(' · ') };
}
