// The names a site gives the switch's numbers a call comes through (settings `names`: the entry
// point the caller dialled, `call.origin`, and the queue, `queue.dn`), as CCP and RingCentral show
// the dialled number and queue by name. A number with no name is shown as the number. Names are
// text a local admin controls: every place that shows one renders it as text, never as markup.
import type { DirectoryEntry } from './schema.ts';

/** The name given to `number`, if any (the first entry for it wins). */
export function nameOf(names: readonly DirectoryEntry[], number: string | undefined): string | undefined {
  if (number === undefined) return undefined;
  return names.find((entry) => entry.number === number)?.name;
}

/** What the agent sees for `number`: its name, else the number itself. */
export function shownNumber(names: readonly DirectoryEntry[], number: string): string {
  return nameOf(names, number) ?? number;
}

/** How the toolbar says a word with a value (its translate). */
export type Say = (key: 'call.origin' | 'call.queue', values: Record<string, string>) => string;

/** The number the caller dialled as the agent reads it: "Sales hotline", or "To 7001" when it has no name. */
export function originLabel(names: readonly DirectoryEntry[], origin: string, say: Say): string {
  return nameOf(names, origin) ?? say('call.origin', { origin });
}

/** The queue as the agent reads it: "Sales queue", or "Queue 401" when it has no name. */
export function queueLabel(names: readonly DirectoryEntry[], queue: string, say: Say): string {
  return nameOf(names, queue) ?? say('call.queue', { queue });
}
