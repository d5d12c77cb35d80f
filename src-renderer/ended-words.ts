// What the toolbar says of a call that ended: who ended it, in the agent's language.
import type { EndedCall } from '#common/state/app-state.ts';
import type { Toolbar } from './toolbar.svelte.ts';

export function endedWords(tb: Pick<Toolbar, 't'>, ended: EndedCall): string {
  return tb.t(ended.endedBy ? `ended.${ended.endedBy}` : 'ended.unknown');
}
