// A queue alert's notification in the agent's language (issue 27 item 10).
import type { Effect } from '../state/types.ts';
import { duration, translate, type Lang } from './index.ts';

export function queueAlertWords(
  effect: Extract<Effect, { type: 'queue-alert' }>,
  lang: Lang,
): { title: string; body: string } {
  const values = { queue: effect.queue, waiting: effect.waiting, wait: duration(effect.longestWait) };
  const title = translate(
    lang,
    effect.kind === 'waiting' ? 'queueAlert.notifyWaiting' : 'queueAlert.notifyLongestWait',
    values,
  );
  return { title, body: translate(lang, 'queueAlert.notifyBody') };
}
