// What a colleague's lamp says: its kind (colour and shape, never colour alone), the words for the
// line and the agent there, why a line is not watched, and the time the state has lasted from.
import { reasonLabel, type Lang, type MessageKey } from './i18n.ts';
import { isFree, type ColleagueLine } from '#common/state/colleagues.ts';
import type { AgentStateName } from '#common/state/types.ts';

export type LampKind = 'free' | 'idle' | 'ringing' | 'busy' | 'held' | 'unknown' | 'unavailable';

export interface LampWords {
  kind: LampKind;
  /** The line's state, with the agent's where known: "On a call · Not ready (Break)". */
  state: string;
  /** Why it is unknown or not watched. */
  detail?: string;
  /** ms epoch the shown state began (time in state); none when unknown. */
  since?: number;
}

type Words = { t: (key: MessageKey, values?: Record<string, string | number>) => string; lang: Lang };

const KIND_OF_LINE = { idle: 'idle', ringing: 'ringing', onCall: 'busy', held: 'held', unknown: 'unknown' } as const;

function agentWords(words: Words, agent: NonNullable<ColleagueLine['agent']>, labels: readonly Reason[]): string {
  const name: AgentStateName = agent.state;
  if (name !== 'notReady' || agent.reason === undefined) return words.t(`agent.${name}`);
  const label = labels.find((r) => r.code === agent.reason)?.label;
  return `${words.t('agent.notReady')} (${reasonLabel(words.lang, agent.reason, label)})`;
}

type Reason = { code: number; label: string };

/** `connected`: with the link down nothing is known of any line. `reasons`: the site's Not ready labels. */
export function lampWords(
  words: Words,
  line: ColleagueLine | undefined,
  connected: boolean,
  reasons: readonly Reason[] = [],
): LampWords {
  if (line?.monitor === 'unavailable') {
    const why = line.unavailable;
    return {
      kind: 'unavailable',
      state: words.t('colleague.notAvailable'),
      detail:
        why?.why === 'limit'
          ? words.t('colleague.overLimit', { limit: why.limit })
          : words.t('colleague.refused', { code: String(why?.code ?? '') }),
    };
  }
  if (!line || !connected || line.line === 'unknown')
    return { kind: 'unknown', state: words.t('colleague.line.unknown'), detail: words.t('colleague.unknownWhy') };
  const kind: LampKind = isFree(line) ? 'free' : KIND_OF_LINE[line.line];
  const lineText = words.t(`colleague.line.${line.line}`);
  const agent = line.agent ? ` · ${agentWords(words, line.agent, reasons)}` : '';
  return {
    kind,
    state: `${lineText}${agent}`,
    since: Math.max(line.lineSince, line.agent?.since ?? 0),
  };
}
